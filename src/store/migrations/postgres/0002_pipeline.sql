-- The tables of the five phases (upload, discovery, mapping, codegen, validation) as
-- the product plan lists them (PostgreSQL): JSONB for documents and arrays,
-- BOOLEAN flags, TIMESTAMPTZ times. Everything a project owns cascades from projects.

CREATE TABLE schema_files (
  id           UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  filename     TEXT NOT NULL,
  file_size    BIGINT NOT NULL,
  file_type    TEXT NOT NULL,
  dialect      TEXT NOT NULL,
  storage_path TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'uploading',
  preview_data JSONB,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  processed_at TIMESTAMPTZ
);
CREATE INDEX schema_files_project_idx ON schema_files (project_id, created_at);

CREATE TABLE discovered_schemas (
  id                 UUID PRIMARY KEY,
  project_id         UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  schema_content     JSONB NOT NULL,
  lineage_graph      JSONB,
  table_count        INTEGER,
  column_count       INTEGER,
  relationship_count INTEGER,
  complexity_score   NUMERIC(3, 1),
  created_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX discovered_schemas_project_idx ON discovered_schemas (project_id, created_at);

CREATE TABLE table_nodes (
  id           UUID PRIMARY KEY,
  schema_id    UUID NOT NULL REFERENCES discovered_schemas (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  schema_name  TEXT,
  table_type   TEXT,
  dialect      TEXT,
  row_count    BIGINT,
  size_mb      NUMERIC(10, 2),
  last_updated TIMESTAMPTZ,
  position_x   INTEGER,
  position_y   INTEGER,
  metadata     JSONB
);
CREATE INDEX table_nodes_schema_idx ON table_nodes (schema_id);

CREATE TABLE column_nodes (
  id                UUID PRIMARY KEY,
  table_id          UUID NOT NULL REFERENCES table_nodes (id) ON DELETE CASCADE,
  name              TEXT NOT NULL,
  data_type         TEXT NOT NULL,
  nullable          BOOLEAN NOT NULL DEFAULT true,
  is_primary_key    BOOLEAN NOT NULL DEFAULT false,
  is_foreign_key    BOOLEAN NOT NULL DEFAULT false,
  references_table  TEXT,
  references_column TEXT,
  sample_values     JSONB,
  description       TEXT
);
CREATE INDEX column_nodes_table_idx ON column_nodes (table_id);

CREATE TABLE relationships (
  id                UUID PRIMARY KEY,
  schema_id         UUID NOT NULL REFERENCES discovered_schemas (id) ON DELETE CASCADE,
  source_table      TEXT NOT NULL,
  source_column     TEXT NOT NULL,
  target_table      TEXT NOT NULL,
  target_column     TEXT NOT NULL,
  relationship_type TEXT,
  confidence        NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  ai_generated      BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX relationships_schema_idx ON relationships (schema_id);

CREATE TABLE field_mappings (
  id                  UUID PRIMARY KEY,
  project_id          UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source_table_id     TEXT NOT NULL,
  source_column_id    TEXT NOT NULL,
  target_table_id     TEXT NOT NULL,
  target_column_id    TEXT NOT NULL,
  transformation_type TEXT,
  confidence          NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  status              TEXT NOT NULL DEFAULT 'suggested',
  formula             TEXT,
  description         TEXT,
  ai_generated        BOOLEAN NOT NULL DEFAULT false,
  created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  approved_at         TIMESTAMPTZ
);
CREATE INDEX field_mappings_project_idx ON field_mappings (project_id, status);

CREATE TABLE mapping_rules (
  id             UUID PRIMARY KEY,
  project_id     UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  description    TEXT,
  source_columns JSONB NOT NULL,
  target_column  TEXT NOT NULL,
  transformation TEXT NOT NULL,
  confidence     NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  is_composite   BOOLEAN NOT NULL DEFAULT false,
  ai_generated   BOOLEAN NOT NULL DEFAULT false,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mapping_rules_project_idx ON mapping_rules (project_id);

CREATE TABLE table_mappings (
  id                      UUID PRIMARY KEY,
  project_id              UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source_table_id         TEXT NOT NULL,
  target_table_id         TEXT NOT NULL,
  completion_percentage   INTEGER NOT NULL DEFAULT 0,
  required_fields_covered INTEGER NOT NULL DEFAULT 0,
  total_required_fields   INTEGER NOT NULL DEFAULT 0,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX table_mappings_project_idx ON table_mappings (project_id);

CREATE TABLE generated_codes (
  id           UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform     TEXT NOT NULL,
  code_content TEXT NOT NULL,
  filename     TEXT NOT NULL,
  language     TEXT NOT NULL,
  file_size    BIGINT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  optimized_at TIMESTAMPTZ
);
CREATE INDEX generated_codes_project_idx ON generated_codes (project_id, platform);

CREATE TABLE code_optimizations (
  id                UUID PRIMARY KEY,
  code_id           UUID NOT NULL REFERENCES generated_codes (id) ON DELETE CASCADE,
  optimization_type TEXT,
  title             TEXT NOT NULL,
  description       TEXT,
  suggestion        TEXT,
  impact            TEXT,
  auto_applicable   BOOLEAN NOT NULL DEFAULT false,
  applied           BOOLEAN NOT NULL DEFAULT false,
  ai_generated      BOOLEAN NOT NULL DEFAULT false,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX code_optimizations_code_idx ON code_optimizations (code_id);

CREATE TABLE validation_reports (
  id                   UUID PRIMARY KEY,
  project_id           UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  overall_accuracy     NUMERIC(5, 2),
  total_records_tested BIGINT,
  passed_validations   BIGINT,
  failed_validations   BIGINT,
  anomalies_detected   INTEGER,
  report_data          JSONB,
  created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX validation_reports_project_idx ON validation_reports (project_id, created_at);

CREATE TABLE data_anomalies (
  id           UUID PRIMARY KEY,
  project_id   UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  table_name   TEXT,
  column_name  TEXT,
  anomaly_type TEXT,
  severity     TEXT,
  description  TEXT,
  sample_data  JSONB,
  ai_detected  BOOLEAN NOT NULL DEFAULT false,
  resolved     BOOLEAN NOT NULL DEFAULT false,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX data_anomalies_project_idx ON data_anomalies (project_id, severity);

CREATE TABLE validation_rules (
  id              UUID PRIMARY KEY,
  project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  rule_name       TEXT NOT NULL,
  rule_type       TEXT,
  rule_expression TEXT NOT NULL,
  expected_result TEXT,
  severity        TEXT NOT NULL DEFAULT 'medium',
  ai_generated    BOOLEAN NOT NULL DEFAULT false,
  active          BOOLEAN NOT NULL DEFAULT true,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX validation_rules_project_idx ON validation_rules (project_id);

CREATE TABLE test_cases (
  id              UUID PRIMARY KEY,
  project_id      UUID NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  test_name       TEXT NOT NULL,
  test_type       TEXT,
  source_query    TEXT,
  target_query    TEXT,
  expected_result JSONB,
  actual_result   JSONB,
  status          TEXT,
  ai_generated    BOOLEAN NOT NULL DEFAULT false,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  executed_at     TIMESTAMPTZ
);
CREATE INDEX test_cases_project_idx ON test_cases (project_id);
