// A report at a glance: the verdict, accuracy and counts, each table's status, and charts of
// every numeric column's range on both sides; with the HTML and JSON exports.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableHead } from '@/components/ui/table';
import { RangeChart } from '@/features/validation/components/distribution-chart';
import styles from '@/features/validation/components/validation.module.css';
import { columnRanges, formatDuration, formatPercent, STATUS_TONE } from '@/features/validation/lib/report';
import type { ReportDetail } from '@/features/validation/types';
import shared from '@/styles/shared.module.css';

type Props = {
  report: ReportDetail;
  onExport: (format: 'html' | 'json') => void;
};

export function ReportDashboard({ report, onExport }: Props) {
  const doc = report.report;
  const tables = Array.isArray(doc?.tables) ? doc.tables : [];
  const ranges = columnRanges(doc);
  const checks = report.checks ?? {};
  const passed = report.status === 'passed';
  return (
    <div className="stack" style={{ gap: 20 }}>
      <div className={styles.verdict}>
        <Badge tone={passed ? 'success' : 'danger'} dot>
          {passed ? 'Passed' : 'Failed'}
        </Badge>
        <span className="muted">
          {report.source_engine} → {report.target_engine} · {new Date(report.created_at).toLocaleString()} · took{' '}
          {formatDuration(report.duration_ms)}
        </span>
        <span style={{ flex: 1 }} />
        <Button size="sm" onClick={() => onExport('html')}>
          Export HTML
        </Button>
        <Button size="sm" onClick={() => onExport('json')}>
          Export JSON
        </Button>
      </div>
      <dl className={`${shared.stats} ${shared.statsLarge}`} aria-label="Report summary">
        <div>
          <dt>Accuracy</dt>
          <dd>{formatPercent(report.overall_accuracy)}</dd>
        </div>
        <div>
          <dt>Records tested</dt>
          <dd>{(report.records_tested ?? 0).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Records failed</dt>
          <dd>{(report.records_failed ?? 0).toLocaleString()}</dd>
        </div>
        <div>
          <dt>Checks passed</dt>
          <dd>{checks.passed ?? 0}</dd>
        </div>
        <div>
          <dt>Checks failed</dt>
          <dd>{checks.failed ?? 0}</dd>
        </div>
        <div>
          <dt>Checks errored</dt>
          <dd>{checks.errored ?? 0}</dd>
        </div>
        <div>
          <dt>Anomalies</dt>
          <dd>{report.anomalies ?? 0}</dd>
        </div>
      </dl>
      {tables.length > 0 ? (
        <Table caption="Tables" aria-label="Tables">
          <TableHead columns={['Target table', 'Source table', 'Status', 'Rows (source / target)', 'Checks passed', 'Checks failed', 'Accuracy']} />
          <tbody>
            {tables.map((t) => (
              <tr key={`${t.source_table}->${t.target_table}`}>
                <th scope="row">{t.target_table}</th>
                <td>{t.source_table || '—'}</td>
                <td>
                  <Badge tone={STATUS_TONE[t.status] ?? 'neutral'}>{t.status}</Badge>
                </td>
                <td>
                  {t.source_rows ?? '—'} / {t.target_rows ?? '—'}
                </td>
                <td>{t.checks_passed}</td>
                <td>{t.checks_failed + t.checks_errored}</td>
                <td>{t.records_tested > 0 ? formatPercent(t.accuracy * 100) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {ranges.length > 0 ? (
        <section aria-labelledby="validation-ranges-heading" className="stack">
          <h3 id="validation-ranges-heading">Column ranges, source vs target</h3>
          <div className={styles.charts}>
            {ranges.map((r) => (
              <RangeChart key={`${r.table}.${r.column}`} range={r} />
            ))}
          </div>
        </section>
      ) : null}
      {Array.isArray(doc?.diagnostics) && doc.diagnostics.length > 0 ? (
        <section aria-labelledby="validation-notchecked-heading" className="stack">
          <h3 id="validation-notchecked-heading">Not checked</h3>
          <ul>
            {doc.diagnostics.map((d, i) => (
              <li key={i}>
                <code>{d.code}</code> {d.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
