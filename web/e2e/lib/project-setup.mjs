// API set-up shared by the mapping, code generation and validation scenarios: a user, a
// project, schema files uploaded as source and target, the mapping engine run and its
// confident suggestions approved, and signing in through the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const PASSWORD = 'correct horse battery';

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
