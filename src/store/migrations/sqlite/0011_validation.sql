-- Validation (SQLite): the product plan's validation_reports, data_anomalies,
-- validation_rules and test_cases, extended for stored runs. A report is one finished run
-- (the job that produced it, the two connections, the options, the summary numbers and
-- the whole report document); its anomalies are rows of their own so that they can be
-- listed by severity and table; rules carry the engine's Rule fields and test cases the
-- TestCase fields with their last result.

ALTER TABLE validation_reports ADD COLUMN job_id TEXT;
ALTER TABLE validation_reports ADD COLUMN source_connection_id TEXT REFERENCES connections (id) ON DELETE SET NULL;
ALTER TABLE validation_reports ADD COLUMN target_connection_id TEXT REFERENCES connections (id) ON DELETE SET NULL;
ALTER TABLE validation_reports ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
ALTER TABLE validation_reports ADD COLUMN status TEXT NOT NULL DEFAULT 'passed';
ALTER TABLE validation_reports ADD COLUMN records_failed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE validation_reports ADD COLUMN errored_validations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE validation_reports ADD COLUMN skipped_validations INTEGER NOT NULL DEFAULT 0;
ALTER TABLE validation_reports ADD COLUMN table_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE validation_reports ADD COLUMN source_engine TEXT NOT NULL DEFAULT '';
ALTER TABLE validation_reports ADD COLUMN target_engine TEXT NOT NULL DEFAULT '';
ALTER TABLE validation_reports ADD COLUMN duration_ms REAL NOT NULL DEFAULT 0;
ALTER TABLE validation_reports ADD COLUMN created_by TEXT REFERENCES users (id) ON DELETE SET NULL;

ALTER TABLE data_anomalies ADD COLUMN report_id TEXT REFERENCES validation_reports (id) ON DELETE CASCADE;
ALTER TABLE data_anomalies ADD COLUMN anomaly_key TEXT;
ALTER TABLE data_anomalies ADD COLUMN severity_rank INTEGER NOT NULL DEFAULT 2;
ALTER TABLE data_anomalies ADD COLUMN source_table TEXT;
ALTER TABLE data_anomalies ADD COLUMN affected_rows INTEGER NOT NULL DEFAULT 0;
ALTER TABLE data_anomalies ADD COLUMN evidence TEXT;
ALTER TABLE data_anomalies ADD COLUMN mapping_ids TEXT;
ALTER TABLE data_anomalies ADD COLUMN masked INTEGER NOT NULL DEFAULT 1 CHECK (masked IN (0, 1));
ALTER TABLE data_anomalies ADD COLUMN explained_by TEXT NOT NULL DEFAULT 'engine';
CREATE INDEX data_anomalies_report_idx ON data_anomalies (report_id, severity_rank DESC, table_name);

ALTER TABLE validation_rules ADD COLUMN table_path TEXT NOT NULL DEFAULT '[]';
ALTER TABLE validation_rules ADD COLUMN column_name TEXT NOT NULL DEFAULT '';
ALTER TABLE validation_rules ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE validation_rules ADD COLUMN origin TEXT NOT NULL DEFAULT 'person';
ALTER TABLE validation_rules ADD COLUMN created_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE validation_rules ADD COLUMN updated_at TEXT;

ALTER TABLE test_cases ADD COLUMN ordered INTEGER NOT NULL DEFAULT 0 CHECK (ordered IN (0, 1));
ALTER TABLE test_cases ADD COLUMN numeric_tolerance REAL NOT NULL DEFAULT 0;
ALTER TABLE test_cases ADD COLUMN max_rows INTEGER NOT NULL DEFAULT 100000;
ALTER TABLE test_cases ADD COLUMN created_by TEXT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE test_cases ADD COLUMN updated_at TEXT;
