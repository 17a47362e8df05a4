-- The durable job queue (SQLite). Workers claim the oldest queued job whose
-- available_at has passed and hold it with a lease they renew; a job whose lease
-- expired is claimable again until attempts reach max_attempts.

CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  project_id       TEXT REFERENCES projects (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  stage            TEXT,
  message          TEXT,
  payload          TEXT NOT NULL DEFAULT '{}',
  result           TEXT,
  error            TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL DEFAULT 3,
  lease_owner      TEXT,
  lease_expires_at TEXT,
  available_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  started_at       TEXT,
  finished_at      TEXT,
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z')
);
CREATE INDEX jobs_claim_idx ON jobs (available_at, created_at) WHERE state = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_project_idx ON jobs (project_id, created_at);
