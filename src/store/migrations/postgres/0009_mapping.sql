-- The mapping workflow (PostgreSQL): what the engine suggested and why (rank, evidence,
-- type-loss warnings, provenance), what a person decided and when, the versions an undo
-- restores, composite rules, table-mapping coverage, the decision audit trail, and the
-- role of an uploaded file (source or target schema).

ALTER TABLE field_mappings ADD COLUMN mapping_key TEXT NOT NULL DEFAULT '';
ALTER TABLE field_mappings ADD COLUMN table_mapping_id TEXT;
ALTER TABLE field_mappings ADD COLUMN sources JSONB NOT NULL DEFAULT '[]';
ALTER TABLE field_mappings ADD COLUMN rank INTEGER NOT NULL DEFAULT 1;
ALTER TABLE field_mappings ADD COLUMN evidence JSONB NOT NULL DEFAULT '[]';
ALTER TABLE field_mappings ADD COLUMN warnings JSONB NOT NULL DEFAULT '[]';
ALTER TABLE field_mappings ADD COLUMN value_map JSONB;
ALTER TABLE field_mappings ADD COLUMN provenance TEXT NOT NULL DEFAULT 'engine'
  CHECK (provenance IN ('engine', 'model', 'person'));
ALTER TABLE field_mappings ADD COLUMN model TEXT;
ALTER TABLE field_mappings ADD COLUMN formula_dialect TEXT;
ALTER TABLE field_mappings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE field_mappings ADD COLUMN previous_versions JSONB NOT NULL DEFAULT '[]';
ALTER TABLE field_mappings ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE field_mappings ADD COLUMN updated_by TEXT;
CREATE INDEX field_mappings_source_idx ON field_mappings (project_id, source_table_id, source_column_id);
CREATE INDEX field_mappings_target_idx ON field_mappings (project_id, target_table_id, target_column_id);

ALTER TABLE table_mappings ADD COLUMN mapping_key TEXT NOT NULL DEFAULT '';
ALTER TABLE table_mappings ADD COLUMN source_tables JSONB NOT NULL DEFAULT '[]';
ALTER TABLE table_mappings ADD COLUMN join_condition TEXT;
ALTER TABLE table_mappings ADD COLUMN filter_condition TEXT;
ALTER TABLE table_mappings ADD COLUMN confidence NUMERIC(3, 2) NOT NULL DEFAULT 0.0;
ALTER TABLE table_mappings ADD COLUMN status TEXT NOT NULL DEFAULT 'suggested';
ALTER TABLE table_mappings ADD COLUMN provenance TEXT NOT NULL DEFAULT 'engine';
ALTER TABLE table_mappings ADD COLUMN evidence JSONB NOT NULL DEFAULT '[]';
ALTER TABLE table_mappings ADD COLUMN mapped_fields INTEGER NOT NULL DEFAULT 0;
ALTER TABLE table_mappings ADD COLUMN total_fields INTEGER NOT NULL DEFAULT 0;

ALTER TABLE mapping_rules ADD COLUMN rule_type TEXT NOT NULL DEFAULT 'custom';
ALTER TABLE mapping_rules ADD COLUMN target_table TEXT NOT NULL DEFAULT '';
ALTER TABLE mapping_rules ADD COLUMN definition JSONB NOT NULL DEFAULT '{}';
ALTER TABLE mapping_rules ADD COLUMN provenance TEXT NOT NULL DEFAULT 'person';
ALTER TABLE mapping_rules ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE mapping_rules ADD COLUMN updated_by TEXT;

-- Append-only like audit_log: the user id is kept as text so the trail survives the
-- account; the project's trail goes with the project.
CREATE TABLE mapping_audit (
  id           UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id      TEXT,
  action       TEXT NOT NULL,
  mapping_id   TEXT,
  before_state JSONB,
  after_state  JSONB,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mapping_audit_project_idx ON mapping_audit (project_id, created_at);
CREATE INDEX mapping_audit_mapping_idx ON mapping_audit (mapping_id);

ALTER TABLE schema_files ADD COLUMN role TEXT NOT NULL DEFAULT 'source'
  CHECK (role IN ('source', 'target'));
