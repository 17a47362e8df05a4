// The order in which the target tables are loaded: waves (tables of one wave load in
// parallel, each wave after the tables it references), and the cycles the plan broke.
import styles from '@/features/codegen/components/codegen.module.css';
import { describeBroken, readLoadPlan } from '@/features/codegen/lib/load-plan';
import type { Generation } from '@/features/codegen/types';

type Props = { plan: Generation['load_plan']; headingId: string };

export function LoadPlan({ plan, headingId }: Props) {
  const view = readLoadPlan(plan);
  if (view.waves.length === 0) return <p className="muted">This generation has no load plan (no target table was mapped).</p>;
  return (
    <div className="stack">
      <p className="muted">
        {view.tableCount} table{view.tableCount === 1 ? '' : 's'} in {view.waves.length} wave{view.waves.length === 1 ? '' : 's'}: the tables of a wave load in
        parallel, after every table of the earlier waves they reference through a foreign key.
      </p>
      <ol className={styles.loadWaves} aria-labelledby={headingId}>
        {view.waves.map((w) => (
          <li key={w.wave} aria-label={`Wave ${w.wave}`}>
            <strong>Wave {w.wave}</strong>
            <span className="muted"> · {w.tables.length} table{w.tables.length === 1 ? '' : 's'}</span>
            <ul className={styles.loadTables}>
              {w.tables.map((t) => (
                <li key={t}>
                  <code>{t}</code>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {view.broken.length > 0 ? (
        <div role="note" aria-label="Foreign key cycles broken" className={styles.loadCycles}>
          <strong>
            {view.broken.length} foreign key{view.broken.length === 1 ? ' was' : 's were'} left out of the order to break cycles:
          </strong>
          <ul>
            {view.broken.map((b) => (
              <li key={`${b.table}|${b.references}|${b.foreignKey}`}>{describeBroken(b)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">No foreign key cycle: every dependency is respected.</p>
      )}
    </div>
  );
}
