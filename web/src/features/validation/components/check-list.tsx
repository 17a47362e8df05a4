// The checks of a report that failed or could not run, most severe first: what differs,
// the sample rows (missing, extra, changed with each column's reason), and links to the
// mappings the check came from and the generated code lines that produced the columns.
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/feedback';
import { Table } from '@/components/ui/table';
import styles from '@/features/validation/components/validation.module.css';
import { checkTitle, describeKey, diffSamples, sampleRows, severityRank, SEVERITY_TONE, STATUS_TONE } from '@/features/validation/lib/report';
import type { Check } from '@/features/validation/types';

type Props = {
  checks: Check[];
  mappingHref: string;
  codeHref: string;
};

function DiffTable({ check }: { check: Check }) {
  const samples = diffSamples(check);
  if (samples.length === 0) return null;
  return (
    <Table caption={`Differing rows of ${check.target_table}`} aria-label={`Differing rows of ${check.target_table}`}>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Key</th>
          <th scope="col">Column</th>
          <th scope="col">Source</th>
          <th scope="col">Target</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
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
  );
}

function SampleTable({ check }: { check: Check }) {
  if (check.kind === 'keyed_diff') return null;
  const rows = sampleRows(check.samples);
  if (rows.length === 0) return null;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <Table caption={`Samples of ${check.id}`} aria-label={`Samples of ${checkTitle(check)}`}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c} className={styles.code}>
                {r[c] ?? ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
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
      {code.map((c) => (
        <Link key={`${c.code_id}:${c.first_line}`} to={codeHref}>
          {c.platform}: {c.path} line{c.first_line === c.last_line ? ` ${c.first_line}` : `s ${c.first_line}–${c.last_line}`}
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
