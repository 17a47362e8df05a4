-- The tables of the five phases (upload, discovery, mapping, codegen, validation) as
-- the product plan lists them (SQLite). Everything a project owns cascades from
-- projects. Timestamp defaults keep the microsecond text form of 0001.

CREATE TABLE schema_files (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  filename     TEXT NOT NULL,
  file_size    INTEGER NOT NULL,
  file_type    TEXT NOT NULL,
  dialect      TEXT NOT NULL,
  storage_path TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'uploading',
  preview_data TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  processed_at TEXT
);
CREATE INDEX schema_files_project_idx ON schema_files (project_id, created_at);

CREATE TABLE discovered_schemas (
  id                 TEXT PRIMARY KEY,
  project_id         TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  schema_content     TEXT NOT NULL,
  lineage_graph      TEXT,
  table_count        INTEGER,
  column_count       INTEGER,
  relationship_count INTEGER,
  complexity_score   NUMERIC(3, 1),
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX discovered_schemas_project_idx ON discovered_schemas (project_id, created_at);

CREATE TABLE table_nodes (
  id           TEXT PRIMARY KEY,
  schema_id    TEXT NOT NULL REFERENCES discovered_schemas (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  schema_name  TEXT,
  table_type   TEXT,
  dialect      TEXT,
  row_count    INTEGER,
  size_mb      NUMERIC(10, 2),
  last_updated TEXT,
  position_x   INTEGER,
  position_y   INTEGER,
  metadata     TEXT
);
CREATE INDEX table_nodes_schema_idx ON table_nodes (schema_id);

CREATE TABLE column_nodes (
  id                TEXT PRIMARY KEY,
  table_id          TEXT NOT NULL REFERENCES table_nodes (id) ON DELETE CASCADE,
  name              TEXT NOT NULL,
  data_type         TEXT NOT NULL,
  nullable          INTEGER NOT NULL DEFAULT 1 CHECK (nullable IN (0, 1)),
  is_primary_key    INTEGER NOT NULL DEFAULT 0 CHECK (is_primary_key IN (0, 1)),
  is_foreign_key    INTEGER NOT NULL DEFAULT 0 CHECK (is_foreign_key IN (0, 1)),
  references_table  TEXT,
  references_column TEXT,
  sample_values     TEXT,
  description       TEXT
);
CREATE INDEX column_nodes_table_idx ON column_nodes (table_id);

CREATE TABLE relationships (
  id                TEXT PRIMARY KEY,
  schema_id         TEXT NOT NULL REFERENCES discovered_schemas (id) ON DELETE CASCADE,
  source_table      TEXT NOT NULL,
  source_column     TEXT NOT NULL,
  target_table      TEXT NOT NULL,
  target_column     TEXT NOT NULL,
  relationship_type TEXT,
  confidence        NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  ai_generated      INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1))
);
CREATE INDEX relationships_schema_idx ON relationships (schema_id);

CREATE TABLE field_mappings (
  id                  TEXT PRIMARY KEY,
  project_id          TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source_table_id     TEXT NOT NULL,
  source_column_id    TEXT NOT NULL,
  target_table_id     TEXT NOT NULL,
  target_column_id    TEXT NOT NULL,
  transformation_type TEXT,
  confidence          NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  status              TEXT NOT NULL DEFAULT 'suggested',
  formula             TEXT,
  description         TEXT,
  ai_generated        INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
  created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  approved_at         TEXT
);
CREATE INDEX field_mappings_project_idx ON field_mappings (project_id, status);

CREATE TABLE mapping_rules (
  id             TEXT PRIMARY KEY,
  project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name           TEXT NOT NULL,
  description    TEXT,
  source_columns TEXT NOT NULL,
  target_column  TEXT NOT NULL,
  transformation TEXT NOT NULL,
  confidence     NUMERIC(3, 2) NOT NULL DEFAULT 0.0,
  is_composite   INTEGER NOT NULL DEFAULT 0 CHECK (is_composite IN (0, 1)),
  ai_generated   INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX mapping_rules_project_idx ON mapping_rules (project_id);

CREATE TABLE table_mappings (
  id                      TEXT PRIMARY KEY,
  project_id              TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  source_table_id         TEXT NOT NULL,
  target_table_id         TEXT NOT NULL,
  completion_percentage   INTEGER NOT NULL DEFAULT 0,
  required_fields_covered INTEGER NOT NULL DEFAULT 0,
  total_required_fields   INTEGER NOT NULL DEFAULT 0,
  created_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  updated_at              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX table_mappings_project_idx ON table_mappings (project_id);

CREATE TABLE generated_codes (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  platform     TEXT NOT NULL,
  code_content TEXT NOT NULL,
  filename     TEXT NOT NULL,
  language     TEXT NOT NULL,
  file_size    INTEGER NOT NULL,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  optimized_at TEXT
);
CREATE INDEX generated_codes_project_idx ON generated_codes (project_id, platform);

CREATE TABLE code_optimizations (
  id                TEXT PRIMARY KEY,
  code_id           TEXT NOT NULL REFERENCES generated_codes (id) ON DELETE CASCADE,
  optimization_type TEXT,
  title             TEXT NOT NULL,
  description       TEXT,
  suggestion        TEXT,
  impact            TEXT,
  auto_applicable   INTEGER NOT NULL DEFAULT 0 CHECK (auto_applicable IN (0, 1)),
  applied           INTEGER NOT NULL DEFAULT 0 CHECK (applied IN (0, 1)),
  ai_generated      INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
  created_at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX code_optimizations_code_idx ON code_optimizations (code_id);

CREATE TABLE validation_reports (
  id                   TEXT PRIMARY KEY,
  project_id           TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  overall_accuracy     NUMERIC(5, 2),
  total_records_tested INTEGER,
  passed_validations   INTEGER,
  failed_validations   INTEGER,
  anomalies_detected   INTEGER,
  report_data          TEXT,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX validation_reports_project_idx ON validation_reports (project_id, created_at);

CREATE TABLE data_anomalies (
  id           TEXT PRIMARY KEY,
  project_id   TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  table_name   TEXT,
  column_name  TEXT,
  anomaly_type TEXT,
  severity     TEXT,
  description  TEXT,
  sample_data  TEXT,
  ai_detected  INTEGER NOT NULL DEFAULT 0 CHECK (ai_detected IN (0, 1)),
  resolved     INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX data_anomalies_project_idx ON data_anomalies (project_id, severity);

CREATE TABLE validation_rules (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  rule_name       TEXT NOT NULL,
  rule_type       TEXT,
  rule_expression TEXT NOT NULL,
  expected_result TEXT,
  severity        TEXT NOT NULL DEFAULT 'medium',
  ai_generated    INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX validation_rules_project_idx ON validation_rules (project_id);

CREATE TABLE test_cases (
  id              TEXT PRIMARY KEY,
  project_id      TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  test_name       TEXT NOT NULL,
  test_type       TEXT,
  source_query    TEXT,
  target_query    TEXT,
  expected_result TEXT,
  actual_result   TEXT,
  status          TEXT,
  ai_generated    INTEGER NOT NULL DEFAULT 0 CHECK (ai_generated IN (0, 1)),
  created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  executed_at     TEXT
);
CREATE INDEX test_cases_project_idx ON test_cases (project_id);
