-- Code generation (PostgreSQL): one row per generation of one platform (versioned, so a
-- regeneration keeps the history and the UI can diff), the files of each generation with
-- the mapping ids their lines came from and their verification, and the optimisation
-- advice of a generation. generated_codes and code_optimizations are the product plan's.

CREATE TABLE code_generations (
  id              UUID PRIMARY KEY,
  project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform        TEXT NOT NULL,
  version         INTEGER NOT NULL,
  options         JSONB NOT NULL,
  load_plan       JSONB NOT NULL,
  diagnostics     JSONB NOT NULL,
  applied_advice  JSONB NOT NULL,
  file_count      INTEGER NOT NULL,
  verified_ok     INTEGER NOT NULL,
  verified_failed INTEGER NOT NULL,
  created_by      UUID REFERENCES users (id) ON DELETE SET NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (project_id, platform, version)
);

ALTER TABLE generated_codes ADD COLUMN generation_id UUID REFERENCES code_generations (id) ON DELETE CASCADE;
ALTER TABLE generated_codes ADD COLUMN dialect TEXT NOT NULL DEFAULT '';
ALTER TABLE generated_codes ADD COLUMN provenance JSONB;
ALTER TABLE generated_codes ADD COLUMN verification JSONB;
CREATE INDEX generated_codes_generation_idx ON generated_codes (generation_id, filename);

ALTER TABLE code_optimizations ADD COLUMN generation_id UUID REFERENCES code_generations (id) ON DELETE CASCADE;
ALTER TABLE code_optimizations ADD COLUMN advice_id TEXT;
ALTER TABLE code_optimizations ADD COLUMN rule TEXT;
ALTER TABLE code_optimizations ADD COLUMN table_name TEXT;
CREATE INDEX code_optimizations_generation_idx ON code_optimizations (generation_id);
