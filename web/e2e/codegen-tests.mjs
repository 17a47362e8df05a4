// End-to-end: a real source/target pair mapped through the API (engine run, everything at
// or above 0.9 approved), then from the code page: generate BigQuery, Databricks, Beam and
// dbt, browse each platform's files, open a file and hover a line to see the mapping it
// came from, apply an optimisation and see the change as a diff, read the load plan and
// validate again, and download the zip of
// every platform (checked here: a valid zip with files of all four, holding the change).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { mapAndApprove, pairDir, pairProject, signInPage, uploadFile } from './lib/project-setup.mjs';

const PLATFORMS = [
  ['bigquery', 'BigQuery'],
  ['databricks', 'Databricks'],
  ['beam', 'Apache Beam'],
  ['dbt', 'dbt'],
];

/** The entries of a zip archive (central directory), with their uncompressed contents. */
export function readZip(bytes) {
  const buf = Buffer.from(bytes);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'the download is a zip (end of central directory found)');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry signature');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    assert.ok(method === 0 || method === 8, `${name}: stored or deflated (method ${method})`);
    const content = method === 0 ? data : inflateRawSync(data);
    assert.equal(content.length, size, `${name}: uncompressed size`);
    entries.set(name, content.toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export const codegenTests = [
  {
    name: 'generate four platforms for a mapped project, trace a line, apply advice, download the zip',
    timeoutMs: 300_000,
    async run(helpers) {
      const { checkpoint, server, newPage } = helpers;
      const set = await pairProject(server, { prefix: 'codegen', userName: 'Cody Gen', targetDialect: 'bigquery' });
      if (!set) return;
      const { api, email, token, project } = set;
      const base = `/api/v1/projects/${project.id}`;
      // The dataset's target declares no keys; a real target declares them, and keys are
      // what the layout advice (clustering, incremental models) works from, so the
      // orders table gets its key here and automatic advice fires for it.
      const targetSql = `${readFileSync(join(pairDir, 'target_schema.sql'), 'utf8')}\nALTER TABLE "orders" ADD PRIMARY KEY ("order_id");\n`;
      await uploadFile(server.baseUrl, token, project.id, { content: targetSql, name: 'target_schema.sql', role: 'target' });

      // Mapped through the API (the mapping page has its own test): run, wait, approve.
      await mapAndApprove(api, token, project.id, { minConfidence: 0.9 });

      const page = await newPage();
      await signInPage(page, server.baseUrl, email);
      await page.goto(`${server.baseUrl}/projects/${project.id}/codegen`);
      await page.getByRole('heading', { name: 'Generate' }).waitFor();
      await page.getByText('Nothing generated for BigQuery yet').waitFor();

      // All four platforms are chosen by default; the job runs and every tab gets a version.
      const form = page.getByRole('form', { name: 'Generate code' });
      for (const [, label] of PLATFORMS) assert.equal(await form.getByLabel(label, { exact: true }).isChecked(), true, `${label} chosen`);
      await form.getByRole('button', { name: 'Generate code' }).click();
      const tabs = page.getByRole('tablist', { name: 'Platforms' });
      for (const [, label] of PLATFORMS) await tabs.getByRole('tab', { name: `${label} v1` }).waitFor({ timeout: 120_000 });
      await form.getByText('Done', { exact: true }).waitFor();

      // Each platform's file tree, with what the server stored.
      for (const [platform, label] of PLATFORMS) {
        await tabs.getByRole('tab', { name: new RegExp(`^${label}`) }).click();
        const tree = page.getByRole('navigation', { name: `${label} files` });
        await tree.getByRole('button').first().waitFor();
        const stored = (await api(`${base}/codegen/codes?platform=${platform}`, { token })).json.items[0];
        assert.equal(await tree.getByRole('button').count(), stored.files.length, `${label}: one entry per stored file`);
        await page.locator('.cm-content').first().waitFor();
        if (platform === 'bigquery') await checkpoint(page, 'codegen-files');
      }

      // A BigQuery load file: hovering a line that came from a field mapping names it.
      await tabs.getByRole('tab', { name: /^BigQuery/ }).click();
      const bq = (await api(`${base}/codegen/codes?platform=bigquery&content=true`, { token })).json.items[0];
      const traced = bq.files.find((f) => f.path.startsWith('load/') && f.provenance.some((r) => r.mapping_ids.some((m) => m.startsWith('fm-'))));
      assert.ok(traced, `a BigQuery load file traced to a field mapping: ${bq.files.map((f) => f.path).join(', ')}`);
      const range = traced.provenance.find((r) => r.mapping_ids.some((m) => m.startsWith('fm-')));
      const fieldKey = range.mapping_ids.find((m) => m.startsWith('fm-'));
      const mapping = (await api(`${base}/mapping/suggestions?status=approved&limit=500`, { token })).json.items.find((m) => m.key === fieldKey);
      assert.ok(mapping, `the traced mapping ${fieldKey} is an approved one`);
      const bqTree = page.getByRole('navigation', { name: 'BigQuery files' });
      const [folder, name] = [traced.path.slice(0, traced.path.lastIndexOf('/')), traced.path.slice(traced.path.lastIndexOf('/') + 1)];
      await bqTree.locator('li').filter({ has: page.getByText(`${folder}/`, { exact: true }) }).getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')}`) }).click();
      await page.getByRole('heading', { name: traced.path }).waitFor();
      await page.getByText('Parsed OK', { exact: true }).first().waitFor();
      const line = page.locator('.cm-content .cm-line').nth(range.first_line - 1);
      const described = `${mapping.source_table}.${mapping.source_column} → ${mapping.target_table}.${mapping.target_column}`;
      // Anywhere on the row: the panel under the code; over the text: a tooltip.
      const panel = page.getByRole('region', { name: 'Where this line comes from' });
      await line.hover({ position: { x: 14, y: 6 } });
      await panel.getByText(`Line ${range.first_line} comes from:`).waitFor();
      await panel.getByText(described, { exact: false }).waitFor({ timeout: 30_000 });
      await page.getByRole('heading', { name: traced.path }).hover();
      await line.hover({ position: { x: 14, y: 6 } });
      const tooltip = page.locator('.cm-tooltip .cm-provenance');
      await tooltip.waitFor();
      const tip = await tooltip.textContent();
      assert.ok(tip.includes(`Line ${range.first_line} comes from`) && tip.includes(described), `the tooltip names the mapping (${described}): ${tip}`);
      await checkpoint(page, 'codegen-provenance');
      // The cursor keeps the line in the panel after the mouse leaves; its link leads to the mapping page.
      await line.click({ position: { x: 14, y: 6 } });
      await page.getByRole('heading', { name: 'Optimisations' }).hover();
      await panel.getByText(`Line ${range.first_line} comes from:`).waitFor();
      await panel.getByRole('link', { name: 'Open the mapping page' }).waitFor();
      assert.equal(await panel.getByRole('link', { name: 'Open the mapping page' }).getAttribute('href'), `/projects/${project.id}/mapping`);

      // Apply an automatic optimisation and see what changed: the first platform (in tab
      // order) whose advice has one, as the API lists them (which rules fire depends on
      // the mapping and the target's keys, not on this test).
      let chosen = null;
      for (const [platform, label] of PLATFORMS) {
        const items = (await api(`${base}/codegen/optimizations?platform=${platform}`, { token })).json.items ?? [];
        if (items.some((a) => a.auto_applicable && !a.applied)) {
          chosen = [platform, label];
          break;
        }
      }
      assert.ok(chosen, 'a platform has automatic advice for the keyed orders table');
      const [chosenPlatform, chosenLabel] = chosen;
      await tabs.getByRole('tab', { name: new RegExp(`^${chosenLabel}`) }).click();
      const advice = page.getByRole('list', { name: 'Optimisation advice' });
      const apply = advice.getByRole('button', { name: /^Apply / }).first();
      await apply.waitFor();
      const adviceId = (await apply.getAttribute('aria-label')).replace(/^Apply /, '');
      await apply.click();
      await tabs.getByRole('tab', { name: `${chosenLabel} v2` }).waitFor({ timeout: 60_000 });
      await page.getByText(/^Changes since version 1: [1-9]\d* changed block\(s\)\.$/).waitFor({ timeout: 30_000 });
      await page.locator('.cm-changedLine, .cm-insertedLine').first().waitFor();
      await advice.getByRole('button', { name: `Apply ${adviceId}` }).waitFor({ state: 'detached' });
      await checkpoint(page, 'codegen-diff');
      const regenerated = (await api(`${base}/codegen/codes?platform=${chosenPlatform}`, { token })).json.items[0];
      assert.equal(regenerated.version, 2);
      assert.deepEqual(regenerated.applied_advice, [adviceId]);

      // The load plan of the regenerated version, and validating its files again.
      const waves = page.getByRole('list', { name: 'Load plan' });
      await waves.getByRole('listitem', { name: 'Wave 1' }).waitFor();
      const planned = regenerated.load_plan.waves.reduce((n, w) => n + w.tables.length, 0);
      assert.ok(planned > 0, 'the load plan lists the mapped tables');
      await page.getByText(new RegExp(`^${planned} tables? in ${regenerated.load_plan.waves.length} waves?`)).waitFor();
      await page.getByRole('button', { name: 'Validate again' }).click();
      await page.getByText(new RegExp(`^${chosenLabel} validated again: \\d+ file\\(s\\) parsed OK, 0 with errors\\.$`)).waitFor({ timeout: 30_000 });

      // The whole set as one zip, saved by the browser and checked here.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download all (zip)' }).click()]);
      assert.equal(download.suggestedFilename(), 'godwit-code.zip');
      const entries = readZip(readFileSync(await download.path()));
      for (const [platform] of PLATFORMS) {
        const stored = (await api(`${base}/codegen/codes?platform=${platform}&content=true`, { token })).json.items[0];
        for (const f of stored.files) {
          assert.ok(entries.has(`${platform}/${f.path}`), `the zip holds ${platform}/${f.path}: ${[...entries.keys()].join(', ')}`);
          assert.equal(entries.get(`${platform}/${f.path}`), f.content, `${platform}/${f.path} in the zip is the latest version`);
        }
      }
      assert.equal(entries.size, [...entries.keys()].filter((k) => PLATFORMS.some(([p]) => k.startsWith(`${p}/`))).length, 'nothing outside the four platform folders');
    },
  },
];
