import { describe, expect, it } from 'vitest';
import { draftFromRule, EMPTY_RULE, ruleInputFromDraft } from '@/features/validation/lib/rule-draft';

describe('rule drafts', () => {
  it('asks for a name, a table and a column before sending', () => {
    const { errors } = ruleInputFromDraft(EMPTY_RULE);
    expect(Object.keys(errors).sort()).toEqual(['column', 'name', 'table']);
  });

  it('builds each kind of params from the text fields', () => {
    const d = { ...EMPTY_RULE, name: 'r', table: 'customers', column: 'balance' };
    expect(ruleInputFromDraft({ ...d, kind: 'range', min: '0', max: '2024-12-31' }).input.params).toEqual({ min: 0, max: '2024-12-31' });
    expect(ruleInputFromDraft({ ...d, kind: 'range' }).errors.params).toMatch(/minimum/);
    expect(ruleInputFromDraft({ ...d, kind: 'accepted_values', values: ' Lyon, Oslo ,,Porto' }).input.params).toEqual({ values: ['Lyon', 'Oslo', 'Porto'] });
    expect(ruleInputFromDraft({ ...d, kind: 'freshness', maxAgeHours: '-1' }).errors.params).toMatch(/positive/);
    expect(ruleInputFromDraft({ ...d, kind: 'regex', pattern: '^[A-Z]' }).input).toMatchObject({ kind: 'regex', column: 'balance', params: { pattern: '^[A-Z]' } });
  });

  it('sends SQL rules without a column and unique rules may span columns', () => {
    const sql = ruleInputFromDraft({ ...EMPTY_RULE, name: 'r', table: 'customers', column: 'ignored', kind: 'sql', sql: 'SELECT 1' });
    expect(sql.errors).toEqual({});
    expect(sql.input).toEqual({ name: 'r', kind: 'sql', table: 'customers', severity: 'medium', enabled: true, sql: 'SELECT 1' });
    expect(ruleInputFromDraft({ ...EMPTY_RULE, name: 'r', table: 't', kind: 'unique' }).errors).toEqual({});
  });

  it('reads a stored rule back into the form', () => {
    const d = draftFromRule({ id: '1', name: 'cities', kind: 'accepted_values', table: 'customers', column: 'city', params: { values: ['Lyon', 'Oslo'] }, enabled: false });
    expect(d).toMatchObject({ name: 'cities', values: 'Lyon, Oslo', enabled: false, column: 'city' });
  });
});
