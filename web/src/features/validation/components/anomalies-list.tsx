// The anomalies of a report in the order to look at them (the engine's or a model's
// ranking; by severity for reports written before ranking existed), each with its explanation,
// its numbers, the sample rows (masked unless the run allowed values) and, for a
// distribution shift, the two quantile sketches drawn over each other.
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { QuantileChart } from '@/features/validation/components/distribution-chart';
import { SampleRowsTable } from '@/features/validation/components/sample-rows-table';
import styles from '@/features/validation/components/validation.module.css';
import { quantileSeries, sampleRows, SEVERITIES, severityRank, SEVERITY_TONE } from '@/features/validation/lib/report';
import type { Anomaly } from '@/features/validation/types';

const KIND_LABEL: Record<string, string> = {
  null_rate_jump: 'Null rate jump',
  distribution_shift: 'Distribution shift',
  outlier: 'Outliers',
  truncated_string: 'Truncated strings',
  rounded_decimal: 'Rounded decimals',
  shifted_timestamp: 'Shifted timestamps',
  constraint_violation: 'Constraint violations',
};

/** Ranked anomalies first in rank order; unranked ones (older reports) after them. */
function rankOrder(a: Anomaly): number {
  return a.rank && a.rank > 0 ? a.rank : Number.MAX_SAFE_INTEGER;
}

type Props = {
  anomalies: Anomaly[];
  severity: string;
  onSeverity: (severity: string) => void;
};

export function AnomaliesList({ anomalies, severity, onSeverity }: Props) {
  const sorted = [...anomalies].sort(
    (a, b) => rankOrder(a) - rankOrder(b) || severityRank(a.severity) - severityRank(b.severity) || b.count - a.count,
  );
  return (
    <div className="stack">
      <div className={styles.toolbar}>
        <SelectField
          label="Severity"
          value={severity}
          onChange={(e) => onSeverity(e.target.value)}
          placeholder="Every severity"
          options={SEVERITIES.map((s) => ({ value: s, label: s }))}
        />
      </div>
      {sorted.length === 0 ? (
        <EmptyState title={severity ? `No ${severity} anomalies` : 'No anomalies'}>
          Null rates, distributions, outliers, rounding, time zones and declared types look the same on both sides.
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-label="Anomalies">
          {sorted.map((a) => {
            const rows = sampleRows(a.samples);
            const series = quantileSeries(a);
            const where = `${a.table}${a.column ? `.${a.column}` : ''}`;
            return (
              <li key={a.id} className={styles.item} aria-labelledby={`anomaly-${a.id}`}>
                <div className={styles.itemHeader}>
                  <h3 id={`anomaly-${a.id}`}>
                    {KIND_LABEL[a.kind] ?? a.kind} · {where}
                  </h3>
                  <Badge tone={SEVERITY_TONE[a.severity] ?? 'neutral'}>{a.severity}</Badge>
                  <span className="muted">{a.count.toLocaleString()} rows</span>
                </div>
                <p>{a.explanation}</p>
                {a.likely_cause ? (
                  <p>
                    <strong>Likely cause:</strong> {a.likely_cause}
                  </p>
                ) : null}
                {a.ai_explanation ? (
                  <p>
                    <strong>Model&apos;s explanation</strong> <span className="muted">({a.explained_by})</span>: {a.ai_explanation}
                  </p>
                ) : null}
                {series ? <QuantileChart series={series} title={where} /> : null}
                <SampleRowsTable rows={rows} caption={`Sample rows of ${where}`} label={`Sample rows: ${KIND_LABEL[a.kind] ?? a.kind} · ${where}`} />
                {a.masked && rows.length > 0 ? <p className="muted">Sample values are masked (letters → X, digits → 9).</p> : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
