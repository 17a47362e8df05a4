import { describe, expect, it } from 'vitest';
import { checkTitle, columnRanges, describeKey, diffSamples, formatPercent, problemChecks, quantileSeries, sampleRows } from '@/features/validation/lib/report';
import type { Check, ReportDocument } from '@/features/validation/types';

const base: Check = {
  id: 'x',
  kind: 'aggregate',
  status: 'passed',
  severity: 'medium',
  source_table: 'customers',
  target_table: 'customers',
  target_column: '',
  mapping_ids: [],
  message: '',
};

describe('report helpers', () => {
  it('formats the summary percent without rounding a failure up to 100%', () => {
    expect(formatPercent(98.00995)).toBe('98.00%');
    expect(formatPercent(99.9999)).toBe('99.99%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('reads keyed-diff samples and leaves out what it does not know', () => {
    const samples = diffSamples({
      kind: 'keyed_diff',
      samples: [
        { kind: 'missing', key: { id: '12' } },
        { kind: 'changed', key: { id: 21 }, columns: [{ column: 'balance', source: '28.77', target: '28.8', difference: 'value differs', symptom: 'rounded', reason: 'rounded' }] },
        { kind: 'mystery', key: { id: '1' } },
        'not a row',
        { kind: 'extra', key: { id: '201' }, row: { id: '201', name: null }, count: 2 },
      ],
    });
    expect(samples.map((s) => s.kind)).toEqual(['missing', 'changed', 'extra']);
    expect(describeKey(samples[1]!.key)).toBe('id = 21');
    expect(samples[1]!.columns![0]).toMatchObject({ column: 'balance', source: '28.77', target: '28.8', symptom: 'rounded' });
    expect(samples[2]!.row).toEqual({ id: '201', name: null });
    expect(samples[2]!.count).toBe(2);
    expect(diffSamples({ kind: 'rule', samples: [{ kind: 'missing' }] })).toEqual([]);
  });

  it('turns other samples into text rows', () => {
    expect(sampleRows([{ id: 1, name: null }, 'x'])).toEqual([{ id: '1', name: 'NULL' }, { value: 'x' }]);
    expect(sampleRows(undefined)).toEqual([]);
  });

  it('takes numeric column ranges from aggregate checks only', () => {
    const report: Pick<ReportDocument, 'checks'> = {
      checks: [
        { ...base, id: 'a', target_column: 'balance', status: 'failed', expected: { min: '1.25', max: '274.01', avg: '137.7' }, actual: { min: '1.25', max: '402.25', avg: '139' } },
        { ...base, id: 'b', target_column: 'name', expected: { min: 'Ann', max: 'Zoe' }, actual: { min: 'Ann', max: 'Zoe' } },
        { ...base, id: 'c', kind: 'row_count', expected: { rows: 3 }, actual: { rows: 3 } },
      ],
    };
    expect(columnRanges(report)).toEqual([
      { table: 'customers', column: 'balance', status: 'failed', source: { min: 1.25, max: 274.01, avg: 137.7 }, target: { min: 1.25, max: 402.25, avg: 139 } },
    ]);
    expect(columnRanges(report, 'payments')).toEqual([]);
    expect(columnRanges(undefined)).toEqual([]);
  });

  it('reads the quantile sketches of a distribution shift, or nothing when they do not line up', () => {
    const evidence = { probabilities: [0, 0.5, 1], source_quantiles: [1, 5, 9], target_quantiles: [2, 7, 30], ks_statistic: 0.4, unit: 'value' };
    expect(quantileSeries({ evidence })).toEqual({ probabilities: [0, 0.5, 1], source: [1, 5, 9], target: [2, 7, 30], unit: 'value', ks: 0.4 });
    expect(quantileSeries({ evidence: { ...evidence, target_quantiles: [1, 2] } })).toBeNull();
    expect(quantileSeries({ evidence: { rows_rounded: 3 } })).toBeNull();
  });

  it('lists the checks that did not pass, most severe first', () => {
    const report = {
      checks: [
        { ...base, id: 'a', status: 'failed' as const, severity: 'medium' as const },
        { ...base, id: 'b', status: 'passed' as const, severity: 'critical' as const },
        { ...base, id: 'c', status: 'error' as const, severity: 'high' as const },
      ],
    };
    expect(problemChecks(report).map((c) => c.id)).toEqual(['c', 'a']);
    expect(checkTitle({ kind: 'keyed_diff', target_table: 'customers', target_column: '', id: 'k' })).toBe('Row differences · customers');
    expect(checkTitle({ kind: 'aggregate', target_table: 'customers', target_column: 'id', id: 'k' })).toBe('Aggregates · customers.id');
  });
});
