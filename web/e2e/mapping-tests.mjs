// End-to-end: a real source/target pair uploaded (the target marked as such), the
// suggestion engine run from the mapping page, everything at or above 0.9 approved, one
// suggestion rejected, and a person's own mapping whose bad formula is refused with the
// parser's message, then fixed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient } from './lib/server.mjs';

const PASSWORD = 'correct horse battery';
const here = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = resolve(process.env.GODWIT_SHARED ?? join(here, '../../../shared'));
const pairDir = join(sharedDir, 'datasets/matching/schematch_suite/ISIA-inventory/scenario1');

async function uploadFile(baseUrl, token, projectId, path, name, role) {
  const form = new FormData();
  form.append('dialect', 'postgres');
  form.append('role', role);
  form.append('files', new Blob([readFileSync(path)]), name);
  const res = await fetch(`${baseUrl}/api/v1/projects/${projectId}/files/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await res.json();
  assert.equal(res.status, 201, JSON.stringify(body));
  return body;
}

export const mappingTests = [
  {
    name: 'suggest mappings on a real pair, approve above 0.9, reject one, fix a bad formula',
    timeoutMs: 240_000,
    async run(helpers) {
      if (!existsSync(join(pairDir, 'source_schema.sql'))) {
        console.log(`    skipped: the shared datasets are not at ${pairDir} (set GODWIT_SHARED)`);
        return;
      }
      const { checkpoint, server, newPage } = helpers;
      const api = apiClient(server.baseUrl);
      const id = randomBytes(4).toString('hex');
      const email = `mapping-${id}@example.com`;
      assert.equal((await api('/api/v1/auth/register', { method: 'POST', body: { email, name: 'Mo Mapper', password: PASSWORD } })).status, 201);
      const token = (await api('/api/v1/auth/login', { method: 'POST', body: { email, password: PASSWORD } })).json.access_token;
      const created = await api('/api/v1/projects', {
        method: 'POST',
        token,
        body: { name: `Mapping ${id}`, source_dialect: 'postgres', target_dialect: 'postgres' },
      });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      const project = created.json;
      await uploadFile(server.baseUrl, token, project.id, join(pairDir, 'source_schema.sql'), 'source_schema.sql', 'source');
      await uploadFile(server.baseUrl, token, project.id, join(pairDir, 'target_schema.sql'), 'target_schema.sql', 'target');
      const [truth] = readFileSync(join(pairDir, 'truth.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

      const page = await newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/projects$/);
      await page.goto(`${server.baseUrl}/projects/${project.id}/mapping`);
      await page.getByRole('heading', { name: 'Suggestions' }).waitFor();

      // Run the engine; the grid fills when the job ends.
      await page.getByRole('button', { name: 'Suggest mappings' }).click();
      const grid = page.getByRole('table', { name: 'Column mappings' });
      await grid.locator('tbody tr').first().waitFor({ timeout: 150_000 });
      await page.getByText('Done', { exact: true }).waitFor({ timeout: 30_000 });
      await checkpoint(page, 'mapping-suggestions');

      // Everything at or above 0.9 (the default threshold) at once.
      await page.getByRole('button', { name: 'Accept above threshold' }).click();
      await page.getByText(/mapping\(s\) at or above 90% approved/).waitFor();

      // Reject the first remaining suggestion.
      await page.getByLabel(/^Status/).selectOption('suggested');
      const reject = grid.getByRole('button', { name: /^Reject / }).first();
      await reject.waitFor();
      await reject.click();
      await page.getByText('1 mapping(s) rejected').waitFor();
      await page.getByLabel(/^Status/).selectOption('');

      // A person's own mapping: the parser's message under the formula, then the fix.
      await page.getByRole('button', { name: 'New mapping…' }).click();
      const form = page.getByRole('form', { name: 'New mapping' });
      await form.getByLabel('Source table').fill(truth[0]);
      await form.getByLabel('Source columns').fill(truth[1]);
      await form.getByLabel('Target table').fill(truth[2]);
      await form.getByLabel('Target column').fill(truth[3]);
      await form.getByLabel('Transformation').selectOption('computed');
      await form.getByLabel('Formula (SQL)').fill(`UPPER(${truth[1]}`);
      await form.getByRole('button', { name: 'Add mapping' }).click();
      const formula = form.getByLabel('Formula (SQL)');
      await page.waitForFunction(() => document.querySelector('textarea[aria-invalid="true"]') !== null, null, { timeout: 30_000 });
      const message = await form.locator('[id$="-error"]').first().textContent();
      assert.match(message ?? '', /line 1, column \d+/);
      await checkpoint(page, 'mapping-formula-error');
      await formula.fill(`UPPER(${truth[1]})`);
      await form.getByRole('button', { name: 'Add mapping' }).click();
      await form.waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
      await page.getByText(`UPPER(${truth[1]})`).first().waitFor({ timeout: 30_000 });
      await checkpoint(page, 'mapping-decided');

      // The server agrees: approved rows exist and the person's mapping is stored as manual.
      const approved = await api(`/api/v1/projects/${project.id}/mapping/suggestions?status=approved&limit=1`, { token });
      assert.ok(approved.json.total > 0, JSON.stringify(approved.json));
      const manual = await api(`/api/v1/projects/${project.id}/mapping/suggestions?status=manual&limit=5`, { token });
      assert.ok(manual.json.items.some((m) => m.formula === `UPPER(${truth[1]})`), JSON.stringify(manual.json));
    },
  },
];
