-- LLM accounting and answer cache (PostgreSQL). llm_usage is append-only history, like
-- audit_log: no foreign keys, so a month's totals survive deleted projects and users.
-- llm_cache holds schema-valid answers keyed by the SHA-256 of the request.

CREATE TABLE llm_usage (
  id             UUID PRIMARY KEY,
  project_id     UUID,
  user_id        UUID,
  month          TEXT NOT NULL CHECK (length(month) = 7),
  provider       TEXT NOT NULL,
  model          TEXT NOT NULL,
  prompt         TEXT NOT NULL,
  input_tokens   BIGINT NOT NULL DEFAULT 0 CHECK (input_tokens >= 0),
  output_tokens  BIGINT NOT NULL DEFAULT 0 CHECK (output_tokens >= 0),
  cost_micro_usd BIGINT NOT NULL DEFAULT 0 CHECK (cost_micro_usd >= 0),
  outcome        TEXT NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX llm_usage_project_month_idx ON llm_usage (project_id, month);
CREATE INDEX llm_usage_user_month_idx ON llm_usage (user_id, month);

CREATE TABLE llm_cache (
  cache_key     TEXT PRIMARY KEY CHECK (length(cache_key) = 64),
  prompt        TEXT NOT NULL,
  provider      TEXT NOT NULL,
  model         TEXT NOT NULL,
  answer        JSONB NOT NULL,
  input_tokens  BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  hits          BIGINT NOT NULL DEFAULT 0,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX llm_cache_last_used_idx ON llm_cache (last_used_at);
