-- Live-database connections of a project (SQLite). The password and the ODBC DSN (which
-- may hold one) are kept only inside `secret`: libsodium secretbox ciphertext (nonce
-- followed by the box, base64) of a JSON document, sealed with GODWIT_SECRET_KEY.
CREATE TABLE connections (
  id            TEXT PRIMARY KEY,
  project_id    TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name          TEXT NOT NULL,
  engine        TEXT NOT NULL,
  host          TEXT NOT NULL DEFAULT '',
  port          INTEGER NOT NULL DEFAULT 0,
  database_name TEXT NOT NULL DEFAULT '',
  username      TEXT NOT NULL DEFAULT '',
  path          TEXT NOT NULL DEFAULT '',
  options       TEXT NOT NULL DEFAULT '{}',
  secret        TEXT,
  password_set  INTEGER NOT NULL DEFAULT 0,
  dsn_set       INTEGER NOT NULL DEFAULT 0,
  created_by    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (project_id, name)
);
CREATE INDEX connections_project_idx ON connections (project_id, created_at);
