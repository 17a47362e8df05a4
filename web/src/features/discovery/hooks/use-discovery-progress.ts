// Live discovery progress: job events from the project's event stream update the status
// query as they arrive; when a discovery job ends, every discovery query is refetched.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { discoveryKeys } from '@/features/discovery/api/discovery';
import type { DiscoveryState, DiscoveryStatus } from '@/features/discovery/types';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';

export function isDiscoveryJob(job: Pick<Job, 'kind'>): boolean {
  return job.kind.startsWith('discovery');
}

const FINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** The status after a job event, or null when the event is not about discovery. */
export function applyJobEvent(prev: DiscoveryStatus | undefined, job: Job): DiscoveryStatus | null {
  if (!isDiscoveryJob(job)) return null;
  if (prev?.job && prev.job.id !== job.id && new Date(job.created_at) < new Date(prev.job.created_at)) return null;
  return { state: job.state as DiscoveryState, job, latest: prev?.latest ?? null };
}

export function useDiscoveryProgress(projectId: string) {
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
      const key = discoveryKeys.status(projectId);
      const next = applyJobEvent(queryClient.getQueryData<DiscoveryStatus>(key), job);
      if (!next) {
        // A file finished parsing: the upload list may have changed.
        if (job.kind.startsWith('files') && FINAL.has(job.state)) void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'files'] });
        return;
      }
      queryClient.setQueryData(key, next);
      if (FINAL.has(job.state)) void queryClient.invalidateQueries({ queryKey: discoveryKeys.all(projectId) });
    },
    [projectId, queryClient],
  );
  return useEventStream(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, onMessage);
}
