// The code generation API's shapes (/api/v1/projects/{id}/codegen/*, docs/codegen-api.md),
// from the generated OpenAPI types where they are precise enough.
import type { components } from '@/api/schema.gen';
import type { Job } from '@/api/types';

type Schemas = components['schemas'];

export type Platform = Schemas['CodegenPlatform'];
export type CodegenOptions = Partial<Schemas['CodegenOptions']>;
export type CodeAdvice = Schemas['CodeAdvice'];

/** One parse problem of a generated file, as the server encodes a diagnostic. */
export type CodeDiagnostic = {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  snippet?: string;
};

export type FileVerification = { checked?: boolean; ok?: boolean; statements?: number; diagnostics?: CodeDiagnostic[] };

/** Lines [first_line, last_line] came from these mappings ("tm-..." tables, "fm-..." fields). */
export type ProvenanceRange = { first_line: number; last_line: number; mapping_ids: string[] };

export type CodeFile = Omit<Schemas['GeneratedFile'], 'verification' | 'provenance'> & {
  verification?: FileVerification;
  provenance?: ProvenanceRange[];
};

export type Generation = Omit<Schemas['CodeGeneration'], 'files' | 'load_plan'> & {
  files?: CodeFile[];
  load_plan?: { waves?: Array<{ wave: number; tables: string[] }>; broken_dependencies?: unknown[] };
};

export type CodegenJob = Pick<Job, 'id' | 'state' | 'progress' | 'stage' | 'message' | 'created_at'> & {
  kind?: string;
  error?: string | null;
};

export type CodegenState = 'idle' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type CodegenStatus = {
  state: CodegenState;
  job: CodegenJob | null;
  platforms: Partial<Record<Platform, Generation | null>>;
};

export type ValidationAnswer = {
  ok: boolean;
  files_ok: number;
  files_failed: number;
  platforms: Array<{ platform: Platform; generation_id: string; version: number; ok: number; failed: number }>;
};

/** What the code page shows of a mapping when a line is traced back to it. */
export type MappingSummary = {
  key: string;
  kind: 'table' | 'field';
  source: string;
  target: string;
  transformation?: string;
  formula?: string;
  status: string;
};
