// The state badge and live progress of a phase's background job (discovery, mapping,
// code generation ...): one look and one wording for every page that starts a job.
import { Badge } from '@/components/ui/badge';
import type { Job } from '@/api/types';
import styles from '@/components/jobs/job-status.module.css';

/** A phase's job state as the status endpoints report it; "idle" and "not_started" both mean never run. */
export type PhaseJobState = 'idle' | 'not_started' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

const STATE_LABEL: Record<PhaseJobState, { label: string; tone: 'neutral' | 'info' | 'success' | 'danger' | 'warning' }> = {
  idle: { label: 'Not run yet', tone: 'neutral' },
  not_started: { label: 'Not run yet', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Done', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
};

export function isJobActive(state: PhaseJobState): boolean {
  return state === 'queued' || state === 'running';
}

export function JobStateBadge({ state }: { state: PhaseJobState }) {
  const shown = STATE_LABEL[state] ?? STATE_LABEL.idle;
  return (
    <Badge tone={shown.tone} dot>
      {shown.label}
    </Badge>
  );
}

type ProgressJob = Pick<Job, 'progress' | 'stage' | 'message'> & { error?: string | null };

/** The progress bar, stage and message while the job is queued or running, and why it failed. */
export function JobProgress({ state, job, label }: { state: PhaseJobState; job: ProgressJob | null; label: string }) {
  if (!job || !(isJobActive(state) || state === 'failed')) return null;
  return (
    <div className={styles.jobProgress}>
      <div className={styles.progressRow}>
        <progress max={100} value={job.progress} aria-label={label} />
        <span>{job.progress}%</span>
      </div>
      <p role="status" aria-live="polite" className="muted">
        {[job.stage, job.message].filter(Boolean).join(': ') || (state === 'queued' ? 'Waiting for a worker…' : 'Working…')}
      </p>
      {state === 'failed' && job.error ? <p className={styles.errorText}>Why it failed: {job.error}</p> : null}
    </div>
  );
}
