// Live progress of one phase (discovery, mapping, code generation, validation): job events
// from the project's event stream update the phase's status query as they arrive, and
// when one of its jobs ends every query of the phase is refetched. Each page supplies how
// a job event changes its status; the stream handling lives here once.
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Job } from '@/api/types';
import { useEventStream } from '@/hooks/use-event-stream';
import type { SseMessage } from '@/lib/sse';

const FINAL: ReadonlySet<string> = new Set(['succeeded', 'failed', 'cancelled']);

/** Whether a job state is final (the job will not change again). */
export function isFinalJobState(state: string): boolean {
  return FINAL.has(state);
}

/** True when `job` is older than the job a status already shows (a late event of an earlier run). */
export function isOlderJob(shown: Pick<Job, 'id' | 'created_at'> | null | undefined, job: Pick<Job, 'id' | 'created_at'>): boolean {
  return !!shown && shown.id !== job.id && new Date(job.created_at) < new Date(shown.created_at);
}

/** The job an SSE message carries, or null for other events and malformed data. */
export function jobFromMessage(message: SseMessage): Job | null {
  if (message.event !== 'job') return null;
  try {
    const job = JSON.parse(message.data) as Job;
    return job && typeof job.kind === 'string' ? job : null;
  } catch {
    return null;
  }
}

export interface PhaseJobProgress<S> {
  /** The phase's status query. */
  statusKey: QueryKey;
  /** The prefix of every query of the phase, refetched when one of its jobs ends. */
  allKey: QueryKey;
  /** The status after a job event, or null when the event is not about this phase. */
  apply: (prev: S | undefined, job: Job) => S | null;
  /** Called with the jobs of other phases. */
  onOtherJob?: (job: Job) => void;
}

export function usePhaseJobProgress<S>(projectId: string, phase: PhaseJobProgress<S>) {
  const queryClient = useQueryClient();
  const { statusKey, allKey, apply, onOtherJob } = phase;
  const onMessage = useCallback(
    (message: SseMessage) => {
      const job = jobFromMessage(message);
      if (!job) return;
      const next = apply(queryClient.getQueryData<S>(statusKey), job);
      if (!next) {
        onOtherJob?.(job);
        return;
      }
      queryClient.setQueryData(statusKey, next);
      if (isFinalJobState(job.state)) void queryClient.invalidateQueries({ queryKey: allKey });
    },
    // The keys are arrays rebuilt on every render: compare them by value.
    [queryClient, JSON.stringify(statusKey), JSON.stringify(allKey), apply, onOtherJob],
  );
  return useEventStream(`/api/v1/projects/${encodeURIComponent(projectId)}/events`, onMessage);
}
