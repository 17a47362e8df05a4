// The rule form's values and their translation into the API's rule input: each kind's
// params from plain text fields, with the mistakes a person can fix before sending.
import type { Rule, RuleInput, RuleKind, Severity } from '@/features/validation/types';

export const RULE_KINDS: Array<{ value: RuleKind; label: string }> = [
  { value: 'not_null', label: 'Not null' },
  { value: 'unique', label: 'Unique' },
  { value: 'range', label: 'Range' },
  { value: 'regex', label: 'Pattern (regex)' },
  { value: 'accepted_values', label: 'Accepted values' },
  { value: 'freshness', label: 'Freshness' },
  { value: 'sql', label: 'SQL' },
];

export type RuleDraft = {
  name: string;
  kind: RuleKind;
  table: string;
  column: string;
  severity: Severity;
  enabled: boolean;
  min: string;
  max: string;
  pattern: string;
  values: string;
  maxAgeHours: string;
  sql: string;
};

export const EMPTY_RULE: RuleDraft = {
  name: '',
  kind: 'not_null',
  table: '',
  column: '',
  severity: 'medium',
  enabled: true,
  min: '',
  max: '',
  pattern: '',
  values: '',
  maxAgeHours: '',
  sql: '',
};

function str(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
}

export function draftFromRule(r: Rule): RuleDraft {
  const p = r.params ?? {};
  return {
    name: r.name,
    kind: r.kind,
    table: r.table,
    column: r.column ?? '',
    severity: r.severity ?? 'medium',
    enabled: r.enabled !== false,
    min: str(p.min),
    max: str(p.max),
    pattern: str(p.pattern),
    values: Array.isArray(p.values) ? p.values.map(str).join(', ') : '',
    maxAgeHours: str(p.max_age_hours),
    sql: r.sql ?? '',
  };
}

/** A number when the text is one, else the text (ranges also take dates). */
function numberOrText(t: string): number | string {
  const n = Number(t);
  return t.trim() !== '' && Number.isFinite(n) ? n : t.trim();
}

export function ruleInputFromDraft(d: RuleDraft): { input: RuleInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!d.name.trim()) errors.name = 'Give the rule a name.';
  if (!d.table.trim()) errors.table = 'Name the target table the rule checks.';
  const input: RuleInput = { name: d.name.trim(), kind: d.kind, table: d.table.trim(), severity: d.severity, enabled: d.enabled };
  if (d.kind === 'sql') {
    if (!d.sql.trim()) errors.sql = 'Write a SELECT that returns the violating rows.';
    input.sql = d.sql;
    return { input, errors };
  }
  if (d.column.trim()) input.column = d.column.trim();
  else if (d.kind !== 'unique') errors.column = 'Name the column the rule checks.';
  switch (d.kind) {
    case 'range': {
      const params: Record<string, unknown> = {};
      if (d.min.trim()) params.min = numberOrText(d.min);
      if (d.max.trim()) params.max = numberOrText(d.max);
      if (Object.keys(params).length === 0) errors.params = 'Give a minimum, a maximum or both.';
      input.params = params;
      break;
    }
    case 'regex':
      if (!d.pattern) errors.params = 'Give the pattern values must match.';
      input.params = { pattern: d.pattern };
      break;
    case 'accepted_values': {
      const values = d.values.split(',').map((v) => v.trim()).filter(Boolean);
      if (values.length === 0) errors.params = 'List at least one accepted value.';
      input.params = { values };
      break;
    }
    case 'freshness': {
      const hours = Number(d.maxAgeHours);
      if (!d.maxAgeHours.trim() || !Number.isFinite(hours) || hours <= 0) errors.params = 'Give the maximum age in hours (a positive number).';
      input.params = { max_age_hours: hours };
      break;
    }
    default:
      break;
  }
  return { input, errors };
}
