import { describe, expect, it } from 'vitest';
import { summarizeVerification } from '@/features/codegen/lib/verification';

describe('summarizeVerification', () => {
  it('tells parsed, parsed with warnings, failed and not parsed apart', () => {
    expect(summarizeVerification({ checked: true, ok: true, statements: 3, diagnostics: [] })).toEqual({
      tone: 'success',
      label: 'Parsed OK',
      detail: '3 statements parsed back without problems',
    });
    const warning = { code: 'W1', severity: 'warning', message: 'odd', line: 1, column: 1 };
    expect(summarizeVerification({ checked: true, ok: true, statements: 1, diagnostics: [warning] })).toMatchObject({ tone: 'warning', detail: '1 statement parsed, 1 warning' });
    expect(summarizeVerification({ checked: true, ok: false, statements: 0, diagnostics: [warning, warning] })).toMatchObject({
      tone: 'danger',
      label: 'Parse errors',
      detail: '2 problems found when parsing it back',
    });
    expect(summarizeVerification({ checked: false, ok: true })).toMatchObject({ tone: 'neutral', label: 'Not parsed' });
    expect(summarizeVerification(undefined)).toMatchObject({ label: 'Not parsed' });
  });
});
