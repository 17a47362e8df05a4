-- Discovery snapshots as a product (PostgreSQL): versioned snapshots per project with the
-- job that made them, their diagnostics, findings, complexity and domains; per-table
-- summaries the graph and the table list read without touching columns; typed edges
-- (declared foreign keys, inferred links, lineage) with their evidence and provenance;
-- and each project's LLM settings (never an API key: keys stay in the environment).

ALTER TABLE discovered_schemas
  ADD COLUMN version INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN job_id UUID,
  ADD COLUMN view_count INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN diagnostic_count INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN diagnostics JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN findings JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN complexity JSONB NOT NULL DEFAULT '{}',
  ADD COLUMN domains JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN files JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX discovered_schemas_version_idx ON discovered_schemas (project_id, version);

ALTER TABLE table_nodes
  ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN role TEXT NOT NULL DEFAULT 'source',
  ADD COLUMN column_count INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN complexity NUMERIC(3, 1),
  ADD COLUMN finding_count INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN degree INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN domain TEXT;

ALTER TABLE column_nodes
  ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN canonical_type TEXT;

ALTER TABLE relationships
  ADD COLUMN edge_type TEXT NOT NULL DEFAULT 'foreign_key',
  ADD COLUMN source_table_id UUID,
  ADD COLUMN target_table_id UUID,
  ADD COLUMN evidence JSONB NOT NULL DEFAULT '[]',
  ADD COLUMN provenance JSONB;

CREATE TABLE project_llm_settings (
  project_id          UUID PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
  provider            TEXT NOT NULL DEFAULT 'offline',
  model               TEXT,
  base_url            TEXT,
  allow_sample_values BOOLEAN NOT NULL DEFAULT false,
  monthly_token_limit BIGINT NOT NULL DEFAULT 0 CHECK (monthly_token_limit >= 0),
  updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
