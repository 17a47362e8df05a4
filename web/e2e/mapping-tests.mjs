// End-to-end: a real source/target pair uploaded (the target marked as such), the
// suggestion engine run from the mapping page, everything at or above 0.9 approved, one
// suggestion rejected, and a person's own mapping whose bad formula is refused with the
// parser's message, then fixed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pairDir, pairProject, signInPage, uploadFile } from './lib/project-setup.mjs';


export const mappingTests = [
  {
    name: 'suggest mappings on a real pair, approve above 0.9, reject one, fix a bad formula',
    timeoutMs: 240_000,
    async run(helpers) {
      const { checkpoint, server, newPage } = helpers;
      const set = await pairProject(server, { prefix: 'mapping', userName: 'Mo Mapper', targetDialect: 'postgres' });
      if (!set) return;
      const { api, email, token, project } = set;
      await uploadFile(server.baseUrl, token, project.id, { path: join(pairDir, 'target_schema.sql'), name: 'target_schema.sql', role: 'target' });
      const [truth] = readFileSync(join(pairDir, 'truth.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

      const page = await newPage();
      await signInPage(page, server.baseUrl, email);
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
