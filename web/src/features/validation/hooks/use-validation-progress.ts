// Live validation progress: job events from the project's event stream update the status
// query as they arrive; when a validation job ends, every validation query is refetched.
import type { Job } from '@/api/types';
import { validationKeys } from '@/features/validation/api/validation';
import type { ValidationState, ValidationStatus } from '@/features/validation/types';
import { isOlderJob, usePhaseJobProgress } from '@/hooks/use-phase-job-progress';

/** The status after a job event, or null when the event is not about validation. */
export function applyValidationJobEvent(prev: ValidationStatus | undefined, job: Job): ValidationStatus | null {
  if (!job.kind.startsWith('validation') || !prev) return null;
  if (isOlderJob(prev.job, job)) return null;
  return { ...prev, state: job.state as ValidationState, job };
}

export function useValidationProgress(projectId: string) {
  return usePhaseJobProgress(projectId, {
    statusKey: validationKeys.status(projectId),
    allKey: validationKeys.all(projectId),
    apply: applyValidationJobEvent,
  });
}
