// Live mapping progress: job events from the project's event stream update the status
// query as they arrive; when a mapping job ends, every mapping query is refetched.
import type { Job } from '@/api/types';
import { mappingKeys } from '@/features/mapping/api/mapping';
import type { MappingState, MappingStatus } from '@/features/mapping/types';
import { isOlderJob, usePhaseJobProgress } from '@/hooks/use-phase-job-progress';

/** The status after a job event, or null when the event is not about mapping. */
export function applyMappingJobEvent(prev: MappingStatus | undefined, job: Job): MappingStatus | null {
  if (!job.kind.startsWith('mapping') || !prev) return null;
  if (isOlderJob(prev.job, job)) return null;
  return { ...prev, state: job.state as MappingState, job };
}

export function useMappingProgress(projectId: string) {
  return usePhaseJobProgress(projectId, {
    statusKey: mappingKeys.status(projectId),
    allKey: mappingKeys.all(projectId),
    apply: applyMappingJobEvent,
  });
}
