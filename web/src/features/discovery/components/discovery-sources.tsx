// What a discovery run reads: every stored and parsed file (the default), only the files
// the user ticks, and optionally one saved database connection. The page passes the
// project's files and connections in; the choice becomes the start request's body.
import { useId } from 'react';
import styles from '@/features/discovery/components/discovery.module.css';
import shared from '@/styles/shared.module.css';

export type SourceFile = { id: string; filename: string; status: string };
export type SourceConnection = { id: string; name: string; engine: string };
export type DiscoverySelection = { files: 'all' | string[]; connectionId: string | null };

export const ALL_FILES: DiscoverySelection = { files: 'all', connectionId: null };

/** The body of POST discovery/start for a selection: `files` only when chosen by hand. */
export function startBody(selection: DiscoverySelection): { files?: string[]; connection_id?: string } {
  return {
    ...(selection.files === 'all' ? {} : { files: selection.files }),
    ...(selection.connectionId ? { connection_id: selection.connectionId } : {}),
  };
}

/** Files the server discovers when none are named (docs/discovery.md). */
export function defaultFiles(files: SourceFile[]): SourceFile[] {
  return files.filter((f) => f.status === 'parsed' || f.status === 'stored');
}

/** Why a selection cannot start, or null when it can. */
export function selectionProblem(selection: DiscoverySelection, files: SourceFile[]): string | null {
  if (selection.files === 'all') {
    return defaultFiles(files).length === 0 && !selection.connectionId ? 'Upload a schema file or choose a connection first.' : null;
  }
  return selection.files.length === 0 && !selection.connectionId ? 'Choose at least one file or a connection.' : null;
}

/** One line saying what the run will read. */
export function describeSelection(selection: DiscoverySelection, files: SourceFile[], connections: SourceConnection[]): string {
  const count = selection.files === 'all' ? defaultFiles(files).length : selection.files.length;
  const parts = [];
  if (count > 0 || !selection.connectionId) {
    parts.push(selection.files === 'all' ? `all ${count} file${count === 1 ? '' : 's'}` : `${count} of ${files.length} file${files.length === 1 ? '' : 's'}`);
  }
  const connection = connections.find((c) => c.id === selection.connectionId);
  if (connection) parts.push(`the database “${connection.name}”`);
  return `Discovery will read ${parts.join(' and ')}.`;
}

type Props = {
  files: SourceFile[];
  connections: SourceConnection[];
  value: DiscoverySelection;
  onChange: (value: DiscoverySelection) => void;
  disabled?: boolean;
};

export function DiscoverySources({ files, connections, value, onChange, disabled = false }: Props) {
  const id = useId();
  const chosen = value.files === 'all' ? null : new Set(value.files);
  const toggle = (fileId: string, on: boolean) => {
    const next = new Set(chosen ?? []);
    if (on) next.add(fileId);
    else next.delete(fileId);
    // Keep the project's file order, whatever the click order.
    onChange({ ...value, files: files.filter((f) => next.has(f.id)).map((f) => f.id) });
  };
  return (
    <fieldset className={styles.sources} disabled={disabled}>
      <legend>What to discover</legend>
      <div className={styles.sourceModes}>
        <label className={styles.checkField}>
          <input type="radio" name={`${id}-mode`} checked={value.files === 'all'} onChange={() => onChange({ ...value, files: 'all' })} />
          All stored and parsed files ({defaultFiles(files).length})
        </label>
        <label className={styles.checkField}>
          <input
            type="radio"
            name={`${id}-mode`}
            checked={value.files !== 'all'}
            onChange={() => onChange({ ...value, files: defaultFiles(files).map((f) => f.id) })}
          />
          Only the files I choose
        </label>
      </div>
      {chosen ? (
        files.length === 0 ? (
          <p className="muted">No files uploaded.</p>
        ) : (
          <ul className={styles.sourceFiles} aria-label="Files to discover">
            {files.map((f) => (
              <li key={f.id}>
                <label className={styles.checkField}>
                  <input type="checkbox" checked={chosen.has(f.id)} onChange={(e) => toggle(f.id, e.target.checked)} />
                  <span>{f.filename}</span>
                  {f.status === 'failed' ? <span className="muted">(failed to parse)</span> : null}
                </label>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <label className={shared.inlineField}>
        <span>Live database</span>
        <select value={value.connectionId ?? ''} onChange={(e) => onChange({ ...value, connectionId: e.target.value || null })}>
          <option value="">None</option>
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.engine})
            </option>
          ))}
        </select>
      </label>
      <p className="muted" aria-live="polite">
        {describeSelection(value, files, connections)}
      </p>
    </fieldset>
  );
}
