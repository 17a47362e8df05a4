// What the server found in a file: format, dialect (and how it was chosen), statement or
// row counts, the first diagnostics with their line, and the first lines of the file.
import type { SchemaFile } from '@/api/types';
import { dialectLabel } from '@/config/dialects';
import styles from '@/features/files/components/upload.module.css';

type Diagnostic = { code?: string; severity?: string; line?: number; column?: number; message?: string };

type Preview = {
  format?: string;
  first_lines?: string[];
  dialect?: string;
  dialect_source?: 'project' | 'request' | 'detected';
  detected_dialect?: { dialect?: string; confidence?: number };
  statement_count?: number;
  parsed_statements?: number;
  skipped_statements?: number;
  diagnostic_count?: number;
  diagnostics?: Diagnostic[];
  delimiter?: string;
  has_header?: boolean;
  row_count?: number;
  column_count?: number;
  columns?: string[];
};

const SOURCE_LABEL = { project: 'project default', request: 'chosen at upload', detected: 'detected' } as const;

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The preview's facts as label/value pairs, in reading order. */
export function previewFacts(file: SchemaFile): Array<[string, string]> {
  const p = (file.preview_data ?? {}) as Preview;
  const facts: Array<[string, string]> = [];
  if (p.format) facts.push(['Format', p.format]);
  if (p.dialect) {
    let text = dialectLabel(p.dialect);
    if (p.dialect_source) text += ` (${SOURCE_LABEL[p.dialect_source] ?? p.dialect_source})`;
    facts.push(['Dialect', text]);
  }
  const confidence = num(p.detected_dialect?.confidence);
  if (confidence !== undefined) facts.push(['Detection confidence', `${Math.round(confidence * 100)}%`]);
  if (num(p.statement_count) !== undefined) {
    facts.push(['Statements', `${p.parsed_statements ?? 0} of ${p.statement_count} parsed${p.skipped_statements ? `, ${p.skipped_statements} skipped` : ''}`]);
  }
  if (num(p.diagnostic_count) !== undefined) facts.push(['Diagnostics', String(p.diagnostic_count)]);
  if (num(p.row_count) !== undefined) facts.push(['Sample rows', String(p.row_count)]);
  if (num(p.column_count) !== undefined) facts.push(['Columns', String(p.column_count)]);
  if (p.delimiter) facts.push(['Delimiter', p.delimiter === '\t' ? 'tab' : `“${p.delimiter}”`]);
  if (typeof p.has_header === 'boolean') facts.push(['Header row', p.has_header ? 'yes' : 'no']);
  return facts;
}

export function FilePreview({ file }: { file: SchemaFile }) {
  const p = (file.preview_data ?? {}) as Preview;
  const facts = previewFacts(file);
  const diagnostics = Array.isArray(p.diagnostics) ? p.diagnostics : [];
  const lines = Array.isArray(p.first_lines) ? p.first_lines : [];
  return (
    <div className={styles.preview}>
      {file.status === 'failed' && file.error ? (
        <p className={styles.queueError}>Why it failed: {file.error}</p>
      ) : null}
      {facts.length > 0 ? (
        <dl className={styles.facts}>
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No preview yet.</p>
      )}
      {diagnostics.length > 0 ? (
        <ul className={styles.diagnostics} aria-label={`Diagnostics of ${file.filename}`}>
          {diagnostics.map((d, i) => (
            <li key={`${d.line}:${d.column}:${i}`}>
              <code>
                {file.filename}:{d.line ?? '?'}
                {d.column ? `:${d.column}` : ''}
              </code>{' '}
              <span className={d.severity === 'error' ? styles.sevError : styles.sevOther}>{d.severity}</span> {d.message}
              {d.code ? <span className="muted"> ({d.code})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {lines.length > 0 ? (
        <pre className={styles.firstLines} aria-label={`First lines of ${file.filename}`} tabIndex={0}>
          {lines.join('\n')}
        </pre>
      ) : null}
    </div>
  );
}
