// Choosing the source and target connections, starting a validation run (a job), and its
// live progress: percent and the stage ("customers: keyed diff").
import { useState } from 'react';
import { JobProgress, JobStateBadge, isJobActive } from '@/components/jobs/job-status';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import styles from '@/features/validation/components/validation.module.css';
import type { ValidationOptions, ValidationStatus } from '@/features/validation/types';
import type { StreamStatus } from '@/hooks/use-event-stream';

export type ConnectionChoice = { id: string; name: string; engine: string };

type Props = {
  status: ValidationStatus;
  stream: StreamStatus;
  connections: ConnectionChoice[];
  onStart: (source: string, target: string, options: ValidationOptions) => void;
  starting: boolean;
  startError: unknown;
  canEdit: boolean;
};

/** The connections of the newest report, else the first two saved ones. */
export function defaultPair(connections: ConnectionChoice[], status: ValidationStatus): [string, string] {
  const ids = new Set(connections.map((c) => c.id));
  const last = status.latest_report;
  const source = last?.source_connection_id && ids.has(last.source_connection_id) ? last.source_connection_id : connections[0]?.id ?? '';
  const target = last?.target_connection_id && ids.has(last.target_connection_id) ? last.target_connection_id : connections[1]?.id ?? '';
  return [source, target];
}

export function ValidationRun({ status, stream, connections, onStart, starting, startError, canEdit }: Props) {
  const [defaultSource, defaultTarget] = defaultPair(connections, status);
  const [source, setSource] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [allowSamples, setAllowSamples] = useState(false);
  const [anomalies, setAnomalies] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const active = isJobActive(status.state);
  const chosenSource = source ?? defaultSource;
  const chosenTarget = target ?? defaultTarget;
  const options = connections.map((c) => ({ value: c.id, label: `${c.name} (${c.engine})` }));

  return (
    <form
      className="stack"
      aria-label="Run validation"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosenSource || !chosenTarget) {
          setError('Choose a source and a target connection.');
          return;
        }
        if (chosenSource === chosenTarget) {
          setError('The source and the target must be different connections.');
          return;
        }
        setError(null);
        onStart(chosenSource, chosenTarget, { allow_sample_values: allowSamples, anomalies });
      }}
    >
      <div className={styles.grid}>
        <SelectField
          label="Source database"
          value={chosenSource}
          options={options}
          placeholder="Choose a connection"
          disabled={!canEdit || active}
          onChange={(e) => setSource(e.target.value)}
          hint="Where the data comes from (read-only)."
        />
        <SelectField
          label="Target database"
          value={chosenTarget}
          options={options}
          placeholder="Choose a connection"
          disabled={!canEdit || active}
          onChange={(e) => setTarget(e.target.value)}
          hint="Where the migrated data is (read-only)."
        />
      </div>
      <div className="row" style={{ flexWrap: 'wrap', gap: 16 }}>
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={anomalies} disabled={!canEdit || active} onChange={(e) => setAnomalies(e.target.checked)} />
          Look for anomalies (null rates, distributions, outliers, rounding)
        </label>
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={allowSamples} disabled={!canEdit || active} onChange={(e) => setAllowSamples(e.target.checked)} />
          Show real values in samples (otherwise masked: Ann-42 → Xxx-99)
        </label>
      </div>
      {error ? (
        <p role="alert" className={styles.errorText}>
          {error}
        </p>
      ) : null}
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Button type="submit" variant="primary" loading={starting} disabled={!canEdit || active || connections.length < 2}>
          Run validation
        </Button>
        <JobStateBadge state={status.state} />
        {stream === 'reconnecting' ? <span className="muted">Live updates reconnecting…</span> : null}
        {!canEdit ? <span className="muted">Viewers cannot run validations.</span> : null}
        {canEdit && connections.length < 2 ? <span className="muted">Add a source and a target connection first.</span> : null}
      </div>
      {startError ? <ErrorState error={startError} title="The validation could not start" /> : null}
      <JobProgress state={status.state} job={status.job} label="Validation progress" />
    </form>
  );
}
