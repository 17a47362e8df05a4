// What parsing and merging reported, by file and line, filterable by severity; each
// location opens the file at that line when the page gives a viewer.
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/feedback';
import { Pagination } from '@/components/ui/pagination';
import { useDiagnostics } from '@/features/discovery/api/discovery';
import styles from '@/features/discovery/components/discovery.module.css';
import type { Diagnostic } from '@/features/discovery/types';
import shared from '@/styles/shared.module.css';

const PAGE_SIZE = 50;

export function diagnosticLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (!d.file) return d.line ? `line ${d.line}` : '';
  return `${d.file}${d.line ? `:${d.line}` : ''}${d.line && d.column ? `:${d.column}` : ''}`;
}

/** `onOpenFile` opens a diagnostic's file at its line; without it (or without a file id)
 * the location is plain text. */
export function DiagnosticsList({
  projectId,
  onOpenFile,
  fileNames = [],
}: {
  projectId: string;
  onOpenFile?: (diagnostic: Diagnostic) => void;
  /** The project's file names, for the file filter (none: no filter shown). */
  fileNames?: string[];
}) {
  const [severity, setSeverity] = useState('');
  const [file, setFile] = useState('');
  const [offset, setOffset] = useState(0);
  const diagnostics = useDiagnostics(projectId, { severity: severity || undefined, file: file || undefined, limit: PAGE_SIZE, offset });
  return (
    <div className="stack">
      <div className="row" style={{ flexWrap: 'wrap', gap: 12 }}>
        {fileNames.length > 0 ? (
          <label className={shared.inlineField}>
            <span>File</span>
            <select
              value={file}
              onChange={(e) => {
                setFile(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">All files</option>
              {fileNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className={shared.inlineField}>
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
      </div>
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
                  {d.file && d.file_id && onOpenFile ? (
                    <button
                      type="button"
                      className={styles.linkButton}
                      onClick={() => onOpenFile(d)}
                      aria-label={`Open ${diagnosticLocation(d)} in the file viewer`}
                    >
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
