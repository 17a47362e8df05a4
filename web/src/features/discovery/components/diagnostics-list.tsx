// What parsing and merging reported, by file and line, filterable by severity.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { Pagination } from '@/components/ui/pagination';
import { useDiagnostics } from '@/features/discovery/api/discovery';
import styles from '@/features/discovery/components/discovery.module.css';
import type { Diagnostic } from '@/features/discovery/types';

const PAGE_SIZE = 50;

export function diagnosticLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (!d.file) return d.line ? `line ${d.line}` : '';
  return `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''}`;
}

export function DiagnosticsList({ projectId, onOpenFile }: { projectId: string; onOpenFile?: (file: string, line: number | null) => void }) {
  const [severity, setSeverity] = useState('');
  const [offset, setOffset] = useState(0);
  const diagnostics = useDiagnostics(projectId, { severity: severity || undefined, limit: PAGE_SIZE, offset });
  return (
    <div className="stack">
      <label className={styles.inlineField}>
        <span>Severity</span>
        <select
          value={severity}
          onChange={(e) => {
            setSeverity(e.target.value);
            setOffset(0);
          }}
        >
          <option value="">All</option>
          <option value="error">Errors</option>
          <option value="warning">Warnings</option>
          <option value="info">Notes</option>
        </select>
      </label>
      {diagnostics.isPending ? <LoadingState label="Loading diagnostics…" /> : null}
      {diagnostics.isError ? <ErrorState error={diagnostics.error} onRetry={() => void diagnostics.refetch()} /> : null}
      {diagnostics.data && diagnostics.data.items.length === 0 ? (
        <EmptyState title="No diagnostics">Every statement was understood.</EmptyState>
      ) : null}
      {diagnostics.data && diagnostics.data.items.length > 0 ? (
        <>
          <ul className={styles.diagnostics} aria-label="Diagnostics">
            {diagnostics.data.items.map((d, i) => (
              <li key={`${d.file}:${d.line}:${d.column}:${d.code}:${i}`}>
                <div className={styles.diagHead}>
                  <Badge tone={d.severity === 'error' ? 'danger' : d.severity === 'warning' ? 'warning' : 'neutral'}>{d.severity}</Badge>
                  {d.file && onOpenFile ? (
                    <button type="button" className={styles.linkButton} onClick={() => onOpenFile(d.file ?? '', d.line)}>
                      {diagnosticLocation(d)}
                    </button>
                  ) : (
                    <code>{diagnosticLocation(d)}</code>
                  )}
                  <span>{d.message}</span>
                  <span className="muted">{d.code}</span>
                </div>
                {d.snippet ? <pre className={styles.snippet}>{d.snippet}</pre> : null}
              </li>
            ))}
          </ul>
          <Pagination total={diagnostics.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label="Diagnostics pages" />
        </>
      ) : null}
    </div>
  );
}
