-- Cancellation requests for running jobs (the worker sees the flag at its next progress
-- report), an index for "what changed in this project since" (the event stream), and
-- the content hash and failure reason of uploaded files (SQLite). The unique hash per
-- project is what makes a second upload of the same bytes a reported duplicate.

ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0
  CHECK (cancel_requested IN (0, 1));
CREATE INDEX jobs_project_updated_idx ON jobs (project_id, updated_at);

ALTER TABLE schema_files ADD COLUMN sha256 TEXT;
ALTER TABLE schema_files ADD COLUMN error TEXT;
CREATE UNIQUE INDEX schema_files_project_sha256_idx ON schema_files (project_id, sha256);
