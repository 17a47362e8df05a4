// Live mapping progress: job events from the project's event stream update the status
// query as they arrive; when a mapping job ends, every mapping query is refetched.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { mappingKeys } from '@/features/mapping/api/mapping';
import type { MappingState, MappingStatus } from '@/features/mapping/types';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';

const FINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** The status after a job event, or null when the event is not about mapping. */
export function applyMappingJobEvent(prev: MappingStatus | undefined, job: Job): MappingStatus | null {
  if (!job.kind.startsWith('mapping') || !prev) return null;
  if (prev.job && prev.job.id !== job.id && new Date(job.created_at) < new Date(prev.job.created_at)) return null;
  return { ...prev, state: job.state as MappingState, job };
}

export function useMappingProgress(projectId: string) {
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
      const key = mappingKeys.status(projectId);
      const next = applyMappingJobEvent(queryClient.getQueryData<MappingStatus>(key), job);
      if (!next) return;
      queryClient.setQueryData(key, next);
      if (FINAL.has(job.state)) void queryClient.invalidateQueries({ queryKey: mappingKeys.all(projectId) });
    },
    [projectId, queryClient],
  );
  return useEventStream(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, onMessage);
}
