import { describe, expect, it } from 'vitest';
import {
  emptyConnection,
  formFieldFor,
  fromConnection,
  readServiceAccountKey,
  storedSecrets,
  toConnectionInput,
  validateConnection,
} from '@/features/connections/lib/connection-values';
import type { Connection } from '@/features/connections/types';

const KEY = JSON.stringify({
  type: 'service_account',
  project_id: 'acme-analytics',
  client_email: 'godwit@acme-analytics.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
  token_uri: 'https://oauth2.googleapis.com/token',
});

const bigquery = { ...emptyConnection, name: 'Warehouse', engine: 'bigquery' };
const databricks = { ...emptyConnection, name: 'Lakehouse', engine: 'databricks' };

describe('readServiceAccountKey', () => {
  it('accepts a service-account key and says what is wrong with anything else', () => {
    expect(readServiceAccountKey(KEY)).toEqual({ key: JSON.parse(KEY) });
    expect(readServiceAccountKey('{"client_email": "a@b"')).toEqual({ problem: expect.stringMatching(/^The key is not valid JSON \(/) });
    expect(readServiceAccountKey('[1]')).toEqual({ problem: expect.stringMatching(/must be a JSON object/) });
    expect(readServiceAccountKey('{"client_id": "x"}')).toEqual({ problem: expect.stringMatching(/^The key has no client_email and no private_key:/) });
    expect(readServiceAccountKey('{"client_email": "a@b", "private_key": ""}')).toEqual({ problem: expect.stringMatching(/^The key has no private_key:/) });
    const elsewhere = JSON.stringify({ ...JSON.parse(KEY), token_uri: 'https://evil.example/token' });
    expect(readServiceAccountKey(elsewhere)).toEqual({ problem: "The key's token_uri must be https://oauth2.googleapis.com/token." });
  });
});

describe('validateConnection for BigQuery and Databricks', () => {
  it('asks BigQuery for a key, and for a project unless the key names one', () => {
    expect(Object.keys(validateConnection(bigquery)).sort()).toEqual(['key_json', 'project']);
    expect(validateConnection({ ...bigquery, key_json: KEY })).toEqual({});
    expect(validateConnection({ ...bigquery, key_json: '{"private_key": "k"}', project: 'p' }).key_json).toMatch(/no client_email/);
    expect(validateConnection({ ...bigquery, key_json: KEY, dataset: 'sales-2024', location: 'europe west' })).toEqual({
      dataset: 'A dataset name has only letters, digits and underscores.',
      location: 'Enter a BigQuery location such as US, EU or europe-west3.',
    });
  });

  it('keeps a stored BigQuery key when the field is left empty', () => {
    const stored = { password: true, dsn: false, auth: 'pat' as const };
    expect(validateConnection({ ...bigquery, project: 'acme' }, stored)).toEqual({});
  });

  it('asks Databricks for the host, the warehouse and the secret of the chosen sign-in', () => {
    expect(Object.keys(validateConnection(databricks)).sort()).toEqual(['host', 'token', 'warehouse']);
    const pat = { ...databricks, host: 'https://adb-1.2.azuredatabricks.net/', warehouse: 'abc123', token: 'dapi1' };
    expect(validateConnection(pat)).toEqual({});
    expect(validateConnection({ ...pat, warehouse: '/sql/1.0/warehouses/abc123' })).toEqual({});
    expect(validateConnection({ ...pat, warehouse: '/sql/protocolv1/o/1/abc' }).warehouse).toMatch(/HTTP path/);
    expect(validateConnection({ ...pat, host: 'adb 1' }).host).toMatch(/host name only/);
    expect(validateConnection({ ...pat, auth: 'oauth' })).toEqual({ client_id: 'Enter the service principal’s OAuth client id.' });
  });

  it('keeps a stored Databricks secret only while the sign-in method stays', () => {
    const stored = { password: true, dsn: false, auth: 'pat' as const };
    const edit = { ...databricks, host: 'adb-1.2.azuredatabricks.net', warehouse: 'abc123' };
    expect(validateConnection(edit, stored)).toEqual({});
    expect(validateConnection({ ...edit, auth: 'oauth', client_id: 'sp-1' }, stored).token).toBe('Enter the new secret: the stored one belongs to the other sign-in method.');
  });
});

describe('toConnectionInput for BigQuery and Databricks', () => {
  it('sends the project as database, the key as password and the options by name', () => {
    expect(toConnectionInput({ ...bigquery, project: ' acme ', dataset: 'sales', location: 'EU', key_json: ` ${KEY}\n`, host: 'ignored' })).toEqual({
      name: 'Warehouse',
      engine: 'bigquery',
      database: 'acme',
      password: KEY,
      options: { dataset: 'sales', location: 'EU' },
    });
    // An edit that keeps the key sends no password; options are sent whole (even empty).
    expect(toConnectionInput({ ...bigquery, project: 'acme' })).toEqual({ name: 'Warehouse', engine: 'bigquery', database: 'acme', options: {} });
  });

  it('sends the bare host, the warehouse id or HTTP path, and the client id only for OAuth', () => {
    const base = { ...databricks, host: 'https://adb-1.2.azuredatabricks.net/', warehouse: 'abc123', token: 'dapi1', client_id: 'left-over' };
    expect(toConnectionInput(base)).toEqual({
      name: 'Lakehouse',
      engine: 'databricks',
      host: 'adb-1.2.azuredatabricks.net',
      password: 'dapi1',
      options: { warehouse_id: 'abc123' },
    });
    expect(toConnectionInput({ ...base, auth: 'oauth', warehouse: '/sql/1.0/warehouses/abc123', catalog: 'main', schema: 'sales' }).options).toEqual({
      http_path: '/sql/1.0/warehouses/abc123',
      client_id: 'left-over',
      catalog: 'main',
      schema: 'sales',
    });
  });
});

describe('editing a saved connection', () => {
  const saved: Connection = {
    id: 'c2',
    name: 'Lakehouse',
    engine: 'databricks',
    host: 'adb-1.2.azuredatabricks.net',
    options: { http_path: '/sql/1.0/warehouses/abc123', client_id: 'sp-1', catalog: 'main' },
    password_set: true,
    dsn_set: false,
  };

  it('fills the form from the saved fields, never a secret', () => {
    expect(fromConnection(saved)).toEqual({
      ...emptyConnection,
      name: 'Lakehouse',
      engine: 'databricks',
      host: 'adb-1.2.azuredatabricks.net',
      warehouse: '/sql/1.0/warehouses/abc123',
      auth: 'oauth',
      client_id: 'sp-1',
      catalog: 'main',
    });
    expect(storedSecrets(saved)).toEqual({ password: true, dsn: false, auth: 'oauth' });
    const bq: Connection = { id: 'c1', name: 'W', engine: 'bigquery', database: 'acme', options: { dataset: 'sales' }, password_set: true };
    expect(fromConnection(bq)).toEqual({ ...emptyConnection, name: 'W', engine: 'bigquery', project: 'acme', dataset: 'sales' });
  });

  it("puts the server's field errors at the engine's fields", () => {
    expect(formFieldFor('bigquery', 'password')).toBe('key_json');
    expect(formFieldFor('bigquery', 'database')).toBe('project');
    expect(formFieldFor('bigquery', 'options.location')).toBe('location');
    expect(formFieldFor('bigquery', 'host')).toBeUndefined();
    expect(formFieldFor('databricks', 'password')).toBe('token');
    expect(formFieldFor('databricks', 'options.http_path')).toBe('warehouse');
    expect(formFieldFor('databricks', 'host')).toBe('host');
    expect(formFieldFor('postgresql', 'password')).toBe('password');
    expect(formFieldFor('sqlite', 'host')).toBeUndefined();
    expect(formFieldFor('sqlite', 'name')).toBe('name');
  });
});
