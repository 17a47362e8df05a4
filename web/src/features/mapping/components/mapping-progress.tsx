// Starting the suggestion engine, its live progress, and what is mapped so far.
import { JobProgress, JobStateBadge, isJobActive } from '@/components/jobs/job-status';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import type { MappingStatus } from '@/features/mapping/types';
import type { StreamStatus } from '@/hooks/use-event-stream';
import shared from '@/styles/shared.module.css';

type Props = {
  status: MappingStatus;
  stream: StreamStatus;
  onStart: () => void;
  starting: boolean;
  startError: unknown;
  canEdit: boolean;
};

export function MappingProgress({ status, stream, onStart, starting, startError, canEdit }: Props) {
  const active = isJobActive(status.state);
  const counts = status.counts ?? {};
  const noSource = status.files.source === 0;
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Button variant="primary" onClick={onStart} loading={starting} disabled={!canEdit || active || noSource}>
          {status.state === 'not_started' ? 'Suggest mappings' : 'Suggest again'}
        </Button>
        <JobStateBadge state={status.state} />
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
      <JobProgress state={status.state} job={status.job} label="Mapping progress" />
      <dl className={shared.stats} aria-label="Mapping summary">
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
