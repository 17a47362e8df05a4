// Live code generation progress: job events from the project's event stream update the
// status query as they arrive; when a generation job ends, every codegen query is refetched.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { codegenKeys } from '@/features/codegen/api/codegen';
import type { CodegenState, CodegenStatus } from '@/features/codegen/types';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';

const FINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** The status after a job event, or null when the event is not about code generation. */
export function applyCodegenJobEvent(prev: CodegenStatus | undefined, job: Job): CodegenStatus | null {
  if (!job.kind.startsWith('codegen') || !prev) return null;
  if (prev.job && prev.job.id !== job.id && new Date(job.created_at) < new Date(prev.job.created_at)) return null;
  return { ...prev, state: job.state as CodegenState, job };
}

export function useCodegenProgress(projectId: string) {
  const queryClient = useQueryClient();
  const onMessage = useCallback(
    (message: SseMessage) => {
      if (message.event !== 'job') return;
      let job: Job;
      try {
        job = JSON.parse(message.data) as Job;
      } catch {
        return;
      }
      if (!job || typeof job.kind !== 'string') return;
      const key = codegenKeys.status(projectId);
      const next = applyCodegenJobEvent(queryClient.getQueryData<CodegenStatus>(key), job);
      if (!next) return;
      queryClient.setQueryData(key, next);
      if (FINAL.has(job.state)) void queryClient.invalidateQueries({ queryKey: codegenKeys.all(projectId) });
    },
    [projectId, queryClient],
  );
  return useEventStream(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, onMessage);
}
