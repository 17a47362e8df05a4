// The mapping API's shapes (/api/v1/projects/{id}/mapping/*), as the server encodes them.
import type { Job } from '@/api/types';

export type MappingState = 'not_started' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type MappingStatusValue = 'suggested' | 'approved' | 'rejected' | 'manual';
export type Transformation = 'direct' | 'cast' | 'computed' | 'concatenated' | 'case_when' | 'custom';
export type Provenance = 'engine' | 'model' | 'person';

export const TRANSFORMATIONS: readonly Transformation[] = ['direct', 'cast', 'computed', 'concatenated', 'case_when', 'custom'];

export type ColumnRef = { table: string; column: string };
export type Evidence = { feature: string; score: number; weight: number; detail: string };
export type ValueMapEntry = { from: string; to: string };
export type ValueMap = { entries: ValueMapEntry[]; otherwise?: string | null };

export type FieldMapping = {
  id: string;
  key: string;
  table_mapping_id: string | null;
  sources: ColumnRef[];
  source_table: string;
  source_column: string;
  target_table: string;
  target_column: string;
  transformation: Transformation;
  formula: string;
  formula_dialect: string;
  value_map: ValueMap | null;
  confidence: number;
  rank: number;
  status: MappingStatusValue;
  provenance: Provenance;
  model: string | null;
  description: string;
  evidence: Evidence[];
  warnings: string[];
  version: number;
  can_undo: boolean;
  created_at: string;
  updated_at: string | null;
  updated_by: string | null;
  approved_at: string | null;
};

export type FieldMappingPage = { items: FieldMapping[]; total: number; limit: number; offset: number };

export type TableMapping = {
  id: string;
  key: string;
  source_tables: string[];
  source_table: string;
  target_table: string;
  join: string;
  filter: string;
  confidence: number;
  status: MappingStatusValue;
  provenance: Provenance;
  evidence: Evidence[];
  completion_percentage: number;
  required_fields_covered: number;
  total_required_fields: number;
  mapped_fields: number;
  total_fields: number;
  created_at: string;
  updated_at: string;
};

export type MappingJob = Pick<Job, 'id' | 'state' | 'progress' | 'stage' | 'message' | 'created_at'> & {
  error?: string | null;
  result?: unknown;
};

export type MappingStatus = {
  state: MappingState;
  job: MappingJob | null;
  counts: Record<string, number>;
  table_mappings: { count: number; average_completion: number; required_fields_covered: number; total_required_fields: number };
  files: { source: number; target: number };
  target_proposed: boolean;
  target_dialect: string;
};

export type DecisionOutcome = { changed: FieldMapping[]; changed_count: number; unchanged: number; not_found: string[] };

export type Decision = { ids: string[] } | { min_confidence: number; table?: string };

/** What a person may change on a mapping (PATCH) or write from scratch (custom). */
export type MappingInput = {
  sources?: ColumnRef[];
  target_table?: string;
  target_column?: string;
  transformation?: Transformation;
  formula?: string;
  description?: string;
  value_map?: ValueMap | null;
};

export type AiSuggestionsAnswer = { llm: { used: boolean; reason: string }; suggestions: FieldMapping[] };

export type SuggestionQuery = {
  source_table?: string;
  target_table?: string;
  status?: readonly string[];
  provenance?: readonly string[];
  min_confidence?: number;
  max_confidence?: number;
  sort?: string;
  limit: number;
  offset: number;
};
