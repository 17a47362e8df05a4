// The load plan of a generation as the page shows it: waves in order, and each foreign key
// the plan had to ignore to end a cycle, in words a person can act on.
import type { Generation } from '@/features/codegen/types';

export type LoadWave = { wave: number; tables: string[] };
export type BrokenDependency = { table: string; references: string; foreignKey: string; cycle: string[] };
export type LoadPlanView = { waves: LoadWave[]; broken: BrokenDependency[]; tableCount: number };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Reads the stored plan defensively (older generations may lack parts of it). */
export function readLoadPlan(plan: Generation['load_plan']): LoadPlanView {
  const waves = (plan?.waves ?? [])
    .filter((w) => typeof w.wave === 'number')
    .map((w) => ({ wave: w.wave, tables: strings(w.tables) }))
    .sort((a, b) => a.wave - b.wave);
  const broken = (plan?.broken_dependencies ?? []).flatMap((b): BrokenDependency[] => {
    if (typeof b !== 'object' || b === null) return [];
    const r = b as Record<string, unknown>;
    if (typeof r.table !== 'string' || typeof r.references !== 'string') return [];
    return [{ table: r.table, references: r.references, foreignKey: typeof r.foreign_key === 'string' ? r.foreign_key : '', cycle: strings(r.cycle) }];
  });
  return { waves, broken, tableCount: waves.reduce((n, w) => n + w.tables.length, 0) };
}

/** "orders loads before customers although its foreign key fk_x references it (cycle: a → b → a)". */
export function describeBroken(b: BrokenDependency): string {
  const key = b.foreignKey ? ` ${b.foreignKey}` : '';
  const cycle = b.cycle.length > 0 ? ` (cycle: ${[...b.cycle, b.cycle[0]].join(' → ')})` : '';
  const self = b.table === b.references;
  return self
    ? `${b.table} references itself through foreign key${key}${cycle}: load it in one pass and check the key afterwards.`
    : `${b.table} loads without waiting for ${b.references}, although its foreign key${key} references it${cycle}: check that key after the load, or defer the constraint.`;
}
