// Live code generation progress: job events from the project's event stream update the
// status query as they arrive; when a generation job ends, every codegen query is refetched.
import type { Job } from '@/api/types';
import { codegenKeys } from '@/features/codegen/api/codegen';
import type { CodegenState, CodegenStatus } from '@/features/codegen/types';
import { isOlderJob, usePhaseJobProgress } from '@/hooks/use-phase-job-progress';

/** The status after a job event, or null when the event is not about code generation. */
export function applyCodegenJobEvent(prev: CodegenStatus | undefined, job: Job): CodegenStatus | null {
  if (!job.kind.startsWith('codegen') || !prev) return null;
  if (isOlderJob(prev.job, job)) return null;
  return { ...prev, state: job.state as CodegenState, job };
}

export function useCodegenProgress(projectId: string) {
  return usePhaseJobProgress(projectId, {
    statusKey: codegenKeys.status(projectId),
    allKey: codegenKeys.all(projectId),
    apply: applyCodegenJobEvent,
  });
}
