import { describe, expect, it } from 'vitest';
import { draftErrors } from '@/features/mapping/components/mapping-editor';
import { valueMapErrors } from '@/features/mapping/components/value-map-editor';

const base = {
  sourceTable: 'src.people',
  sourceColumns: 'gender',
  targetTable: 'dw.person',
  targetColumn: 'gender',
  transformation: 'direct' as const,
  formula: '',
  description: '',
  useValueMap: false,
  valueMap: { entries: [], otherwise: null },
};

describe('mapping editor checks', () => {
  it('accepts a direct copy', () => {
    expect(draftErrors(base, true)).toEqual({});
  });

  it('asks for a formula when the value is computed', () => {
    expect(draftErrors({ ...base, transformation: 'computed' }, false)).toEqual({
      formula: 'Write the SQL expression that computes the target value.',
    });
  });

  it('asks for the target and, for a new mapping, the source', () => {
    const errors = draftErrors({ ...base, sourceTable: '', sourceColumns: '', targetColumn: ' ' }, true);
    expect(Object.keys(errors).sort()).toEqual(['source_table', 'sources', 'target_column']);
  });

  it('a value map needs both sides of every row', () => {
    expect(valueMapErrors({ entries: [{ from: "'M'", to: '' }], otherwise: null })).toEqual({
      'value_map.entries[0].to': 'Write what it becomes as a SQL literal.',
    });
    expect(draftErrors({ ...base, transformation: 'case_when', useValueMap: true, valueMap: { entries: [{ from: "'M'", to: "'male'" }] } }, false)).toEqual({});
  });
});
