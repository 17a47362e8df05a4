// The validation API's shapes (/api/v1/projects/{id}/validation/*, docs/validation-api.md)
// and the report document (docs/validation.md, "Report format").
import type { components } from '@/api/schema.gen';
import type { Job } from '@/api/types';

type Schemas = components['schemas'];

export type ValidationOptions = Schemas['ValidationOptions'];
export type ReportSummary = Schemas['ValidationReportSummary'];
export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type CheckStatus = 'passed' | 'failed' | 'error' | 'skipped';

export type ValidationState = 'idle' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type ValidationStatus = {
  state: ValidationState;
  job: (Pick<Job, 'id' | 'state' | 'progress' | 'stage' | 'message' | 'created_at'> & { kind?: string; error?: string | null }) | null;
  latest_report: ReportSummary | null;
};

export type MappingLink = { mapping_id: string; id: string; href: string };
export type CodeLink = {
  code_id: string;
  generation_id: string;
  platform: string;
  path: string;
  first_line: number;
  last_line: number;
  href: string;
};

/** One changed column of a keyed-diff sample row. */
export type ColumnDifference = {
  column: string;
  source?: string | null;
  target?: string | null;
  difference?: string;
  symptom?: string;
  reason?: string;
};

/** A keyed-diff sample: a missing, extra, changed or representation-only row. */
export type DiffSample = {
  kind: 'missing' | 'extra' | 'changed' | 'representation';
  key?: Record<string, string | null>;
  row?: Record<string, string | null>;
  values?: Record<string, string | null>;
  columns?: ColumnDifference[];
  count?: number;
};

export type Check = {
  id: string;
  kind: string;
  status: CheckStatus;
  severity: Severity;
  source_table: string;
  target_table: string;
  target_column: string;
  mapping_ids: string[];
  message: string;
  expected?: unknown;
  actual?: unknown;
  records_tested?: number;
  records_failed?: number;
  samples?: unknown[];
  duration_ms?: number;
  links?: { mappings?: MappingLink[]; code?: CodeLink[] };
};

export type TableResult = {
  source_table: string;
  target_table: string;
  mapping_ids: string[];
  status: CheckStatus;
  source_rows?: number | null;
  target_rows?: number | null;
  checks_passed: number;
  checks_failed: number;
  checks_errored: number;
  records_tested: number;
  records_failed: number;
  accuracy: number;
};

export type ReportAnomaly = {
  id: string;
  kind: string;
  severity: Severity;
  source_table: string;
  target_table: string;
  target_column: string;
  count: number;
  explanation: string;
  evidence: Record<string, unknown>;
  samples: Array<Record<string, unknown>>;
  masked: boolean;
};

export type ReportDiagnostic = { code: string; severity: string; message: string };

/** The report document as the engine writes it; members are only ever added. */
export type ReportDocument = {
  format_version: number;
  passed: boolean;
  source_engine: string;
  target_engine: string;
  overall_accuracy: number;
  records_tested: number;
  records_failed: number;
  checks_passed: number;
  checks_failed: number;
  checks_errored: number;
  checks_skipped: number;
  duration_ms: number;
  tables: TableResult[];
  checks: Check[];
  anomalies: ReportAnomaly[];
  diagnostics: ReportDiagnostic[];
};

export type ReportDetail = ReportSummary & { report?: ReportDocument };

/** An anomaly as GET anomalies lists it. */
export type Anomaly = {
  id: string;
  report_id: string;
  anomaly_id: string;
  kind: string;
  severity: Severity;
  source_table?: string;
  table: string;
  column: string;
  count: number;
  explanation: string;
  evidence?: Record<string, unknown>;
  samples?: Array<Record<string, unknown>>;
  masked?: boolean;
  explained_by?: string;
  /** 1 = look at it first; 0 for reports written before ranking existed. */
  rank?: number;
  likely_cause?: string;
  /** The model's explanation when an LLM ranked the anomalies. */
  ai_explanation?: string;
  mapping_ids?: string[];
};

export type RuleKind = 'not_null' | 'unique' | 'range' | 'regex' | 'accepted_values' | 'freshness' | 'sql';

export type Rule = {
  id: string;
  name: string;
  kind: RuleKind;
  table: string;
  table_path?: string[];
  column?: string;
  params?: Record<string, unknown>;
  sql?: string;
  severity?: Severity;
  origin?: string;
  enabled?: boolean;
  updated_at?: string;
};

export type RuleInput = {
  name: string;
  kind: RuleKind;
  table: string;
  column?: string;
  params?: Record<string, unknown>;
  sql?: string;
  severity?: Severity;
  enabled?: boolean;
};

export type TestCase = {
  id: string;
  name: string;
  source_query: string;
  target_query: string;
  ordered?: boolean;
  numeric_tolerance?: number;
  max_rows?: number;
  status?: 'pending' | 'passed' | 'failed' | 'error' | 'skipped';
  last_result?: Check | null;
  executed_at?: string | null;
};

export type TestCaseInput = {
  name: string;
  source_query: string;
  target_query: string;
  ordered?: boolean;
  numeric_tolerance?: number;
};
