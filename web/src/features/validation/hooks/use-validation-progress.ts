// Live validation progress: job events from the project's event stream update the status
// query as they arrive; when a validation job ends, every validation query is refetched.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { validationKeys } from '@/features/validation/api/validation';
import type { ValidationState, ValidationStatus } from '@/features/validation/types';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';

const FINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** The status after a job event, or null when the event is not about validation. */
export function applyValidationJobEvent(prev: ValidationStatus | undefined, job: Job): ValidationStatus | null {
  if (!job.kind.startsWith('validation') || !prev) return null;
  if (prev.job && prev.job.id !== job.id && new Date(job.created_at) < new Date(prev.job.created_at)) return null;
  return { ...prev, state: job.state as ValidationState, job };
}

export function useValidationProgress(projectId: string) {
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
      const key = validationKeys.status(projectId);
      const next = applyValidationJobEvent(queryClient.getQueryData<ValidationStatus>(key), job);
      if (!next) return;
      queryClient.setQueryData(key, next);
      if (FINAL.has(job.state)) void queryClient.invalidateQueries({ queryKey: validationKeys.all(projectId) });
    },
    [projectId, queryClient],
  );
  return useEventStream(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, onMessage);
}
