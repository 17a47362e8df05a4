-- Discovery snapshots as a product (SQLite): versioned snapshots per project with the
-- job that made them, their diagnostics, findings, complexity and domains; per-table
-- summaries the graph and the table list read without touching columns; typed edges
-- (declared foreign keys, inferred links, lineage) with their evidence and provenance;
-- and each project's LLM settings (never an API key: keys stay in the environment).

ALTER TABLE discovered_schemas ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE discovered_schemas ADD COLUMN job_id TEXT;
ALTER TABLE discovered_schemas ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discovered_schemas ADD COLUMN diagnostic_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE discovered_schemas ADD COLUMN diagnostics TEXT NOT NULL DEFAULT '[]';
ALTER TABLE discovered_schemas ADD COLUMN findings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE discovered_schemas ADD COLUMN complexity TEXT NOT NULL DEFAULT '{}';
ALTER TABLE discovered_schemas ADD COLUMN domains TEXT NOT NULL DEFAULT '[]';
ALTER TABLE discovered_schemas ADD COLUMN files TEXT NOT NULL DEFAULT '[]';
ALTER TABLE discovered_schemas ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX discovered_schemas_version_idx ON discovered_schemas (project_id, version);

ALTER TABLE table_nodes ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE table_nodes ADD COLUMN role TEXT NOT NULL DEFAULT 'source';
ALTER TABLE table_nodes ADD COLUMN column_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE table_nodes ADD COLUMN complexity NUMERIC(3, 1);
ALTER TABLE table_nodes ADD COLUMN finding_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE table_nodes ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;
ALTER TABLE table_nodes ADD COLUMN domain TEXT;

ALTER TABLE column_nodes ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE column_nodes ADD COLUMN canonical_type TEXT;

ALTER TABLE relationships ADD COLUMN edge_type TEXT NOT NULL DEFAULT 'foreign_key';
ALTER TABLE relationships ADD COLUMN source_table_id TEXT;
ALTER TABLE relationships ADD COLUMN target_table_id TEXT;
ALTER TABLE relationships ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
ALTER TABLE relationships ADD COLUMN provenance TEXT;

CREATE TABLE project_llm_settings (
  project_id          TEXT PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  provider            TEXT NOT NULL DEFAULT 'offline',
  model               TEXT,
  base_url            TEXT,
  allow_sample_values INTEGER NOT NULL DEFAULT 0 CHECK (allow_sample_values IN (0, 1)),
  monthly_token_limit INTEGER NOT NULL DEFAULT 0 CHECK (monthly_token_limit >= 0),
  updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
