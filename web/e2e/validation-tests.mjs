// End-to-end: two SQLite databases made by the scenario with Debian's sqlite3 CLI, a source
// and a migrated target with planted differences (a changed value, a missing row, an extra
// row, a rounded decimal, and a column whose decimals were all rounded); their schema
// mapped and approved through the API; then, from the validation page: add the target
// connection with the form, run a validation and watch it, read the report, find every
// planted difference in the failing checks and the rounding in the anomalies, write a SQL
// rule the parser refuses and then accepts, run a test case, export the report, and follow
// a failing check to the generated line its columns came from.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProject, mapAndApprove, registerAndLogin, signInPage, uploadFile } from './lib/project-setup.mjs';
import { apiClient } from './lib/server.mjs';

const SQLITE3 = process.env.SQLITE3 ?? '/usr/bin/sqlite3';

const SCHEMA = `CREATE TABLE customers (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, city VARCHAR(40), balance DECIMAL(10,2));
CREATE TABLE payments (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, amount DECIMAL(10,2) NOT NULL, paid_at TIMESTAMP);
`;

const SOURCE_ROWS = `
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO customers SELECT i, 'Customer ' || i, CASE i % 3 WHEN 0 THEN 'Lyon' WHEN 1 THEN 'Oslo' ELSE 'Porto' END, i * 2 + 0.25 FROM n;
UPDATE customers SET balance = 28.77 WHERE id = 21;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
INSERT INTO payments SELECT i, 1 + (i * 7) % 200, ((i * 37) % 1000) / 100.0 + 0.05 * (i % 3) + 0.01, datetime('2024-01-01', '+' || i || ' hours') FROM n;
`;

// The migration's mistakes, planted: what the validation must find.
const TARGET_ROWS = `
ATTACH 'source.db' AS s;
INSERT INTO customers SELECT * FROM s.customers;
INSERT INTO payments SELECT id, customer_id, round(amount, 1), paid_at FROM s.payments;
UPDATE customers SET name = 'Customer seven' WHERE id = 7;
DELETE FROM customers WHERE id = 12;
INSERT INTO customers VALUES (201, 'Customer 201', 'Oslo', 402.25);
UPDATE customers SET balance = 28.8 WHERE id = 21;
`;

function sqlite(dir, file, sql) {
  execFileSync(SQLITE3, ['-bail', file], { cwd: dir, input: sql });
}

export const validationTests = [
  {
    name: 'validation: run on two SQLite databases, find the planted differences, rules, test cases, export',
    timeoutMs: 240_000,
    async run({ checkpoint, server, newPage }) {
      if (!existsSync(SQLITE3)) {
        console.log(`    skipped: ${SQLITE3} is missing (apt-get install sqlite3; scripts/setup installs it)`);
        return;
      }
      const api = apiClient(server.baseUrl);
      const id = randomBytes(4).toString('hex');
      const email = `validation-${id}@example.com`;
      const token = await registerAndLogin(api, email, 'Val Idator');
      const project = await createProject(api, token, { name: `Validation ${id}`, source_dialect: 'sqlite', target_dialect: 'sqlite' });
      const base = `/api/v1/projects/${project.id}`;
      await uploadFile(server.baseUrl, token, project.id, { content: SCHEMA, name: 'source.sql', role: 'source', dialect: 'sqlite' });
      await uploadFile(server.baseUrl, token, project.id, { content: SCHEMA, name: 'target.sql', role: 'target', dialect: 'sqlite' });
      await mapAndApprove(api, token, project.id);
      // BigQuery code from the mapping, so failing checks can point at the lines of their columns.
      assert.equal((await api(`${base}/codegen/start`, { method: 'POST', token, body: { platforms: ['bigquery'] } })).status, 202);
      for (const deadline = Date.now() + 60_000; ; ) {
        const s = (await api(`${base}/codegen/status`, { token })).json;
        if (s.state === 'succeeded') break;
        assert.ok(s.state !== 'failed' && s.state !== 'cancelled' && Date.now() < deadline, `code generation: ${JSON.stringify(s.job)}`);
        await new Promise((r) => setTimeout(r, 300));
      }

      // The databases, in the directory the server allows SQLite connections in.
      const dir = join(server.sqliteRoot, id);
      execFileSync('mkdir', ['-p', dir]);
      sqlite(dir, 'source.db', SCHEMA + SOURCE_ROWS);
      sqlite(dir, 'target.db', SCHEMA + TARGET_ROWS);
      const created = await api(`${base}/connections`, { method: 'POST', token, body: { name: 'Legacy shop', engine: 'sqlite', path: `${id}/source.db` } });
      assert.equal(created.status, 201, JSON.stringify(created.json));

      const page = await newPage();
      await signInPage(page, server.baseUrl, email);
      await page.goto(`${server.baseUrl}/projects/${project.id}/validation`);
      await page.getByRole('heading', { name: 'Run' }).waitFor();
      await page.getByText('No validation runs yet').waitFor();

      // The target connection through the form.
      await page.getByRole('button', { name: 'Add a connection' }).click();
      const connForm = page.getByRole('form', { name: 'New connection' });
      await connForm.getByLabel('Name').fill('Warehouse copy');
      await connForm.getByLabel('Engine').selectOption('sqlite');
      await connForm.getByLabel('Path on the server').fill(`${id}/target.db`);
      await connForm.getByRole('button', { name: 'Save connection' }).click();
      await connForm.waitFor({ state: 'detached' });
      await checkpoint(page, 'validation-start');

      // Run it and watch: the progress bar while it runs, then the finished job.
      const run = page.getByRole('form', { name: 'Run validation' });
      await run.getByLabel('Source database').selectOption({ label: 'Legacy shop (sqlite)' });
      await run.getByLabel('Target database').selectOption({ label: 'Warehouse copy (sqlite)' });
      await run.getByLabel(/Show real values in samples/).check();
      await run.getByRole('button', { name: 'Run validation' }).click();
      const sawProgress = await page
        .getByRole('progressbar', { name: 'Validation progress' })
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      await run.getByText('Done', { exact: true }).waitFor({ timeout: 120_000 });
      const status = (await api(`${base}/validation/status`, { token })).json;
      assert.equal(status.state, 'succeeded', JSON.stringify(status.job));
      assert.equal(status.job.progress, 100);
      console.log(`    progress bar seen while running: ${sawProgress}; job message: ${status.job.message}`);

      // The dashboard: failed, accuracy, both tables, and the column charts.
      const report = page.getByRole('region', { name: 'Report' });
      await report.getByText('Failed', { exact: true }).waitFor();
      const summary = report.locator('dl[aria-label="Report summary"]');
      const accuracy = status.latest_report.overall_accuracy;
      assert.ok(accuracy < 100 && accuracy > 0, `accuracy ${accuracy}`);
      await summary.getByText(`${(Math.floor(accuracy * 100) / 100).toFixed(2)}%`).waitFor();
      const tables = report.getByRole('table', { name: 'Tables' });
      for (const t of ['customers', 'payments']) {
        await tables.getByRole('row', { name: new RegExp(`^${t}`) }).getByText('failed').waitFor();
      }
      await report.getByRole('img', { name: /customers\.balance/ }).waitFor();
      await checkpoint(page, 'validation-report');

      // Every planted difference, in the differing rows of customers.
      const checks = page.getByRole('list', { name: 'Failing checks' });
      const diff = checks.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Row differences · customers' }) });
      await diff.getByText(/1 missing in the target, 1 extra in the target, 2 changed/).waitFor();
      const rows = diff.getByRole('table', { name: 'Differing rows of customers' });
      const row = (re) => rows.getByRole('row').filter({ hasText: re });
      await row(/^missing\s*id = 12(?!\d)/).waitFor();
      await row(/^extra\s*id = 201(?!\d)/).waitFor();
      const changedName = await row(/id = 7(?!\d)/).textContent();
      assert.ok(changedName.includes('Customer 7') && changedName.includes('Customer seven'), `changed value: ${changedName}`);
      const rounded = await row(/id = 21(?!\d)/).textContent();
      assert.ok(rounded.includes('28.77') && rounded.includes('28.8') && /rounded/.test(rounded), `rounded decimal: ${rounded}`);
      const mappingLink = diff.getByRole('link', { name: /^Open the mappings/ });
      assert.equal(await mappingLink.getAttribute('href'), `/projects/${project.id}/mapping`);
      await diff.scrollIntoViewIfNeeded();
      await checkpoint(page, 'validation-differences');

      // The column whose decimals were all rounded, among the anomalies, with sample rows.
      const anomalies = page.getByRole('list', { name: 'Anomalies' });
      const roundedAnomaly = anomalies.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rounded decimals · payments.amount' }) });
      await roundedAnomaly.getByText(/values were rounded/).waitFor();
      // The engine's ranking gives every anomaly a likely cause (stored, migration 0012).
      await roundedAnomaly.getByText('Likely cause:').waitFor();
      await roundedAnomaly.getByRole('table').getByRole('row').nth(1).waitFor();
      await page.getByLabel('Severity').selectOption('critical');
      await page.getByText('No critical anomalies').waitFor();
      await page.getByLabel('Severity').selectOption('');
      await roundedAnomaly.waitFor();
      await roundedAnomaly.scrollIntoViewIfNeeded();
      await checkpoint(page, 'validation-anomalies');

      // A SQL rule: the parser's diagnostic at the field, then the fix.
      await page.getByRole('button', { name: 'New rule' }).click();
      const ruleForm = page.getByRole('form', { name: 'New rule' });
      await ruleForm.getByLabel('Name').fill('No negative balances');
      await ruleForm.getByLabel('Kind').selectOption('sql');
      await ruleForm.getByLabel('Table').fill('customers');
      const sql = ruleForm.getByLabel('SQL returning the violating rows');
      await sql.fill('SELEC id FROM customers WHERE balance < 0');
      await ruleForm.getByRole('button', { name: 'Add rule' }).click();
      await page.waitForFunction(() => document.querySelector('form[aria-label="New rule"] textarea[aria-invalid="true"]') !== null);
      const sqlError = await ruleForm.locator('textarea + p[id$="-error"], [id$="-error"]').last().textContent();
      assert.match(sqlError ?? '', /line 1/i, `the SQL rule's diagnostic: ${sqlError}`);
      await checkpoint(page, 'validation-rule-error');
      await sql.fill('SELECT id FROM customers WHERE balance < 0');
      await ruleForm.getByRole('button', { name: 'Add rule' }).click();
      await ruleForm.waitFor({ state: 'detached' });
      await page.getByRole('table', { name: 'Rules' }).getByRole('row', { name: /No negative balances/ }).waitFor();

      // A test case: customers per city differ (one Lyon customer missing, one Oslo extra).
      await page.getByRole('button', { name: 'New test case' }).click();
      const testForm = page.getByRole('form', { name: 'New test case' });
      await testForm.getByLabel('Name', { exact: true }).fill('Customers per city');
      const perCity = 'SELECT city, count(*) AS customers FROM customers GROUP BY city';
      await testForm.getByLabel('Source query').fill(perCity);
      await testForm.getByLabel('Target query').fill(perCity);
      await testForm.getByRole('button', { name: 'Add test case' }).click();
      await testForm.waitFor({ state: 'detached' });
      const testItem = page.getByRole('list', { name: 'Test cases' }).getByRole('listitem').filter({ hasText: 'Customers per city' });
      await testItem.getByText('pending').waitFor();
      await testItem.getByRole('button', { name: 'Run test case Customers per city' }).click();
      await testItem.getByText('failed', { exact: true }).waitFor({ timeout: 60_000 });
      await checkpoint(page, 'validation-rules-tests');

      // The history lists the run; the JSON export is the report document.
      await page.getByRole('table', { name: 'Validation reports' }).getByRole('button', { name: /^Shown: the report of/ }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), report.getByRole('button', { name: 'Export JSON' }).click()]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      const exported = file.report ?? file;
      assert.equal(exported.passed, false);
      const keyed = exported.checks.find((c) => c.id === 'keyed_diff:customers');
      assert.deepEqual({ missing: keyed.actual.missing, extra: keyed.actual.extra, changed: keyed.actual.changed }, { missing: 1, extra: 1, changed: 2 });
      assert.ok(exported.anomalies.some((a) => a.kind === 'rounded_decimal' && a.target_column === 'amount'), 'the rounding anomaly is in the export');

      // The differing rows' check links to the generated BigQuery load file, opened at its line.
      const codeLink = diff.getByRole('link', { name: /^bigquery: load\/customers\.sql, lines? / });
      const href = await codeLink.getAttribute('href');
      const firstLine = Number(new URL(href, server.baseUrl).searchParams.get('line'));
      assert.ok(href.startsWith(`/projects/${project.id}/codegen?platform=bigquery&file=load%2Fcustomers.sql&line=`) && firstLine > 0, href);
      await codeLink.click();
      await page.waitForURL(/\/codegen\?/);
      await page.getByRole('heading', { name: 'load/customers.sql' }).waitFor();
      await page.getByRole('region', { name: 'Where this line comes from' }).getByText(`Line ${firstLine} comes from:`).waitFor();
      await checkpoint(page, 'validation-code-line');
    },
  },
  {
    name: 'validation connections: BigQuery and Databricks through the form, a bad key refused, secrets never returned, an edit keeps the secret',
    timeoutMs: 120_000,
    async run({ checkpoint, server, newPage }) {
      const api = apiClient(server.baseUrl);
      const id = randomBytes(4).toString('hex');
      const email = `cloudconn-${id}@example.com`;
      const token = await registerAndLogin(api, email, 'Cloud Connector');
      const project = await createProject(api, token, { name: `Cloud connections ${id}`, source_dialect: 'postgres', target_dialect: 'bigquery' });
      const base = `/api/v1/projects/${project.id}/connections`;
      // A throwaway service-account key (a real RSA key, used nowhere) and a token: the
      // secrets that must never come back from the API or reach the page again.
      const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
      const key = {
        type: 'service_account',
        project_id: `acme-e2e-${id}`,
        private_key_id: randomBytes(20).toString('hex'),
        private_key: privateKey,
        client_email: `godwit-e2e@acme-e2e-${id}.iam.gserviceaccount.com`,
        client_id: '100000000000000000001',
        token_uri: 'https://oauth2.googleapis.com/token',
      };
      const pat = `dapi${randomBytes(16).toString('hex')}`;
      const keyMarker = privateKey.split('\n')[1];

      const page = await newPage();
      await signInPage(page, server.baseUrl, email);
      await page.goto(`${server.baseUrl}/projects/${project.id}/validation`);
      await page.getByText('No connections yet').waitFor();

      // BigQuery: a key that is not JSON is refused at the field before anything is sent.
      await page.getByRole('button', { name: 'Add a connection' }).click();
      const form = page.getByRole('form', { name: 'New connection' });
      await form.getByLabel('Name').fill('Analytics warehouse');
      await form.getByLabel('Engine').selectOption('bigquery');
      assert.equal(await form.getByLabel('Workspace host').count(), 0, 'no Databricks field in the BigQuery form');
      const keyField = form.getByLabel('Service-account key (JSON)');
      await keyField.fill(`{"client_email": "${key.client_email}", "private_key": `);
      await form.getByRole('button', { name: 'Save connection' }).click();
      await form.getByText(/^The key is not valid JSON/).waitFor();
      assert.equal(await keyField.getAttribute('aria-invalid'), 'true');
      await checkpoint(page, 'connections-bigquery-bad-key');
      assert.equal((await api(base, { token })).json.items.length, 0, 'nothing saved with a bad key');

      // Then the key file, picked like a person would: its project fills the project id.
      await form.getByLabel('Key file').setInputFiles({ name: 'key.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(key, null, 2)) });
      const projectField = form.getByLabel('Project id');
      for (const deadline = Date.now() + 5_000; (await projectField.inputValue()) !== key.project_id; ) {
        assert.ok(Date.now() < deadline, `the project id is taken from the key file: ${await projectField.inputValue()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(JSON.parse(await keyField.inputValue()).client_email, key.client_email, 'the file is read into the key field');
      await form.getByLabel('Dataset').fill('sales');
      await form.getByLabel('Location').fill('EU');
      // Offline, the test cannot reach Google's token endpoint: the answer says so.
      await form.getByRole('button', { name: 'Test connection' }).click();
      await form.getByRole('alert').filter({ hasText: 'The connection test failed' }).getByText(/oauth2\.googleapis\.com/).waitFor({ timeout: 30_000 });
      await form.getByRole('button', { name: 'Save connection' }).click();
      await form.waitFor({ state: 'detached' });
      const list = page.getByRole('list', { name: 'Connections' });
      const bq = list.getByRole('listitem', { name: 'Analytics warehouse' });
      await bq.getByText(`${key.project_id}.sales (EU)`).waitFor();
      await bq.getByText('service-account key stored').waitFor();

      // Databricks with a personal access token; the test fails offline and says where.
      await page.getByRole('button', { name: 'Add a connection' }).click();
      await form.getByLabel('Name').fill('Lakehouse');
      await form.getByLabel('Engine').selectOption('databricks');
      await form.getByLabel('Workspace host').fill('https://adb-1234567890123456.7.azuredatabricks.net/');
      await form.getByLabel('SQL warehouse id or HTTP path').fill('abc123def456');
      await form.getByLabel('Sign in with').selectOption('pat');
      await form.getByLabel('Personal access token').fill(pat);
      await form.getByRole('button', { name: 'Test connection' }).click();
      const failed = form.getByRole('alert').filter({ hasText: 'The connection test failed' });
      await failed.waitFor({ timeout: 30_000 });
      const said = await failed.textContent();
      assert.match(said, /adb-1234567890123456\.7\.azuredatabricks\.net/, `the test's answer names the host: ${said}`);
      assert.ok(!said.includes(pat), 'the token is not in the answer');
      await checkpoint(page, 'connections-databricks-test');
      await form.getByRole('button', { name: 'Save connection' }).click();
      await form.waitFor({ state: 'detached' });
      const lake = list.getByRole('listitem', { name: 'Lakehouse' });
      await lake.getByText('adb-1234567890123456.7.azuredatabricks.net · warehouse abc123def456').waitFor();
      await lake.getByText('access token stored').waitFor();

      // Edit the Databricks connection: its token field is empty and says it is stored; a
      // new warehouse path is saved and the token kept.
      await lake.getByRole('button', { name: 'Edit Lakehouse' }).click();
      const edit = lake.getByRole('form', { name: 'Edit connection Lakehouse' });
      const tokenField = edit.getByLabel('Personal access token');
      assert.equal(await tokenField.inputValue(), '');
      await edit.getByText(/Stored, leave empty to keep it/).waitFor();
      assert.equal(await edit.getByLabel('SQL warehouse id or HTTP path').inputValue(), 'abc123def456');
      await edit.getByLabel('SQL warehouse id or HTTP path').fill('/sql/1.0/warehouses/fed654');
      await edit.getByLabel('Catalog').fill('main');
      await checkpoint(page, 'connections-edit');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await edit.waitFor({ state: 'detached' });
      await lake.getByText('adb-1234567890123456.7.azuredatabricks.net · /sql/1.0/warehouses/fed654 · main').waitFor();
      await lake.getByText('access token stored').waitFor();
      await checkpoint(page, 'connections-listed');

      // The API: both stored with their fields, secrets set but never returned.
      const listed = await api(base, { token });
      assert.equal(listed.status, 200);
      const byName = Object.fromEntries(listed.json.items.map((c) => [c.name, c]));
      const warehouse = byName['Analytics warehouse'];
      const lakehouse = byName.Lakehouse;
      assert.deepEqual(
        { engine: warehouse.engine, database: warehouse.database, options: warehouse.options, password_set: warehouse.password_set, host: warehouse.host },
        { engine: 'bigquery', database: key.project_id, options: { dataset: 'sales', location: 'EU' }, password_set: true, host: '' },
      );
      const one = await api(`${base}/${lakehouse.id}`, { token });
      assert.equal(one.status, 200);
      assert.deepEqual(
        { engine: one.json.engine, host: one.json.host, options: one.json.options, password_set: one.json.password_set },
        { engine: 'databricks', host: 'adb-1234567890123456.7.azuredatabricks.net', options: { http_path: '/sql/1.0/warehouses/fed654', catalog: 'main' }, password_set: true },
      );
      for (const c of [warehouse, one.json]) assert.ok(!('password' in c), `no password field in ${c.name}`);
      for (const text of [JSON.stringify(listed.json), JSON.stringify(one.json), await page.content(), server.readLog()]) {
        assert.ok(!text.includes(pat), 'the token never comes back (API, page, server log)');
        assert.ok(!text.includes(keyMarker), 'the private key never comes back (API, page, server log)');
      }
    },
  },
];
