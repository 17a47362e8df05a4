// Sample rows (of a check or an anomaly) as a table: one column per key seen in any row.
import { Table, TableHead } from '@/components/ui/table';
import styles from '@/features/validation/components/validation.module.css';

type Props = {
  rows: Array<Record<string, string>>;
  caption: string;
  label: string;
};

export function SampleRowsTable({ rows, caption, label }: Props) {
  if (rows.length === 0) return null;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return (
    <Table caption={caption} aria-label={label}>
      <TableHead columns={columns} />
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
