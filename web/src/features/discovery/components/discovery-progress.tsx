// The start button and the running job's live progress (stage, message, percent).
import { JobProgress, JobStateBadge, isJobActive } from '@/components/jobs/job-status';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import styles from '@/features/discovery/components/discovery.module.css';
import type { DiscoveryStatus } from '@/features/discovery/types';
import type { StreamStatus } from '@/hooks/use-event-stream';
import { formatRelative } from '@/lib/format';

type Props = {
  status: DiscoveryStatus;
  stream: StreamStatus;
  onStart: () => void;
  starting: boolean;
  startError: unknown;
  canEdit: boolean;
  /** Why the chosen sources cannot be discovered; the start button waits for a fix. */
  blockedReason?: string | null;
};

export function DiscoveryProgress({ status, stream, onStart, starting, startError, canEdit, blockedReason = null }: Props) {
  const active = isJobActive(status.state);
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Button variant="primary" onClick={onStart} loading={starting} disabled={!canEdit || active || blockedReason !== null}>
          {status.latest ? 'Run discovery again' : 'Start discovery'}
        </Button>
        <JobStateBadge state={status.state} />
        {stream === 'reconnecting' ? <span className="muted">Live updates reconnecting…</span> : null}
        {!canEdit ? <span className="muted">Viewers cannot start discovery.</span> : null}
        {canEdit && blockedReason ? <span className="muted">{blockedReason}</span> : null}
      </div>
      {startError ? <ErrorState error={startError} title="Discovery could not start" /> : null}
      <JobProgress state={status.state} job={status.job} label="Discovery progress" />
      {status.latest ? (
        <dl className={styles.stats} aria-label="Latest snapshot">
          <div>
            <dt>Snapshot</dt>
            <dd>v{status.latest.version}</dd>
          </div>
          <div>
            <dt>Tables</dt>
            <dd>{status.latest.table_count}</dd>
          </div>
          <div>
            <dt>Columns</dt>
            <dd>{status.latest.column_count}</dd>
          </div>
          <div>
            <dt>Relationships</dt>
            <dd>{status.latest.relationship_count}</dd>
          </div>
          <div>
            <dt>Complexity</dt>
            <dd>{status.latest.complexity_score.toFixed(1)} / 10</dd>
          </div>
          <div>
            <dt>Diagnostics</dt>
            <dd>{status.latest.diagnostic_count}</dd>
          </div>
          <div>
            <dt>Taken</dt>
            <dd>{formatRelative(status.latest.created_at)}</dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}
