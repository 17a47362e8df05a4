// Starting the suggestion engine, its live progress, and what is mapped so far.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import styles from '@/features/mapping/components/mapping.module.css';
import type { MappingStatus } from '@/features/mapping/types';
import type { StreamStatus } from '@/hooks/use-event-stream';

const STATE_LABEL = {
  not_started: { label: 'Not run yet', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'info' },
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Done', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'warning' },
} as const;

type Props = {
  status: MappingStatus;
  stream: StreamStatus;
  onStart: () => void;
  starting: boolean;
  startError: unknown;
  canEdit: boolean;
};

export function MappingProgress({ status, stream, onStart, starting, startError, canEdit }: Props) {
  const state = STATE_LABEL[status.state] ?? STATE_LABEL.not_started;
  const active = status.state === 'queued' || status.state === 'running';
  const job = status.job;
  const counts = status.counts ?? {};
  const noSource = status.files.source === 0;
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Button variant="primary" onClick={onStart} loading={starting} disabled={!canEdit || active || noSource}>
          {status.state === 'not_started' ? 'Suggest mappings' : 'Suggest again'}
        </Button>
        <Badge tone={state.tone} dot>
          {state.label}
        </Badge>
        {stream === 'reconnecting' ? <span className="muted">Live updates reconnecting…</span> : null}
        {!canEdit ? <span className="muted">Viewers cannot run the suggestion engine.</span> : null}
      </div>
      {noSource ? <p className="muted">Upload the source schema first: the engine maps its columns.</p> : null}
      <p className="muted">
        {status.target_proposed
          ? `No target schema uploaded: Godwit proposes one in ${status.target_dialect} from the source (mark uploaded files as target to map onto your own).`
          : `Mapping onto ${status.files.target} uploaded target file(s). Re-running keeps every decision a person made.`}
      </p>
      {startError ? <ErrorState error={startError} title="The suggestion engine could not start" /> : null}
      {job && (active || status.state === 'failed') ? (
        <div>
          <div className={styles.progressRow}>
            <progress max={100} value={job.progress} aria-label="Mapping progress" />
            <span>{job.progress}%</span>
          </div>
          <p role="status" aria-live="polite" className="muted">
            {[job.stage, job.message].filter(Boolean).join(': ') || (status.state === 'queued' ? 'Waiting for a worker…' : 'Working…')}
          </p>
          {status.state === 'failed' && job.error ? <p className={styles.errorText}>Why it failed: {job.error}</p> : null}
        </div>
      ) : null}
      <dl className={styles.stats} aria-label="Mapping summary">
        {(['suggested', 'approved', 'manual', 'rejected'] as const).map((key) => (
          <div key={key}>
            <dt>{key[0]!.toUpperCase() + key.slice(1)}</dt>
            <dd>{counts[key] ?? 0}</dd>
          </div>
        ))}
        <div>
          <dt>Table mappings</dt>
          <dd>{status.table_mappings.count}</dd>
        </div>
        <div>
          <dt>Average completion</dt>
          <dd>{status.table_mappings.average_completion}%</dd>
        </div>
        <div>
          <dt>Required fields covered</dt>
          <dd>
            {status.table_mappings.required_fields_covered} / {status.table_mappings.total_required_fields}
          </dd>
        </div>
      </dl>
    </div>
  );
}
