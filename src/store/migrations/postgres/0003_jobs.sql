-- The durable job queue (PostgreSQL). Workers claim the oldest queued job whose
-- available_at has passed with SELECT ... FOR UPDATE SKIP LOCKED and hold it with a
-- lease they renew; a job whose lease expired is claimable again until attempts reach
-- max_attempts.

CREATE TABLE jobs (
  id               UUID PRIMARY KEY,
  project_id       UUID REFERENCES projects (id) ON DELETE CASCADE,
  kind             TEXT NOT NULL,
  state            TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  progress         INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  stage            TEXT,
  message          TEXT,
  payload          JSONB NOT NULL DEFAULT '{}',
  result           JSONB,
  error            TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL DEFAULT 3,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ,
  available_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at       TIMESTAMPTZ,
  finished_at      TIMESTAMPTZ,
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX jobs_claim_idx ON jobs (available_at, created_at) WHERE state = 'queued';
CREATE INDEX jobs_lease_idx ON jobs (lease_expires_at) WHERE state = 'running';
CREATE INDEX jobs_project_idx ON jobs (project_id, created_at);
