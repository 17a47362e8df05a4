-- Code generation (SQLite): one row per generation of one platform (versioned, so a
-- regeneration keeps the history and the UI can diff), the files of each generation with
-- the mapping ids their lines came from and their verification, and the optimisation
-- advice of a generation. generated_codes and code_optimizations are the product plan's.

CREATE TABLE code_generations (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform        TEXT NOT NULL,
  version         INTEGER NOT NULL,
  options         TEXT NOT NULL,
  load_plan       TEXT NOT NULL,
  diagnostics     TEXT NOT NULL,
  applied_advice  TEXT NOT NULL,
  file_count      INTEGER NOT NULL,
  verified_ok     INTEGER NOT NULL,
  verified_failed INTEGER NOT NULL,
  created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  UNIQUE (project_id, platform, version)
);

ALTER TABLE generated_codes ADD COLUMN generation_id TEXT REFERENCES code_generations (id) ON DELETE CASCADE;
ALTER TABLE generated_codes ADD COLUMN dialect TEXT NOT NULL DEFAULT '';
ALTER TABLE generated_codes ADD COLUMN provenance TEXT;
ALTER TABLE generated_codes ADD COLUMN verification TEXT;
CREATE INDEX generated_codes_generation_idx ON generated_codes (generation_id, filename);

ALTER TABLE code_optimizations ADD COLUMN generation_id TEXT REFERENCES code_generations (id) ON DELETE CASCADE;
ALTER TABLE code_optimizations ADD COLUMN advice_id TEXT;
ALTER TABLE code_optimizations ADD COLUMN rule TEXT;
ALTER TABLE code_optimizations ADD COLUMN table_name TEXT;
CREATE INDEX code_optimizations_generation_idx ON code_optimizations (generation_id);
