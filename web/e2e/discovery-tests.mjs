// End-to-end: upload a real multi-dialect schema set, test a connection, run discovery
// on the files chosen on the page, see the lineage graph, open a table and read an
// inferred relationship's confidence, and follow a diagnostic's file:line link to its line.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient } from './lib/server.mjs';

const PASSWORD = 'correct horse battery';
const here = fileURLToPath(new URL('.', import.meta.url));
const sharedDir = resolve(process.env.GODWIT_SHARED ?? join(here, '../../../shared'));
const ddl = join(sharedDir, 'corpora/ddl');

/** Real schemas in three dialects: OMOP CDM has no declared keys (relationships must be
 * inferred), Sakila declares its foreign keys, Chinook's SQLite copy is detected. */
const CORPUS = [
  { file: 'gh-ohdsi-cdm/postgres/5.4__postgresql__OMOPCDM_postgresql_5.4_ddl.sql', dialect: 'postgres' },
  { file: 'gh-sakila/mysql/mysql-sakila-db__mysql-sakila-schema.sql', dialect: 'mysql' },
  { file: 'gh-sakila/sqlite/sqlite-sakila-db__sqlite-sakila-schema.sql', dialect: 'auto' },
];

/** A file with a statement the parser must report, at line 4. */
const BROKEN = { name: 'broken_e2e.sql', text: '-- a statement the parser cannot read\nCREATE TABLE ok_table (id int PRIMARY KEY);\n\nCREATE TABLE (broken int);\n', line: 4 };

async function signedInPage({ server, newPage }) {
  const api = apiClient(server.baseUrl);
  const id = randomBytes(4).toString('hex');
  const email = `discovery-${id}@example.com`;
  const reg = await api('/api/v1/auth/register', { method: 'POST', body: { email, name: 'Dana Discovery', password: PASSWORD } });
  assert.equal(reg.status, 201, JSON.stringify(reg.json));
  const login = await api('/api/v1/auth/login', { method: 'POST', body: { email, password: PASSWORD } });
  const token = login.json.access_token;
  const created = await api('/api/v1/projects', {
    method: 'POST',
    token,
    body: { name: `Discovery ${id}`, source_dialect: 'postgres', target_dialect: 'bigquery' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const page = await newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/projects$/);
  return { page, api, token, project: created.json };
}

export const discoveryTests = [
  {
    name: 'upload a multi-dialect set, run discovery, explore the graph and an inferred relationship',
    timeoutMs: 240_000,
    async run(helpers) {
      const missing = CORPUS.filter((c) => !existsSync(join(ddl, c.file)));
      if (missing.length > 0) {
        console.log(`    skipped: the shared corpus is not at ${ddl} (set GODWIT_SHARED); missing ${missing.map((m) => m.file).join(', ')}`);
        return;
      }
      const { checkpoint } = helpers;
      const { page, api, token, project } = await signedInPage(helpers);
      const base = helpers.server.baseUrl;

      // The stepper leads to the upload page.
      await page.goto(`${base}/projects/${project.id}`);
      await page.getByRole('list', { name: 'Migration phases' }).getByRole('link', { name: 'Upload' }).click();
      await page.waitForURL(/\/upload$/);
      await page.getByRole('heading', { name: 'Upload schema files' }).waitFor();
      await page.getByText('No files yet').waitFor();

      // Pick the files, a dialect each, and upload them.
      await page.getByLabel('Schema files', { exact: true }).setInputFiles(CORPUS.map((c) => join(ddl, c.file)));
      const queue = page.getByRole('list', { name: 'Files to upload' });
      for (const c of CORPUS) {
        const name = c.file.split('/').pop();
        await queue.getByLabel(`Dialect of ${name}`).selectOption(c.dialect);
      }
      await checkpoint(page, 'upload-queue');
      await page.getByRole('button', { name: `Upload ${CORPUS.length} files` }).click();
      await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Files to upload"] li').length === n &&
        [...document.querySelectorAll('[aria-label="Files to upload"] li')].every((li) => /Uploaded/.test(li.textContent)), CORPUS.length, { timeout: 60_000 });

      // The server parses them in the background; the list follows.
      const table = page.getByRole('table', { name: 'Uploaded files' });
      await page.waitForFunction(
        (n) => {
          const rows = [...document.querySelectorAll('table[aria-label="Uploaded files"] tbody tr')];
          return rows.length === n && rows.every((r) => /Parsed|Failed/.test(r.textContent));
        },
        CORPUS.length,
        { timeout: 90_000 },
      );
      const sakilaSqlite = CORPUS[2].file.split('/').pop();
      await table.getByRole('button', { name: `Preview of ${sakilaSqlite}` }).click();
      await page.getByText(/\(detected\)/).waitFor();
      await page.getByText(/ of \d+ parsed/).first().waitFor();
      await checkpoint(page, 'upload-files');

      // A connection test shows the server's answer without saving anything.
      const spec = (await api('/api/v1/openapi.json')).json ?? { paths: {} };
      if (spec.paths['/api/v1/projects/{id}/connections/test']) {
        const form = page.getByRole('form', { name: 'New connection' });
        await form.getByRole('button', { name: 'Test connection' }).click();
        await form.getByText('Give the connection a name.').waitFor();
        await form.getByLabel('Name').fill('Local SQLite');
        await form.getByLabel('Engine').selectOption('sqlite');
        await form.getByLabel('Path on the server').fill('/nonexistent/godwit-e2e.db');
        await form.getByRole('button', { name: 'Test connection' }).click();
        await form.getByRole('alert').or(form.getByRole('status')).first().waitFor();
        await checkpoint(page, 'upload-connection-test');
      } else {
        console.log('    note: this server has no connections API; the connection form was not exercised');
      }

      // One more file, with a syntax error, uploaded through the API.
      const form = new FormData();
      form.append('dialect', 'postgres');
      form.append('files', new Blob([BROKEN.text]), BROKEN.name);
      const uploaded = await fetch(`${base}/api/v1/projects/${project.id}/files/upload`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
      assert.equal(uploaded.status, 201, await uploaded.text());

      // Discovery: choose its files on the page (all of them, the broken one included),
      // start it and follow its progress to the end.
      if (!spec.paths['/api/v1/projects/{id}/discovery/start']) {
        throw new Error('this server has no discovery API (/api/v1/projects/{id}/discovery/start is not in its OpenAPI document)');
      }
      await page.getByRole('link', { name: 'Go to discovery →' }).click();
      await page.waitForURL(/\/discovery$/);
      // The file added through the API is not in the list this page cached: load it afresh.
      await page.reload();
      const sources = page.getByRole('group', { name: 'What to discover' });
      await sources.getByLabel('Only the files I choose').check();
      const chosen = sources.getByRole('list', { name: 'Files to discover' });
      await chosen.getByLabel(BROKEN.name, { exact: false }).check();
      for (const c of CORPUS) await chosen.getByLabel(c.file.split('/').pop(), { exact: false }).check();
      await sources.getByText(`Discovery will read ${CORPUS.length + 1} of ${CORPUS.length + 1} files.`).waitFor();
      await page.getByRole('button', { name: 'Start discovery' }).click();
      await page.getByText('Done', { exact: true }).waitFor({ timeout: 120_000 });
      const graph = page.getByRole('region', { name: 'Lineage graph' });
      await graph.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
      assert.ok((await graph.locator('.react-flow__node').count()) > 5, 'the graph shows the discovered tables');
      // React Flow draws edges only once their nodes are measured, laid out and visible
      // (onlyRenderVisibleElements, then a 200 ms fitView): wait for one, do not count at once.
      await graph
        .locator('.react-flow__edge')
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(() => assert.fail('the graph shows relationships (no edge drawn within 30 s)'));
      await checkpoint(page, 'discovery-graph');

      // Find a table with an inferred relationship (asked from the API), open it in the graph.
      const lineage = await api(`/api/v1/projects/${project.id}/lineage-graph?limit=1000`, { token });
      assert.equal(lineage.status, 200, JSON.stringify(lineage.json));
      const inferred = lineage.json.edges.find((e) => e.type === 'inferred');
      assert.ok(inferred, 'discovery inferred at least one relationship in the OMOP schema');
      const source = lineage.json.nodes.find((n) => n.id === inferred.source);
      await page.getByLabel('Find tables').fill(source.name);
      const node = graph.locator(`.react-flow__node[data-id="${source.id}"]`);
      await node.waitFor({ timeout: 20_000 });
      await node.click();
      const panel = page.getByRole('region', { name: source.schema ? `${source.schema}.${source.name}` : source.name });
      await panel.getByRole('table', { name: `Columns of ${source.name}` }).waitFor();
      const relationships = panel.getByRole('list', { name: 'Relationships' });
      await relationships.getByText('Inferred').first().waitFor();
      const confidence = await relationships.getByText(/^confidence \d+%$/).first().textContent();
      assert.match(confidence, /confidence \d+%/);
      await checkpoint(page, 'discovery-table');

      // Drag the table aside (its position is saved), go back to the whole graph, zoom it
      // out and drag the view away until no table is on the canvas: a focus must still show
      // its tables, fitted (it once fitted only tables already drawn, so none, and stayed empty).
      const nodeBox = await node.boundingBox();
      await page.mouse.move(nodeBox.x + 40, nodeBox.y + 12);
      await page.mouse.down();
      await page.mouse.move(nodeBox.x + 140, nodeBox.y + 92, { steps: 8 });
      await page.mouse.up();
      await page.getByLabel('Find tables').fill('');
      const status = page.getByRole('group', { name: 'Graph controls' }).getByRole('status');
      const whole = (await api(`/api/v1/projects/${project.id}/lineage-graph`, { token })).json;
      await status.filter({ hasText: `${whole.nodes.length} tables, ${whole.edges.length} edges` }).waitFor();
      // The canvas (the card around it is a region of the same name).
      const canvasRegion = page.locator('div[role="region"][aria-label="Lineage graph"]');
      const canvas = await canvasRegion.boundingBox();
      await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
      for (let i = 0; i < 12; i += 1) await page.mouse.wheel(0, 400);
      await page.waitForTimeout(300);
      const from = { x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height - 12 };
      assert.equal(
        await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('react-flow__pane'), from),
        true,
        'the bottom middle of the canvas is empty pane',
      );
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x, canvas.y + 12, { steps: 10 });
      await page.mouse.up();
      await page.waitForFunction(() => document.querySelectorAll('[aria-label="Lineage graph"] .react-flow__node').length === 0);
      await page.getByRole('button', { name: 'Focus on selected' }).click();
      await page.getByText(/and its neighbours up to 1 step away/).waitFor();
      const focused = graph.locator(`.react-flow__node[data-id="${source.id}"]`);
      await focused.waitFor({ timeout: 20_000 });
      await page.waitForTimeout(400); // the fit's 200 ms animation
      const focusedBox = await focused.boundingBox();
      const canvasNow = await canvasRegion.boundingBox();
      assert.ok(
        focusedBox.x >= canvasNow.x && focusedBox.y >= canvasNow.y &&
          focusedBox.x + focusedBox.width <= canvasNow.x + canvasNow.width && focusedBox.y + focusedBox.height <= canvasNow.y + canvasNow.height,
        `the focused table is inside the canvas (table ${JSON.stringify(focusedBox)}, canvas ${JSON.stringify(canvasNow)}, status "${await status.textContent()}")`,
      );
      await page.getByLabel('Column-level edges').check();
      await graph.locator('.react-flow__node ul li').first().waitFor({ timeout: 20_000 });

      // Diagnostics: the broken file's error links to its line, shown highlighted in the
      // file viewer; Escape closes it and focus returns to the link.
      await page.getByRole('heading', { name: 'Diagnostics' }).waitFor();
      // A select inside its label is named by the label and its chosen option ("File All files").
      await page.getByRole('combobox', { name: /^File\b/ }).selectOption(BROKEN.name);
      const link = page.getByRole('list', { name: 'Diagnostics' }).getByRole('button', { name: new RegExp(`^Open ${BROKEN.name.replace('.', '\\.')}:${BROKEN.line}(:\\d+)? in the file viewer$`) }).first();
      await link.click();
      const viewer = page.getByRole('dialog', { name: new RegExp(`^${BROKEN.name.replace('.', '\\.')}:${BROKEN.line}`) });
      const current = viewer.locator('[aria-current="location"]');
      await current.waitFor();
      assert.match(await current.textContent(), /CREATE TABLE \(broken int\);/);
      assert.equal(await current.getAttribute('data-line'), String(BROKEN.line));
      await checkpoint(page, 'discovery-diagnostic-line');
      await page.keyboard.press('Escape');
      await viewer.waitFor({ state: 'hidden' });
      assert.equal(await link.evaluate((el) => el === document.activeElement), true, 'focus returns to the diagnostic link');

      // Analysis renders for the snapshot.
      await page.getByRole('button', { name: 'Analyze the latest snapshot' }).click();
      await page.getByText(/Project complexity \d/).waitFor({ timeout: 60_000 });
      await page.getByRole('table', { name: 'Snapshot history' }).waitFor();
      await checkpoint(page, 'discovery-analysis');
    },
  },
];
