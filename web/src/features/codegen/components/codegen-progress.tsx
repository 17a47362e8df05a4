// Choosing platforms and options, starting the generation job, and its live progress.
import { useState } from 'react';
import { JobProgress, JobStateBadge, isJobActive } from '@/components/jobs/job-status';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/feedback';
import styles from '@/features/codegen/components/codegen.module.css';
import { DEFAULT_PLATFORMS, PLATFORMS } from '@/features/codegen/lib/platforms';
import type { CodegenOptions, CodegenStatus, Platform } from '@/features/codegen/types';
import type { StreamStatus } from '@/hooks/use-event-stream';
import shared from '@/styles/shared.module.css';

type Props = {
  status: CodegenStatus;
  stream: StreamStatus;
  onStart: (platforms: Platform[], options: CodegenOptions) => void;
  starting: boolean;
  startError: unknown;
  canEdit: boolean;
};

export function CodegenProgress({ status, stream, onStart, starting, startError, canEdit }: Props) {
  const [chosen, setChosen] = useState<Platform[]>([...DEFAULT_PLATFORMS]);
  const [includeSuggested, setIncludeSuggested] = useState(false);
  const [dbtAdapter, setDbtAdapter] = useState<'bigquery' | 'databricks'>('bigquery');
  const active = isJobActive(status.state);
  const toggle = (p: Platform, on: boolean) => setChosen((prev) => (on ? PLATFORMS.map((x) => x.id).filter((x) => x === p || prev.includes(x)) : prev.filter((x) => x !== p)));
  const generated = PLATFORMS.filter((p) => status.platforms[p.id]);

  return (
    <form
      className="stack"
      aria-label="Generate code"
      onSubmit={(e) => {
        e.preventDefault();
        const options: CodegenOptions = { include_suggested: includeSuggested };
        if (chosen.includes('dbt')) options.dbt_adapter = dbtAdapter;
        onStart(chosen, options);
      }}
    >
      <fieldset className={styles.platformChoice} disabled={!canEdit || active}>
        <legend>Platforms</legend>
        {PLATFORMS.map((p) => (
          <label key={p.id} className={styles.inlineCheck} title={p.summary}>
            <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
            {p.label}
          </label>
        ))}
      </fieldset>
      <div className="row" style={{ flexWrap: 'wrap', gap: 16 }}>
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={includeSuggested} disabled={!canEdit || active} onChange={(e) => setIncludeSuggested(e.target.checked)} />
          Also use the best suggestion of columns nobody decided yet
        </label>
        <label className={shared.inlineField}>
          dbt adapter
          <select value={dbtAdapter} disabled={!canEdit || active || !chosen.includes('dbt')} onChange={(e) => setDbtAdapter(e.target.value as 'bigquery' | 'databricks')}>
            <option value="bigquery">BigQuery</option>
            <option value="databricks">Databricks</option>
          </select>
        </label>
      </div>
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        <Button type="submit" variant="primary" loading={starting} disabled={!canEdit || active || chosen.length === 0}>
          Generate code
        </Button>
        <JobStateBadge state={status.state} />
        {stream === 'reconnecting' ? <span className="muted">Live updates reconnecting…</span> : null}
        {!canEdit ? <span className="muted">Viewers cannot generate code.</span> : null}
      </div>
      {startError ? <ErrorState error={startError} title="Code generation could not start" /> : null}
      <JobProgress state={status.state} job={status.job} label="Code generation progress" />
      {generated.length > 0 ? (
        <dl className={shared.stats} aria-label="Generated platforms">
          {generated.map((p) => {
            const g = status.platforms[p.id]!;
            return (
              <div key={p.id}>
                <dt>{p.label}</dt>
                <dd>
                  v{g.version} · {g.file_count} files · {g.verification?.failed ? `${g.verification.failed} failed` : 'parsed OK'}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
    </form>
  );
}
