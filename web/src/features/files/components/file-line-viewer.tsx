// An uploaded file's text around one line, that line highlighted — where the discovery
// diagnostics' file:line links lead. A modal dialog (Escape closes, focus returns to the
// link); the code region takes focus so the keyboard can scroll it, and earlier or later
// lines load on demand, CONTEXT_LINES at a time.
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ErrorState, LoadingState } from '@/components/ui/feedback';
import { CONTEXT_LINES, rangeAround, useFileContent, type LineRange } from '@/features/files/api/get-file-content';
import styles from '@/features/files/components/file-line-viewer.module.css';

export type FileLocation = { fileId: string; fileName: string; line: number | null; column?: number | null; message?: string };

/** The server sends at most this many lines at once; the window slides beyond it. */
const MAX_WINDOW = 1000;

function earlier(r: LineRange): LineRange {
  const from = Math.max(1, r.from - CONTEXT_LINES);
  return { from, to: Math.min(r.to, from + MAX_WINDOW - 1) };
}

function later(r: LineRange): LineRange {
  const to = r.to + CONTEXT_LINES;
  return { from: Math.max(r.from, to - MAX_WINDOW + 1), to };
}

type Props = { projectId: string; location: FileLocation | null; onClose: () => void };

export function FileLineViewer({ projectId, location, onClose }: Props) {
  const title = location ? `${location.fileName}${location.line ? `:${location.line}` : ''}${location.line && location.column ? `:${location.column}` : ''}` : '';
  return (
    <Dialog open={location !== null} onClose={onClose} title={title} description={location?.message} wide>
      {location ? <FileLines key={`${location.fileId}:${location.line}`} projectId={projectId} location={location} /> : null}
      <div className="row" style={{ justifyContent: 'flex-end' }}>
        <Button onClick={onClose} autoFocus>
          Close
        </Button>
      </div>
    </Dialog>
  );
}

function FileLines({ projectId, location }: { projectId: string; location: FileLocation }) {
  const [range, setRange] = useState<LineRange>(() => rangeAround(location.line));
  const content = useFileContent(projectId, location.fileId, range);
  const current = useRef<HTMLLIElement>(null);
  const scrolled = useRef(false);
  const data = content.data;

  useEffect(() => {
    // Once, when the highlighted line first appears: later loads keep the reader's place.
    if (!data || scrolled.current || !current.current) return;
    scrolled.current = true;
    current.current.scrollIntoView?.({ block: 'center' });
  }, [data]);

  if (content.isPending) return <LoadingState label="Loading the file…" />;
  if (content.isError) return <ErrorState error={content.error} title="The file could not be shown" onRetry={() => void content.refetch()} />;
  if (!data) return null;
  if (data.lines.length === 0) {
    return <p className="muted">Line {location.line} is past the end of this file ({data.total_lines} lines); it may have changed since discovery ran.</p>;
  }
  const clipped = new Set(data.clipped_lines);
  return (
    <div className="stack">
      <div className={styles.more}>
        <Button size="sm" disabled={data.from <= 1} onClick={() => setRange((r) => earlier(r))}>
          Show earlier lines
        </Button>
        <span className="muted" aria-live="polite">
          Lines {data.from}–{data.to} of {data.total_lines}
        </span>
        <Button size="sm" disabled={data.to >= data.total_lines} onClick={() => setRange((r) => later(r))}>
          Show later lines
        </Button>
      </div>
      <div className={styles.code} tabIndex={0} role="region" aria-label={`${data.filename}, lines ${data.from} to ${data.to}`}>
        <ol className={styles.lines} start={data.from}>
          {data.lines.map((text, i) => {
            const number = data.from + i;
            const here = number === location.line;
            return (
              <li key={number} ref={here ? current : undefined} className={[styles.line, here ? styles.current : ''].join(' ')} aria-current={here ? 'location' : undefined} data-line={number}>
                <span className={styles.number} aria-hidden="true">
                  {number}
                </span>
                <code>
                  {text}
                  {clipped.has(number) ? <span className="muted"> … (cut at {data.max_line_chars} characters)</span> : null}
                </code>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
