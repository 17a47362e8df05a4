// The checks of a report that failed or could not run, most severe first: what differs,
// the sample rows (missing, extra, changed with each column's reason), and links to the
// mappings the check came from and the generated code lines that produced the columns.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/feedback';
import { Table, TableHead } from '@/components/ui/table';
import { SampleRowsTable } from '@/features/validation/components/sample-rows-table';
import styles from '@/features/validation/components/validation.module.css';
import { checkTitle, describeKey, diffSamples, sampleRows, severityRank, SEVERITY_TONE, STATUS_TONE } from '@/features/validation/lib/report';
import type { Check, CodeLink } from '@/features/validation/types';

type Props = {
  checks: Check[];
  mappingHref: string;
  codeHref: string;
};

/** Rows shown before "Show all": a check may carry up to 100 sample rows. */
export const FIRST_ROWS = 10;

function DiffTable({ check }: { check: Check }) {
  const [all, setAll] = useState(false);
  const every = diffSamples(check);
  if (every.length === 0) return null;
  const samples = all ? every : every.slice(0, FIRST_ROWS);
  return (
    <>
      <Table caption={`Differing rows of ${check.target_table}`} aria-label={`Differing rows of ${check.target_table}`}>
        <TableHead columns={['Row', 'Key', 'Column', 'Source', 'Target', 'Why']} />
        <tbody>
          {samples.flatMap((s, i) => {
            const key = describeKey(s.key);
            if (s.columns && s.columns.length > 0) {
              return s.columns.map((c, j) => (
                <tr key={`${i}-${j}`}>
                  <td>{s.kind}</td>
                  <td>{key}</td>
                  <td>{c.column}</td>
                  <td className={styles.code}>{c.source ?? 'NULL'}</td>
                  <td className={styles.code}>{c.target ?? 'NULL'}</td>
                  <td>{[c.difference, c.reason && c.reason !== c.difference ? c.reason : null].filter(Boolean).join(': ')}</td>
                </tr>
              ));
            }
            const what = s.kind === 'missing' ? 'in the source, missing in the target' : s.kind === 'extra' ? 'only in the target' : s.kind;
            return [
              <tr key={`${i}`}>
                <td>{s.kind}</td>
                <td>{key}</td>
                <td colSpan={3} className={styles.code}>
                  {s.row ? Object.entries(s.row).map(([k, v]) => `${k}=${v ?? 'NULL'}`).join(', ') : ''}
                </td>
                <td>
                  {what}
                  {s.count && s.count > 1 ? ` (×${s.count})` : ''}
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </Table>
      {every.length > FIRST_ROWS ? (
        <div>
          <Button size="sm" variant="ghost" aria-expanded={all} onClick={() => setAll((v) => !v)}>
            {all ? `Show the first ${FIRST_ROWS} rows` : `Show all ${every.length} sample rows`}
          </Button>
        </div>
      ) : null}
    </>
  );
}

function SampleTable({ check }: { check: Check }) {
  if (check.kind === 'keyed_diff') return null;
  return <SampleRowsTable rows={sampleRows(check.samples)} caption={`Samples of ${check.id}`} label={`Samples of ${checkTitle(check)}`} />;
}

/** The Code page opened at the platform, file and first line a check's column came from. */
export function codeLineHref(codeHref: string, c: Pick<CodeLink, 'platform' | 'path' | 'first_line'>): string {
  const query = new URLSearchParams({ platform: c.platform, file: c.path, line: String(c.first_line) });
  return `${codeHref}?${query.toString()}`;
}

/** The code lines of a check grouped by file (a table's columns come from many lines of a few files). */
export function codeFiles(code: CodeLink[]): Array<{ platform: string; path: string; first_line: number; lines: string[] }> {
  const files = new Map<string, { platform: string; path: string; first_line: number; ranges: Array<[number, number]> }>();
  for (const c of code) {
    const key = `${c.platform}\u0000${c.path}`;
    const f = files.get(key) ?? { platform: c.platform, path: c.path, first_line: c.first_line, ranges: [] };
    f.first_line = Math.min(f.first_line, c.first_line);
    f.ranges.push([c.first_line, c.last_line]);
    files.set(key, f);
  }
  return [...files.values()].map(({ ranges, ...f }) => ({
    ...f,
    lines: ranges.sort((a, b) => a[0] - b[0]).map(([a, b]) => (a === b ? String(a) : `${a}–${b}`)),
  }));
}

function CheckLinks({ check, mappingHref, codeHref }: { check: Check } & Omit<Props, 'checks'>) {
  const mappings = check.links?.mappings ?? [];
  const code = check.links?.code ?? [];
  if (mappings.length === 0 && code.length === 0) return null;
  return (
    <div className={styles.links}>
      {mappings.length > 0 ? (
        <Link to={mappingHref}>
          Open the mapping{mappings.length > 1 ? 's' : ''} ({mappings.map((m) => m.mapping_id).join(', ')})
        </Link>
      ) : null}
      {codeFiles(code).map((f) => (
        <Link key={`${f.platform}:${f.path}`} to={codeLineHref(codeHref, f)}>
          {f.platform}: {f.path}, {f.lines.length === 1 && !f.lines[0]!.includes('–') ? 'line' : 'lines'} {f.lines.join(', ')}
        </Link>
      ))}
    </div>
  );
}

export function CheckList({ checks, mappingHref, codeHref }: Props) {
  if (checks.length === 0) return <EmptyState title="Every check passed">Nothing differs between the source and the target.</EmptyState>;
  const sorted = [...checks].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id));
  return (
    <ul className={styles.list} aria-label="Failing checks">
      {sorted.map((c) => (
        <li key={c.id} className={styles.item} aria-labelledby={`check-${c.id}`}>
          <div className={styles.itemHeader}>
            <h3 id={`check-${c.id}`}>{checkTitle(c)}</h3>
            <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{c.status}</Badge>
            <Badge tone={SEVERITY_TONE[c.severity] ?? 'neutral'}>{c.severity}</Badge>
            {c.records_failed ? <span className="muted">{c.records_failed.toLocaleString()} records failed</span> : null}
          </div>
          <p>{c.message}</p>
          <DiffTable check={c} />
          <SampleTable check={c} />
          <CheckLinks check={c} mappingHref={mappingHref} codeHref={codeHref} />
        </li>
      ))}
    </ul>
  );
}
