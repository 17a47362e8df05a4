// API set-up shared by the mapping, code generation and validation scenarios: a user, a
// project, schema files uploaded as source and target, the mapping engine run and its
// confident suggestions approved, and signing in through the page.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient } from './server.mjs';

export const PASSWORD = 'correct horse battery';

const here = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = resolve(process.env.GODWIT_SHARED ?? join(here, '../../../../shared'));
/** A real source/target schema pair from the shared datasets (with its truth.csv). */
export const pairDir = join(sharedDir, 'datasets/matching/schematch_suite/ISIA-inventory/scenario1');

/**
 * A new user (`<prefix>-<id>@example.com`) and project with the shared pair's source schema
 * uploaded; null (and a note) when the shared datasets are not there.
 */
export async function pairProject(server, { prefix, userName, targetDialect }) {
  if (!existsSync(join(pairDir, 'source_schema.sql'))) {
    console.log(`    skipped: the shared datasets are not at ${pairDir} (set GODWIT_SHARED)`);
    return null;
  }
  const api = apiClient(server.baseUrl);
  const id = randomBytes(4).toString('hex');
  const email = `${prefix}-${id}@example.com`;
  const token = await registerAndLogin(api, email, userName);
  const title = prefix.charAt(0).toUpperCase() + prefix.slice(1);
  const project = await createProject(api, token, { name: `${title} ${id}`, source_dialect: 'postgres', target_dialect: targetDialect });
  await uploadFile(server.baseUrl, token, project.id, { path: join(pairDir, 'source_schema.sql'), name: 'source_schema.sql', role: 'source' });
  return { api, email, token, project };
}

/** Registers and logs in a new user; returns the access token. */
export async function registerAndLogin(api, email, name) {
  const registered = await api('/api/v1/auth/register', { method: 'POST', body: { email, name, password: PASSWORD } });
  assert.equal(registered.status, 201, `register ${email}: ${JSON.stringify(registered.json)}`);
  const login = await api('/api/v1/auth/login', { method: 'POST', body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, `login ${email}: ${JSON.stringify(login.json)}`);
  return login.json.access_token;
}

export async function createProject(api, token, body) {
  const created = await api('/api/v1/projects', { method: 'POST', token, body });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return created.json;
}

/** Uploads one schema file (a path on disk, or `content` given as text) with its dialect and role. */
export async function uploadFile(baseUrl, token, projectId, { path, content, name, role, dialect = 'postgres' }) {
  const form = new FormData();
  form.append('dialect', dialect);
  form.append('role', role);
  form.append('files', new Blob([content ?? readFileSync(path)]), name);
  const res = await fetch(`${baseUrl}/api/v1/projects/${projectId}/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  const text = await res.text();
  assert.ok(res.status === 201 || res.status === 200, `upload ${name}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Runs the mapping engine through the API, waits for it, approves everything at or above `minConfidence`. */
export async function mapAndApprove(api, token, projectId, { minConfidence = 0.9, timeoutMs = 150_000 } = {}) {
  const base = `/api/v1/projects/${projectId}`;
  const started = await api(`${base}/mapping/start`, { method: 'POST', token, body: {} });
  assert.equal(started.status, 202, JSON.stringify(started.json));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await api(`${base}/mapping/status`, { token })).json;
    if (s.state === 'succeeded') break;
    assert.ok(s.state !== 'failed' && s.state !== 'cancelled', `mapping job ${s.state}: ${JSON.stringify(s.job)}`);
    assert.ok(Date.now() < deadline, `the mapping job finished within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const approved = await api(`${base}/mapping/approve`, { method: 'POST', token, body: { min_confidence: minConfidence } });
  assert.ok(approved.json.changed_count > 0, JSON.stringify(approved.json).slice(0, 300));
  return approved.json;
}

/** Signs in through the page and waits for the projects list. */
export async function signInPage(page, baseUrl, email) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/projects$/);
}
