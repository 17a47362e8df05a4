import { describe, expect, it } from 'vitest';
import { describeMapping, mappingIdsAt, tracedLines } from '@/features/codegen/lib/provenance';

const ranges = [
  { first_line: 2, last_line: 2, mapping_ids: ['tm-1'] },
  { first_line: 2, last_line: 4, mapping_ids: ['fm-b', 'fm-a'] },
  { first_line: 6, last_line: 9, mapping_ids: [] },
  { first_line: 8, last_line: 40, mapping_ids: ['fm-c'] },
];

describe('mappingIdsAt', () => {
  it('joins every range covering the line, field mappings first, once each', () => {
    expect(mappingIdsAt(ranges, 2)).toEqual(['fm-a', 'fm-b', 'tm-1']);
    expect(mappingIdsAt(ranges, 4)).toEqual(['fm-a', 'fm-b']);
    expect(mappingIdsAt([...ranges, { first_line: 3, last_line: 3, mapping_ids: ['fm-a'] }], 3)).toEqual(['fm-a', 'fm-b']);
  });

  it('is empty for untraced lines and files without provenance', () => {
    expect(mappingIdsAt(ranges, 1)).toEqual([]);
    expect(mappingIdsAt(ranges, 5)).toEqual([]);
    expect(mappingIdsAt(undefined, 2)).toEqual([]);
  });
});

describe('tracedLines', () => {
  it('marks lines with a mapping, clipped to the file', () => {
    expect([...tracedLines(ranges, 10)].sort((a, b) => a - b)).toEqual([2, 3, 4, 8, 9, 10]);
  });
});

describe('describeMapping', () => {
  it('says source, target and the formula or the transformation', () => {
    expect(describeMapping({ key: 'fm-a', kind: 'field', source: 'src.a', target: 'dw.b', transformation: 'computed', formula: 'UPPER(a)', status: 'approved' })).toBe(
      'src.a → dw.b = UPPER(a)',
    );
    expect(describeMapping({ key: 'fm-a', kind: 'field', source: 'src.a', target: 'dw.b', transformation: 'cast', formula: '', status: 'approved' })).toBe('src.a → dw.b (cast)');
    expect(describeMapping({ key: 'tm-a', kind: 'table', source: 'src', target: 'dw', status: 'suggested' })).toBe('src → dw');
  });
});
