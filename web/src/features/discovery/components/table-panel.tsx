// One discovered table: where it came from, its columns and keys, its relationships with
// confidence and evidence, its findings and what makes it complex.
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { TableHead } from '@/components/ui/table';
import { useTable } from '@/features/discovery/api/tables';
import styles from '@/features/discovery/components/discovery.module.css';
import { evidenceText, relationshipEnds, relationshipKind } from '@/features/discovery/components/evidence';
import { ComplexityFactors } from '@/features/discovery/components/complexity-breakdown';
import { formatConfidence, tableLabel } from '@/features/discovery/lib/graph-transform';
import type { TableDetail } from '@/features/discovery/types';

export function TablePanel({ projectId, tableId, onClose }: { projectId: string; tableId: string; onClose: () => void }) {
  const table = useTable(projectId, tableId);
  return (
    <section className={styles.panel} aria-labelledby="table-panel-heading">
      <div className={styles.panelHeader}>
        <h3 id="table-panel-heading">{table.data ? tableLabel(table.data) : 'Table'}</h3>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      {table.isPending ? <LoadingState label="Loading the table…" /> : null}
      {table.isError ? <ErrorState error={table.error} onRetry={() => void table.refetch()} /> : null}
      {table.data ? <TableDetailView table={table.data} /> : null}
    </section>
  );
}

export function TableDetailView({ table }: { table: TableDetail }) {
  return (
    <div className={styles.panelBody}>
      <p className={styles.panelMeta}>
        <Badge tone="brand">{table.kind}</Badge>
        {table.role ? <Badge tone="info">{table.role}</Badge> : null}
        <span>{table.columns.length} columns</span>
        {table.row_count !== null && table.row_count !== undefined ? <span>{table.row_count.toLocaleString('en')} rows</span> : null}
        {table.origin?.file ? (
          <code>
            {table.origin.file}
            {table.origin.line ? `:${table.origin.line}` : ''}
          </code>
        ) : null}
      </p>

      <h4>Columns</h4>
      <div className={styles.scrollX}>
        <table className={styles.compact} aria-label={`Columns of ${table.name}`}>
          <TableHead columns={['Name', 'Type', 'Null', 'Keys']} />
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.name}>
                <th scope="row">{c.name}</th>
                <td>
                  <code>{c.data_type}</code>
                  {c.canonical_type && c.canonical_type !== c.data_type ? <span className="muted"> ({c.canonical_type})</span> : null}
                </td>
                <td>{c.nullable ? 'yes' : 'no'}</td>
                <td>
                  {c.is_primary_key ? <Badge tone="success">PK</Badge> : null}{' '}
                  {c.is_foreign_key ? (
                    <Badge tone="info">
                      FK{c.references_table ? ` → ${c.references_table}${c.references_column ? `.${c.references_column}` : ''}` : ''}
                    </Badge>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h4>Relationships</h4>
      {table.relationships.length === 0 ? (
        <p className="muted">No relationships found for this table.</p>
      ) : (
        <ul className={styles.relationships} aria-label="Relationships">
          {table.relationships.map((r, i) => {
            const ends = relationshipEnds(r);
            return (
              <li key={r.id ?? i}>
                <div className={styles.relHead}>
                  <Badge tone={r.ai_generated ? 'warning' : relationshipKind(r) === 'Declared FK' ? 'success' : 'info'}>{relationshipKind(r)}</Badge>
                  <span>
                    <code>{ends.from}</code> → <code>{ends.to}</code>
                  </span>
                  {r.confidence !== null && r.confidence !== undefined ? (
                    <span className={styles.confidence}>confidence {formatConfidence(r.confidence)}</span>
                  ) : null}
                  {r.relationship_type ? <span className="muted">{r.relationship_type.replace(/_/g, '-')}</span> : null}
                </div>
                {r.evidence && r.evidence.length > 0 ? (
                  <ul className={styles.evidence} aria-label="Evidence">
                    {r.evidence.map((e, j) => (
                      <li key={j}>{evidenceText(e)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <h4>Findings</h4>
      {table.findings.length === 0 ? (
        <p className="muted">No findings.</p>
      ) : (
        <ul className={styles.findings} aria-label="Findings">
          {table.findings.map((f, i) => (
            <li key={f.id ?? `${f.code}:${i}`}>
              <Badge tone={f.severity === 'error' || f.severity === 'high' ? 'danger' : f.severity === 'warning' || f.severity === 'medium' ? 'warning' : 'neutral'}>
                {f.severity}
              </Badge>{' '}
              <strong>{f.title ?? f.code}</strong> {f.detail ?? f.message ?? ''}
            </li>
          ))}
        </ul>
      )}

      <h4>Complexity{table.complexity ? ` ${table.complexity.score.toFixed(1)} / 10` : ''}</h4>
      {table.complexity && table.complexity.factors.length > 0 ? (
        <ComplexityFactors factors={table.complexity.factors} label={`Complexity factors of ${table.name}`} />
      ) : (
        <p className="muted">Nothing adds complexity here.</p>
      )}
    </div>
  );
}
