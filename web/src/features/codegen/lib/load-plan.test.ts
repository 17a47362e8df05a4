import { describe, expect, it } from 'vitest';
import { describeBroken, readLoadPlan } from '@/features/codegen/lib/load-plan';

describe('readLoadPlan', () => {
  it('orders the waves, counts the tables and reads the broken dependencies', () => {
    const view = readLoadPlan({
      waves: [
        { wave: 2, tables: ['orders', 'invoices'] },
        { wave: 1, tables: ['customers'] },
      ],
      broken_dependencies: [{ table: 'a', references: 'b', foreign_key: 'fk_a_b', cycle: ['a', 'b'] }, 'junk', { table: 'x' }],
    });
    expect(view.waves.map((w) => w.wave)).toEqual([1, 2]);
    expect(view.tableCount).toBe(3);
    expect(view.broken).toEqual([{ table: 'a', references: 'b', foreignKey: 'fk_a_b', cycle: ['a', 'b'] }]);
  });

  it('reads a missing plan as empty', () => {
    expect(readLoadPlan(undefined)).toEqual({ waves: [], broken: [], tableCount: 0 });
  });
});

describe('describeBroken', () => {
  it('says which key to check after the load and closes the cycle', () => {
    expect(describeBroken({ table: 'a', references: 'b', foreignKey: 'fk_a_b', cycle: ['a', 'b'] })).toBe(
      'a loads without waiting for b, although its foreign key fk_a_b references it (cycle: a → b → a): check that key after the load, or defer the constraint.',
    );
    expect(describeBroken({ table: 'emp', references: 'emp', foreignKey: '(manager_id)', cycle: ['emp'] })).toBe(
      'emp references itself through foreign key (manager_id) (cycle: emp → emp): load it in one pass and check the key afterwards.',
    );
  });
});
