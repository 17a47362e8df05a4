// Pure helpers for the report dashboard: wording, ordering and the numbers the charts draw,
// read defensively from the report document (members are only ever added; a reader ignores
// what it does not know and never trusts a member's type).
import type { BadgeTone } from '@/components/ui/badge';
import type { Check, CheckStatus, DiffSample, ReportAnomaly, ReportDocument, Severity } from '@/features/validation/types';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export const SEVERITY_TONE: Record<Severity, BadgeTone> = {
  critical: 'danger',
  high: 'danger',
  medium: 'warning',
  low: 'info',
  info: 'neutral',
};

export const STATUS_TONE: Record<CheckStatus, BadgeTone> = {
  passed: 'success',
  failed: 'danger',
  error: 'warning',
  skipped: 'neutral',
};

export const CHECK_KIND_LABEL: Record<string, string> = {
  schema: 'Schema',
  row_count: 'Row count',
  aggregate: 'Aggregates',
  keyed_diff: 'Row differences',
  orphans: 'Referential integrity',
  uniqueness: 'Uniqueness',
  rule: 'Rule',
  test_case: 'Test case',
};

export function severityRank(s: string): number {
  const i = SEVERITIES.indexOf(s as Severity);
  return i < 0 ? SEVERITIES.length : i;
}

/** "98.01%": the summary carries a percent, the document's tables a share of 1. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return '—';
  if (percent === 100) return '100%';
  return `${(Math.floor(percent * 100) / 100).toFixed(2)}%`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

function textMap(v: unknown): Record<string, string | null> | undefined {
  if (!isRecord(v)) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, text(x)]));
}

/** The keyed-diff samples of a check, typed; anything unexpected is left out. */
export function diffSamples(check: Pick<Check, 'kind' | 'samples'>): DiffSample[] {
  if (check.kind !== 'keyed_diff' || !Array.isArray(check.samples)) return [];
  const out: DiffSample[] = [];
  for (const s of check.samples) {
    if (!isRecord(s)) continue;
    const kind = s.kind;
    if (kind !== 'missing' && kind !== 'extra' && kind !== 'changed' && kind !== 'representation') continue;
    const sample: DiffSample = { kind };
    const key = textMap(s.key);
    if (key) sample.key = key;
    const row = textMap(s.row) ?? textMap(s.values);
    if (row) sample.row = row;
    if (typeof s.count === 'number') sample.count = s.count;
    if (Array.isArray(s.columns)) {
      sample.columns = s.columns.filter(isRecord).map((c) => ({
        column: text(c.column) ?? '',
        source: text(c.source),
        target: text(c.target),
        difference: text(c.difference) ?? undefined,
        symptom: text(c.symptom) ?? undefined,
        reason: text(c.reason) ?? undefined,
      }));
    }
    out.push(sample);
  }
  return out;
}

/** "id = 12" or "order_id = 3, line = 2". */
export function describeKey(key: Record<string, string | null> | undefined): string {
  if (!key) return '(no key)';
  const parts = Object.entries(key).map(([k, v]) => `${k} = ${v ?? 'NULL'}`);
  return parts.length ? parts.join(', ') : '(no key)';
}

/** Other samples (rules, orphans, uniqueness, test cases) as rows of text cells. */
export function sampleRows(samples: unknown[] | undefined): Array<Record<string, string>> {
  if (!Array.isArray(samples)) return [];
  return samples.map((s) => {
    if (!isRecord(s)) return { value: text(s) ?? 'NULL' };
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, text(v) ?? 'NULL']));
  });
}

/** One numeric column's profile on both sides, from its aggregate check. */
export type ColumnRange = {
  table: string;
  column: string;
  status: CheckStatus;
  source: { min: number; max: number; avg: number | null };
  target: { min: number; max: number; avg: number | null };
};

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function side(v: unknown): ColumnRange['source'] | null {
  if (!isRecord(v)) return null;
  const min = num(v.min);
  const max = num(v.max);
  if (min === null || max === null) return null;
  return { min, max, avg: num(v.avg) };
}

/** Numeric columns with min, max (and average) on both sides: what the range chart draws. */
export function columnRanges(report: Pick<ReportDocument, 'checks'> | undefined, table?: string): ColumnRange[] {
  if (!report || !Array.isArray(report.checks)) return [];
  const out: ColumnRange[] = [];
  for (const c of report.checks) {
    if (c.kind !== 'aggregate' || (table && c.target_table !== table)) continue;
    const source = side(c.expected);
    const target = side(c.actual);
    if (!source || !target) continue;
    out.push({ table: c.target_table, column: c.target_column, status: c.status, source, target });
  }
  return out;
}

/** The quantile sketches of a distribution-shift anomaly: what the quantile chart draws. */
export type QuantileSeries = { probabilities: number[]; source: number[]; target: number[]; unit: string; ks: number | null };

export function quantileSeries(anomaly: Pick<ReportAnomaly, 'evidence'> | { evidence?: Record<string, unknown> }): QuantileSeries | null {
  const e = anomaly.evidence;
  if (!isRecord(e)) return null;
  const ps = Array.isArray(e.probabilities) ? e.probabilities.map(num) : [];
  const sq = Array.isArray(e.source_quantiles) ? e.source_quantiles.map(num) : [];
  const tq = Array.isArray(e.target_quantiles) ? e.target_quantiles.map(num) : [];
  if (ps.length < 2 || ps.length !== sq.length || ps.length !== tq.length) return null;
  if ([...ps, ...sq, ...tq].some((x) => x === null)) return null;
  return {
    probabilities: ps as number[],
    source: sq as number[],
    target: tq as number[],
    unit: typeof e.unit === 'string' ? e.unit : 'value',
    ks: num(e.ks_statistic),
  };
}

/** The report's checks that did not pass, most severe first, then by table. */
export function problemChecks(report: Pick<ReportDocument, 'checks'> | undefined): Check[] {
  if (!report || !Array.isArray(report.checks)) return [];
  return report.checks
    .filter((c) => c.status === 'failed' || c.status === 'error')
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.target_table.localeCompare(b.target_table) || a.id.localeCompare(b.id));
}

/** A readable name for a check: "Row differences · customers" or "Aggregates · customers.id". */
export function checkTitle(c: Pick<Check, 'kind' | 'target_table' | 'target_column' | 'id'>): string {
  const label = CHECK_KIND_LABEL[c.kind] ?? c.kind;
  const where = c.target_column ? `${c.target_table}.${c.target_column}` : c.target_table;
  return where ? `${label} · ${where}` : `${label} · ${c.id}`;
}
