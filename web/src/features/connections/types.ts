// Live database connections, as the connections API defines them. The secrets (the
// password, BigQuery's service-account key, Databricks' token, the ODBC DSN) are
// write-only: answers say `password_set` and `dsn_set` instead.

export type Engine = 'postgresql' | 'mariadb' | 'sqlite' | 'odbc' | 'bigquery' | 'databricks';

export type Connection = {
  id: string;
  project_id?: string;
  name: string;
  engine: Engine;
  host?: string | null;
  port?: number | null;
  database?: string | null;
  user?: string | null;
  path?: string | null;
  dsn?: string | null;
  options?: Record<string, string> | null;
  password_set?: boolean;
  dsn_set?: boolean;
  created_at?: string;
  updated_at?: string;
  last_tested_at?: string | null;
};

export type ConnectionInput = {
  name: string;
  engine: Engine;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  path?: string;
  dsn?: string;
  options?: Record<string, string>;
};

/** What a connection test answers; the server decides which details it adds. */
export type ConnectionTestResult = {
  ok: boolean;
  message?: string | null;
  detail?: string | null;
  error?: string | null;
  [key: string]: unknown;
};
