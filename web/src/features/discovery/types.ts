// The discovery API's shapes, as the shared contract defines them (docs/discovery.md).
import type { Job } from '@/api/types';

export type DiscoveryState = 'idle' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type SnapshotSummary = {
  id: string;
  version: number;
  created_at: string;
  table_count: number;
  column_count: number;
  relationship_count: number;
  complexity_score: number;
  diagnostic_count: number;
};

export type DiscoveryStatus = { state: DiscoveryState; job: Job | null; latest: SnapshotSummary | null };
export type DiscoveryStart = { job: Job; snapshot_version: number };
export type SnapshotList = { items: SnapshotSummary[]; total: number };

export type TableRole = 'source' | 'intermediate' | 'target';

export type TableSummary = {
  id: string;
  schema: string | null;
  name: string;
  kind: string;
  role: TableRole | null;
  column_count: number;
  row_count: number | null;
  complexity: number | null;
  finding_count: number;
};

export type ColumnDetail = {
  name: string;
  data_type: string;
  canonical_type?: string | null;
  nullable: boolean;
  is_primary_key: boolean;
  is_foreign_key: boolean;
  references_table?: string | null;
  references_column?: string | null;
  description?: string | null;
  sample_values?: unknown[] | null;
};

export type Evidence = string | { kind?: string; detail?: string; score?: number; [key: string]: unknown };

export type Relationship = {
  id?: string;
  type?: string;
  source?: string;
  target?: string;
  source_table?: string;
  target_table?: string;
  source_column?: string | null;
  target_column?: string | null;
  source_columns?: string[];
  target_columns?: string[];
  confidence?: number | null;
  relationship_type?: string | null;
  ai_generated?: boolean;
  evidence?: Evidence[];
};

export type Finding = {
  id?: string;
  code: string;
  severity: string;
  title?: string;
  message?: string;
  detail?: string;
  objects?: unknown[];
};

export type ComplexityFactor = { name: string; value: number | string; weight: number; detail?: string | null };
export type Complexity = { score: number; factors: ComplexityFactor[] };

export type TableDetail = Omit<TableSummary, 'complexity'> & {
  columns: ColumnDetail[];
  keys?: unknown[];
  indexes?: unknown[];
  relationships: Relationship[];
  findings: Finding[];
  complexity: Complexity | null;
  origin: { file: string | null; line: number | null } | null;
};

export type TablePage = { items: TableSummary[]; total: number };

export type Diagnostic = {
  code: string;
  severity: string;
  message: string;
  file: string | null;
  /** The uploaded file's id, to open it at the line; null when no uploaded file is named. */
  file_id?: string | null;
  line: number | null;
  column: number | null;
  snippet?: string | null;
};
export type DiagnosticPage = { items: Diagnostic[]; total: number };

export type GraphColumn = { name: string; data_type: string; is_primary_key: boolean; is_foreign_key: boolean };

export type GraphNode = {
  id: string;
  schema: string | null;
  name: string;
  kind: string;
  role: TableRole | null;
  column_count: number;
  position: { x: number; y: number } | null;
  columns?: GraphColumn[];
};

export type EdgeType = 'foreign_key' | 'inferred' | 'lineage';

export type GraphEdge = {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  source_column: string | null;
  target_column: string | null;
  confidence: number | null;
  relationship_type: string | null;
  ai_generated: boolean;
  evidence: Evidence[];
};

export type LineageGraph = {
  snapshot: { id: string; version: number } | null;
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  total_nodes: number;
};

export type GraphQuery = { focus?: string; depth?: number; search?: string; schema?: string; columns?: boolean; limit?: number };

export type NodePosition = { node_id: string; x: number; y: number };

export type AnalyzeResult = {
  findings: Finding[];
  complexity: Complexity;
  domains: Array<{ table: string; domain: string; confidence: number; provenance?: string }>;
  llm: { used: boolean; provider?: string | null; model?: string | null; warning?: string | null };
};
