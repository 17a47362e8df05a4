// What makes a table or the project complex: each factor, its value and weight.
import styles from '@/features/discovery/components/discovery.module.css';
import type { ComplexityFactor } from '@/features/discovery/types';
import { TableHead } from '@/components/ui/table';

export function ComplexityFactors({ factors, label }: { factors: ComplexityFactor[]; label: string }) {
  const max = Math.max(...factors.map((f) => Math.abs(f.weight)), 0.0001);
  return (
    <table className={styles.compact} aria-label={label}>
      <TableHead columns={['Factor', 'Value', 'Weight']} />
      <tbody>
        {factors.map((f) => (
          <tr key={f.name}>
            <th scope="row">
              {f.name.replace(/_/g, ' ')}
              {f.detail ? <div className="muted">{f.detail}</div> : null}
            </th>
            <td>{typeof f.value === 'number' ? f.value.toLocaleString('en') : f.value}</td>
            <td>
              <span className={styles.weight}>
                <span className={styles.weightBar} style={{ width: `${Math.round((Math.abs(f.weight) / max) * 60)}px` }} aria-hidden="true" />
                {f.weight.toFixed(2)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
