// Live discovery progress: job events from the project's event stream update the status
// query as they arrive; when a discovery job ends, every discovery query is refetched.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { discoveryKeys } from '@/features/discovery/api/discovery';
import type { DiscoveryState, DiscoveryStatus } from '@/features/discovery/types';
import { isFinalJobState, isOlderJob, usePhaseJobProgress } from '@/hooks/use-phase-job-progress';

export function isDiscoveryJob(job: Pick<Job, 'kind'>): boolean {
  return job.kind.startsWith('discovery');
}

/** The status after a job event, or null when the event is not about discovery. */
export function applyJobEvent(prev: DiscoveryStatus | undefined, job: Job): DiscoveryStatus | null {
  if (!isDiscoveryJob(job)) return null;
  if (isOlderJob(prev?.job, job)) return null;
  return { state: job.state as DiscoveryState, job, latest: prev?.latest ?? null };
}

export function useDiscoveryProgress(projectId: string) {
  const queryClient = useQueryClient();
  // A file finished parsing: the upload list may have changed.
  const onOtherJob = useCallback(
    (job: Job) => {
      if (job.kind.startsWith('files') && isFinalJobState(job.state))
        void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'files'] });
    },
    [projectId, queryClient],
  );
  return usePhaseJobProgress(projectId, {
    statusKey: discoveryKeys.status(projectId),
    allKey: discoveryKeys.all(projectId),
    apply: applyJobEvent,
    onOtherJob,
  });
}
