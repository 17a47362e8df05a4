// What the connection form holds, per engine: the fields a person types, how they are
// checked before sending (mirroring the connections service's rules), the request body
// each engine takes, and which form field a server field error belongs to. The secrets
// (password, service-account key, token, client secret, DSN) start empty when editing:
// the API never returns them, and an empty secret on an edit means "keep the stored one".
import type { Connection, ConnectionInput, Engine } from '@/features/connections/types';
import { checkRequired, compact } from '@/lib/validation';

export const ENGINES: ReadonlyArray<{ value: Engine; label: string; port?: number }> = [
  { value: 'postgresql', label: 'PostgreSQL', port: 5432 },
  { value: 'mariadb', label: 'MySQL / MariaDB', port: 3306 },
  { value: 'sqlite', label: 'SQLite file' },
  { value: 'odbc', label: 'ODBC data source (DSN)' },
  { value: 'bigquery', label: 'Google BigQuery' },
  { value: 'databricks', label: 'Databricks SQL' },
];

export type DatabricksAuth = 'pat' | 'oauth';

export const DATABRICKS_AUTH: ReadonlyArray<{ value: DatabricksAuth; label: string }> = [
  { value: 'pat', label: 'Personal access token' },
  { value: 'oauth', label: 'OAuth machine-to-machine (service principal)' },
];

/**
 * The form's fields, all text. Besides the API's own: BigQuery's `project` (the API's
 * `database`), `dataset`, `location` and `key_json` (the service-account key, the API's
 * `password`); Databricks' `warehouse` (an id, or the HTTP path /sql/1.0/warehouses/<id>),
 * `auth` (pat or oauth), `client_id`, `token` (the token or client secret, the API's
 * `password`), `catalog` and `schema`.
 */
export const emptyConnection = {
  name: '',
  engine: 'postgresql',
  host: '',
  port: '',
  database: '',
  user: '',
  password: '',
  path: '',
  dsn: '',
  project: '',
  dataset: '',
  location: '',
  key_json: '',
  warehouse: '',
  auth: 'pat',
  client_id: '',
  token: '',
  catalog: '',
  schema: '',
};

export type ConnectionFormValues = Record<keyof typeof emptyConnection, string>;

/** What is stored for a connection being edited (secrets never: the API does not return them). */
export type StoredSecrets = { password: boolean; dsn: boolean; auth: DatabricksAuth };

export const isServerEngine = (engine: string) => engine === 'postgresql' || engine === 'mariadb';

// The service's limits: a secret of at most 8 KiB, and Google's token endpoint only.
const MAX_SECRET = 8192;
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
const WAREHOUSE_ID = /^[A-Za-z0-9_]{1,64}$/;
const HTTP_PATH = /^\/sql\/1\.0\/warehouses\/[A-Za-z0-9_]+$/;

/** The key's fields, or the sentence that says what is wrong with the pasted text. */
export function readServiceAccountKey(text: string): { key: Record<string, unknown> } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const where = error instanceof SyntaxError ? ` (${error.message})` : '';
    return { problem: `The key is not valid JSON${where}. Paste the whole .json file downloaded from Google Cloud, or choose the file.` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: 'The key must be a JSON object: the service-account key file downloaded from Google Cloud.' };
  }
  const key = parsed as Record<string, unknown>;
  const missing = ['client_email', 'private_key'].filter((f) => typeof key[f] !== 'string' || key[f] === '');
  if (missing.length > 0) {
    return { problem: `The key has no ${missing.join(' and no ')}: use a service-account key (type service_account), not an OAuth client or API key file.` };
  }
  if (key.token_uri !== undefined && key.token_uri !== GOOGLE_TOKEN_URI) {
    return { problem: `The key's token_uri must be ${GOOGLE_TOKEN_URI}.` };
  }
  return { key };
}

/** The Databricks host without a scheme or trailing slash, as the API wants it. */
export function databricksHost(text: string): string {
  return text
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
}

function checkSecret(value: string, required: boolean, message: string): string | undefined {
  if (!value) return required ? message : undefined;
  if (value.length > MAX_SECRET) return `Use at most ${MAX_SECRET} characters.`;
  return undefined;
}

/**
 * The form's problems, per field. `stored` describes the connection being edited: its
 * secrets may be left empty to keep them, unless the Databricks sign-in method changes.
 */
export function validateConnection(v: ConnectionFormValues, stored?: StoredSecrets) {
  const server = isServerEngine(v.engine);
  const port = v.port.trim();
  const errors: Record<string, string | undefined> = {
    name: checkRequired(v.name, 'Give the connection a name.', 100),
    engine: ENGINES.some((e) => e.value === v.engine) ? undefined : 'Choose a database engine.',
    host: server ? checkRequired(v.host, 'Enter the host name or address of the database server.', 255) : undefined,
    port:
      server && port && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
        ? 'Enter a port between 1 and 65535, or leave it empty for the default.'
        : undefined,
    database: server ? checkRequired(v.database, 'Enter the database to read.', 255) : undefined,
    user: server ? checkRequired(v.user, 'Enter the user to sign in as.', 255) : undefined,
    path: v.engine === 'sqlite' ? checkRequired(v.path, 'Enter the path of the SQLite file on the server.', 1024) : undefined,
    dsn: v.engine === 'odbc' && !stored?.dsn ? checkRequired(v.dsn, 'Enter the name of an ODBC data source defined on the server.', 1024) : undefined,
  };
  if (v.engine === 'bigquery') {
    const read = v.key_json.trim() ? readServiceAccountKey(v.key_json) : null;
    const keyProject = read && 'key' in read && typeof read.key.project_id === 'string' ? read.key.project_id : '';
    errors.key_json =
      checkSecret(v.key_json.trim(), !stored?.password, 'Paste the service-account key (JSON) or choose its file.') ??
      (read && 'problem' in read ? read.problem : undefined);
    errors.project = keyProject ? (v.project.trim().length > 255 ? 'Use at most 255 characters.' : undefined) : checkRequired(v.project, 'Enter the Google Cloud project id.', 255);
    const dataset = v.dataset.trim();
    errors.dataset = dataset && !/^[A-Za-z0-9_]{1,1024}$/.test(dataset) ? 'A dataset name has only letters, digits and underscores.' : undefined;
    const location = v.location.trim();
    errors.location = location && !/^[A-Za-z0-9-]{1,64}$/.test(location) ? 'Enter a BigQuery location such as US, EU or europe-west3.' : undefined;
  }
  if (v.engine === 'databricks') {
    const host = databricksHost(v.host);
    errors.host = !host
      ? 'Enter the workspace host, e.g. adb-1234567890123456.7.azuredatabricks.net.'
      : /^[A-Za-z0-9.-]{1,255}$/.test(host)
        ? undefined
        : 'Enter the host name only (letters, digits, dots and dashes), e.g. adb-1234567890123456.7.azuredatabricks.net.';
    const warehouse = v.warehouse.trim();
    errors.warehouse = !warehouse
      ? 'Enter the SQL warehouse id, or its HTTP path /sql/1.0/warehouses/<id>.'
      : WAREHOUSE_ID.test(warehouse) || HTTP_PATH.test(warehouse)
        ? undefined
        : 'Enter a warehouse id (letters and digits) or an HTTP path /sql/1.0/warehouses/<id>, from the warehouse’s connection details.';
    const oauth = v.auth === 'oauth';
    errors.client_id = oauth ? checkRequired(v.client_id, 'Enter the service principal’s OAuth client id.', 255) : undefined;
    // A stored token is kept only while the sign-in method stays the same.
    const keep = stored?.password === true && stored.auth === (oauth ? 'oauth' : 'pat');
    errors.token = checkSecret(
      v.token.trim(),
      !keep,
      stored?.password && !keep
        ? 'Enter the new secret: the stored one belongs to the other sign-in method.'
        : oauth
          ? 'Enter the OAuth client secret.'
          : 'Enter a personal access token.',
    );
    errors.catalog = v.catalog.trim().length > 255 ? 'Use at most 255 characters.' : undefined;
    errors.schema = v.schema.trim().length > 255 ? 'Use at most 255 characters.' : undefined;
  }
  return compact(errors) as Partial<Record<keyof ConnectionFormValues, string>>;
}

function nonEmpty(entries: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v) out[k] = v;
  return out;
}

/**
 * The request body: only the fields the engine uses. An empty secret is left out, which
 * the API reads as "keep the stored one" on an edit. The options of BigQuery and
 * Databricks are sent whole (the API replaces the options object).
 */
export function toConnectionInput(v: ConnectionFormValues): ConnectionInput {
  const engine = v.engine as Engine;
  const body: ConnectionInput = { name: v.name.trim(), engine };
  if (isServerEngine(engine)) {
    body.host = v.host.trim();
    if (v.port.trim()) body.port = Number(v.port.trim());
    body.database = v.database.trim();
    body.user = v.user.trim();
    if (v.password) body.password = v.password;
  } else if (engine === 'sqlite') {
    body.path = v.path.trim();
  } else if (engine === 'odbc') {
    if (v.dsn.trim()) body.dsn = v.dsn.trim();
    if (v.user.trim()) body.user = v.user.trim();
    if (v.password) body.password = v.password;
  } else if (engine === 'bigquery') {
    if (v.project.trim()) body.database = v.project.trim();
    if (v.key_json.trim()) body.password = v.key_json.trim();
    body.options = nonEmpty({ dataset: v.dataset.trim(), location: v.location.trim() });
  } else {
    body.host = databricksHost(v.host);
    const warehouse = v.warehouse.trim();
    body.options = nonEmpty({
      [warehouse.startsWith('/') ? 'http_path' : 'warehouse_id']: warehouse,
      client_id: v.auth === 'oauth' ? v.client_id.trim() : '',
      catalog: v.catalog.trim(),
      schema: v.schema.trim(),
    });
    if (v.token.trim()) body.password = v.token.trim();
  }
  return body;
}

/** The form's values for a saved connection: its fields, never its secrets. */
export function fromConnection(c: Connection): ConnectionFormValues {
  const options = c.options ?? {};
  const common = { ...emptyConnection, name: c.name, engine: c.engine };
  switch (c.engine) {
    case 'bigquery':
      return { ...common, project: c.database ?? '', dataset: options.dataset ?? '', location: options.location ?? '' };
    case 'databricks':
      return {
        ...common,
        host: c.host ?? '',
        warehouse: options.warehouse_id ?? options.http_path ?? '',
        auth: options.client_id ? 'oauth' : 'pat',
        client_id: options.client_id ?? '',
        catalog: options.catalog ?? '',
        schema: options.schema ?? '',
      };
    case 'sqlite':
      return { ...common, path: c.path ?? '' };
    case 'odbc':
      return { ...common, user: c.user ?? '' };
    default:
      return { ...common, host: c.host ?? '', port: c.port ? String(c.port) : '', database: c.database ?? '', user: c.user ?? '' };
  }
}

export function storedSecrets(c: Connection): StoredSecrets {
  return { password: c.password_set === true, dsn: c.dsn_set === true, auth: c.options?.client_id ? 'oauth' : 'pat' };
}

// The form fields each engine shows, for mapping server errors that carry the same name.
const ENGINE_FIELDS: Record<Engine, Record<string, true>> = {
  postgresql: { host: true, port: true, database: true, user: true, password: true },
  mariadb: { host: true, port: true, database: true, user: true, password: true },
  sqlite: { path: true },
  odbc: { dsn: true, user: true, password: true },
  bigquery: {},
  databricks: { host: true },
};

/** The form field a server field error names, for the engine (undefined: not a form field). */
export function formFieldFor(engine: string, serverField: string): keyof ConnectionFormValues | undefined {
  if (engine === 'bigquery') {
    const bigquery: Record<string, keyof ConnectionFormValues> = {
      password: 'key_json',
      database: 'project',
      'options.dataset': 'dataset',
      'options.location': 'location',
    };
    if (serverField in bigquery) return bigquery[serverField];
  }
  if (engine === 'databricks') {
    const databricks: Record<string, keyof ConnectionFormValues> = {
      password: 'token',
      'options.warehouse_id': 'warehouse',
      'options.http_path': 'warehouse',
      'options.client_id': 'client_id',
      'options.catalog': 'catalog',
      'options.schema': 'schema',
    };
    if (serverField in databricks) return databricks[serverField];
  }
  return serverField === 'name' || serverField === 'engine' || serverField in (ENGINE_FIELDS[engine as Engine] ?? {}) ? (serverField as keyof ConnectionFormValues) : undefined;
}
