// The end-to-end scenarios. Each gets a fresh browser context and helpers from run.mjs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { apiClient } from './lib/server.mjs';
import { measureProjectsPage } from './lib/perf.mjs';

const PASSWORD = 'correct horse battery';
const unique = () => randomBytes(4).toString('hex');

async function expectUrl(page, re) {
  await page.waitForURL(re, { timeout: 15_000 });
}

async function signIn(page, email, password) {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function apiLogin(api, email, password) {
  const res = await api('/api/v1/auth/login', { method: 'POST', body: { email, password } });
  assert.equal(res.status, 200, `API login of ${email}: ${JSON.stringify(res.json)}`);
  return res.json.access_token;
}

async function apiRegister(api, email, name) {
  const res = await api('/api/v1/auth/register', { method: 'POST', body: { email, name, password: PASSWORD } });
  assert.equal(res.status, 201, `API register of ${email}: ${JSON.stringify(res.json)}`);
  return res.json;
}

export const tests = [
  {
    name: 'journey: register, create from template, search, open, rename, add member, sign out, sign in, delete',
    timeoutMs: 120_000,
    async run({ server, newPage, checkpoint, shared }) {
      const api = apiClient(server.baseUrl);
      const id = unique();
      const email = `lead-${id}@example.com`;
      const page = await newPage();

      // Signed out: any page leads to sign-in.
      await page.goto(`${server.baseUrl}/`);
      await expectUrl(page, /\/sign-in/);
      await page.getByRole('heading', { name: 'Sign in to Godwit' }).waitFor();
      await checkpoint(page, 'sign-in');

      // Client-side validation runs before anything is sent.
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your email address.').waitFor();

      // Register.
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expectUrl(page, /\/register$/);
      await page.getByLabel('Full name').fill('Avery Lead');
      await page.getByLabel('Work email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await checkpoint(page, 'register');
      await page.getByRole('button', { name: 'Create account' }).click();
      await expectUrl(page, /\/projects$/);
      await page.getByText('No projects yet').waitFor();
      await checkpoint(page, 'projects-empty');

      // Create from a template.
      await page.getByRole('link', { name: 'New project' }).click();
      await expectUrl(page, /\/projects\/new$/);
      const templates = page.getByRole('list', { name: 'Templates' }).getByRole('listitem');
      await templates.first().waitFor();
      assert.ok((await templates.count()) > 0, 'the template gallery lists templates');
      await checkpoint(page, 'new-project-templates');
      const firstTemplate = templates.first();
      const templateName = (await firstTemplate.getByRole('heading').textContent()).trim();
      await firstTemplate.getByRole('button', { name: 'Use this template' }).click();
      const projectName = `Warehouse ${id}`;
      const nameField = page.getByLabel('Project name');
      assert.equal(await nameField.inputValue(), templateName, 'the form starts with the template name');
      await nameField.fill(projectName);
      await checkpoint(page, 'new-project-form');
      await page.getByRole('button', { name: 'Create project' }).click();
      await expectUrl(page, /\/projects\/[0-9a-f-]{36}$/);
      const projectUrl = page.url();
      await page.getByRole('heading', { level: 1, name: projectName }).waitFor();
      const steps = page.getByRole('list', { name: 'Migration phases' }).getByRole('listitem');
      assert.equal(await steps.count(), 5, 'five phases in the stepper');
      assert.match(await steps.nth(0).textContent(), /Upload.*Next/);
      assert.match(await steps.nth(1).textContent(), /Discovery.*Blocked/);
      await checkpoint(page, 'project-overview');

      // Two more projects through the API, so search has something to tell apart.
      const token = await apiLogin(api, email, PASSWORD);
      for (const name of [`Billing ${id}`, `Ledger ${id}`]) {
        const res = await api('/api/v1/projects', {
          method: 'POST',
          token,
          body: { name, source_dialect: 'oracle', target_dialect: 'postgres' },
        });
        assert.equal(res.status, 201, JSON.stringify(res.json));
      }

      // Find it with search.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
      await expectUrl(page, /\/projects$/);
      const rows = page.getByRole('table', { name: 'Projects' }).locator('tbody tr');
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 3);
      await page.getByLabel('Search').fill('wareh');
      await expectUrl(page, /q=wareh/);
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      assert.match(await rows.first().textContent(), new RegExp(projectName));
      // Filters and sort go to the server too.
      await page.getByRole('button', { name: 'Draft', exact: true }).click();
      await expectUrl(page, /status=draft/);
      await page.getByRole('button', { name: /^Name/ }).click();
      await expectUrl(page, /sort=name/);
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      await checkpoint(page, 'projects-search');

      // Open it and rename it.
      await page.getByRole('link', { name: projectName }).click();
      await expectUrl(page, new RegExp(`${projectUrl.split('/').pop()}$`));
      await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
      await expectUrl(page, /\/settings$/);
      const renamed = `${projectName} renamed`;
      await page.getByLabel('Project name').fill(renamed);
      await checkpoint(page, 'project-settings');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { level: 1, name: renamed }).waitFor();
      await page.getByText('Project saved').waitFor();

      // Add a member (registered through the API first).
      const memberEmail = `member-${id}@example.com`;
      await apiRegister(api, memberEmail, 'Morgan Member');
      await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Members' }).click();
      await expectUrl(page, /\/members$/);
      const addForm = page.getByRole('form', { name: 'Add a member' });
      await addForm.getByRole('button', { name: 'Add member' }).click();
      await addForm.getByText('Enter your email address.').waitFor();
      await addForm.getByLabel('Email').fill(`nobody-${id}@example.com`);
      await addForm.getByRole('button', { name: 'Add member' }).click();
      await addForm.getByRole('alert').waitFor();
      await addForm.getByLabel('Email').fill(memberEmail);
      await addForm.getByLabel('Role').selectOption('editor');
      await addForm.getByRole('button', { name: 'Add member' }).click();
      const membersTable = page.getByRole('table', { name: 'Project members' });
      await membersTable.getByText(memberEmail).waitFor();
      await checkpoint(page, 'project-members');

      // The code generation page, before anything was generated.
      await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('list', { name: 'Migration phases' }).getByRole('link', { name: 'Code generation' }).click();
      await expectUrl(page, /\/codegen$/);
      await page.getByRole('heading', { name: 'Generate' }).waitFor();
      await page.getByText('Nothing generated for BigQuery yet').waitFor();
      await checkpoint(page, 'phase-codegen');

      // Profile.
      await page.getByRole('link', { name: /\(your profile\)$/ }).click();
      await expectUrl(page, /\/profile$/);
      await page.getByLabel('Name', { exact: true }).waitFor();
      await checkpoint(page, 'profile');
      await page.getByLabel('Name', { exact: true }).fill('Avery Q. Lead');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText('Profile saved').waitFor();
      await page.getByRole('link', { name: 'Avery Q. Lead (your profile)' }).waitFor();

      // Sign out, and back in.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expectUrl(page, /\/sign-in$/);
      await page.getByText('You have signed out.').waitFor();
      await page.goto(`${server.baseUrl}/projects`);
      await expectUrl(page, /\/sign-in\?next=/);
      await signIn(page, email, PASSWORD);
      await expectUrl(page, /\/projects$/);

      // Delete it, with confirmation.
      await page.getByLabel('Search').fill('renamed');
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
      await page.getByRole('link', { name: renamed }).click();
      await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Delete project…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const confirm = dialog.getByRole('button', { name: 'Delete project' });
      assert.equal(await confirm.isDisabled(), true, 'delete stays disabled until the name is typed');
      await dialog.getByLabel(/Type .* to confirm/).fill(renamed);
      await checkpoint(page, 'delete-confirm');
      await confirm.click();
      await expectUrl(page, /\/projects$/);
      await page.getByText(`Project “${renamed}” deleted`).waitFor();
      await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 2);
      const check = await api('/api/v1/projects?search=renamed', { token });
      assert.equal(check.json.total, 0, 'the project is gone on the server');

      shared.lead = { email, password: PASSWORD };
      shared.memberEmail = memberEmail;
    },
  },
  {
    name: "a wrong password shows the server's message (keyboard only)",
    async run({ server, newPage, checkpoint }) {
      const api = apiClient(server.baseUrl);
      const email = `wrong-${unique()}@example.com`;
      await apiRegister(api, email, 'Wren Wrong');
      const expected = await api('/api/v1/auth/login', { method: 'POST', body: { email, password: 'not the password' } });
      assert.equal(expected.status, 401);
      const page = await newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      // Keyboard only: the email field has focus, Tab moves on, Enter submits.
      await page.getByLabel('Email', { exact: true }).waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'email');
      await page.keyboard.type(email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('still not the password');
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.ok(expected.json.detail, 'the API answers with a problem detail');
      assert.ok((await alert.textContent()).includes(expected.json.detail), `alert shows "${expected.json.detail}"`);
      await checkpoint(page, 'sign-in-wrong-password');
    },
  },
  {
    name: 'forgot password: the e-mailed link resets it',
    async run({ server, newPage, checkpoint }) {
      const api = apiClient(server.baseUrl);
      const email = `forgot-${unique()}@example.com`;
      await apiRegister(api, email, 'Frankie Forgot');
      const page = await newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expectUrl(page, /\/forgot-password$/);
      await page.getByLabel('Email').fill(email);
      await checkpoint(page, 'forgot-password');
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await page.getByText('Check your inbox').waitFor();

      // No mail server: the server logs the link.
      let token = null;
      for (let i = 0; i < 40 && !token; i += 1) {
        const m = server.readLog().match(new RegExp(`${email.replace(/[.+]/g, '\\$&')}: \\S*/reset-password\\?token=([^\\s"\\\\]+)`));
        token = m ? m[1] : null;
        if (!token) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(token, 'the reset link is in the server log');
      await page.goto(`${server.baseUrl}/reset-password?token=${token}`);
      const newPassword = 'a brand new passphrase';
      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('Confirm new password').fill(newPassword);
      await checkpoint(page, 'reset-password');
      await page.getByRole('button', { name: 'Set new password' }).click();
      await page.getByText('Password changed').waitFor();
      await page.getByRole('link', { name: 'Sign in' }).click();
      await signIn(page, email, newPassword);
      await expectUrl(page, /\/projects$/);
    },
  },
  {
    name: 'profile: a password change keeps this session and the new password signs in',
    async run({ server, newPage }) {
      const api = apiClient(server.baseUrl);
      const email = `pw-${unique()}@example.com`;
      await apiRegister(api, email, 'Pat Password');
      const page = await newPage();
      await page.goto(`${server.baseUrl}/profile`);
      await expectUrl(page, /\/sign-in\?next=%2Fprofile/);
      await signIn(page, email, PASSWORD);
      await expectUrl(page, /\/profile$/);
      const form = page.getByRole('form', { name: 'Change password' });
      await form.getByLabel('Current password').fill('not my password');
      await form.getByLabel('New password', { exact: true }).fill('another good passphrase');
      await form.getByLabel('Confirm new password').fill('another good passphrase');
      await form.getByRole('button', { name: 'Change password' }).click();
      await form.getByRole('alert').waitFor();
      await form.getByText('Current password is incorrect', { exact: true }).waitFor();
      await form.getByLabel('Current password').fill(PASSWORD);
      await form.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Your other sign-ins have ended.').waitFor();
      // The new refresh cookie restores the session after a reload.
      await page.reload();
      await page.getByRole('heading', { name: 'Your profile' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expectUrl(page, /\/sign-in$/);
      await signIn(page, email, 'another good passphrase');
      await expectUrl(page, /\/projects$/);
    },
  },
  {
    name: 'an expired session returns to sign-in and back to the page afterwards',
    server: 'ttl5',
    async run({ server, newPage, context, checkpoint }) {
      const api = apiClient(server.baseUrl);
      const email = `expiry-${unique()}@example.com`;
      await apiRegister(api, email, 'Ezra Expiry');
      const token = await apiLogin(api, email, PASSWORD);
      const created = await api('/api/v1/projects', {
        method: 'POST',
        token,
        body: { name: 'Short-lived', source_dialect: 'tsql', target_dialect: 'snowflake' },
      });
      assert.equal(created.status, 201);
      const page = await newPage();
      const membersUrl = `/projects/${created.json.id}/members`;
      // A deep link while signed out goes through sign-in and comes back.
      await page.goto(server.baseUrl + membersUrl);
      await expectUrl(page, /\/sign-in\?next=/);
      await signIn(page, email, PASSWORD);
      await expectUrl(page, new RegExp(`${membersUrl}$`));
      await page.getByRole('table', { name: 'Project members' }).waitFor();

      // Silent refresh keeps the session past the 5 s access-token lifetime.
      await page.waitForTimeout(6500);
      await page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name: 'Overview' }).click();
      await page.getByRole('list', { name: 'Migration phases' }).waitFor();
      assert.match(page.url(), new RegExp(`/projects/${created.json.id}$`));

      // Revoke the refresh token behind the page's back: the next renewal fails.
      const cookie = (await context.cookies()).find((c) => c.name === 'godwit_refresh');
      assert.ok(cookie, 'the refresh token is in a cookie');
      assert.equal(cookie.httpOnly, true, 'the refresh cookie is HttpOnly');
      assert.equal(cookie.sameSite, 'Strict', 'the refresh cookie is SameSite=Strict');
      const out = await api('/api/v1/auth/logout', { method: 'POST', body: { refresh_token: cookie.value } });
      assert.equal(out.status, 204);
      await page.waitForURL(/\/sign-in\?next=/, { timeout: 15_000 });
      await page.getByText('Your session has ended').waitFor();
      assert.ok(decodeURIComponent(page.url()).includes(`/projects/${created.json.id}`), 'sign-in keeps the intended page');
      await checkpoint(page, 'session-expired');
      await signIn(page, email, PASSWORD);
      await expectUrl(page, new RegExp(`/projects/${created.json.id}$`));
    },
  },
  {
    name: 'unknown pages and projects say so',
    async run({ server, newPage, checkpoint }) {
      const api = apiClient(server.baseUrl);
      const email = `lost-${unique()}@example.com`;
      await apiRegister(api, email, 'Lou Lost');
      const page = await newPage();
      await page.goto(`${server.baseUrl}/no/such/page`);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await checkpoint(page, 'not-found');
      await page.goto(`${server.baseUrl}/sign-in`);
      await signIn(page, email, PASSWORD);
      await expectUrl(page, /\/projects$/);
      await page.goto(`${server.baseUrl}/projects/00000000-0000-4000-8000-000000000000`);
      await page.getByRole('heading', { name: 'Project not found' }).waitFor();
      const api404 = await page.evaluate(() => fetch('/api/v1/nope').then((r) => r.status));
      assert.equal(api404, 404, '/api/* never falls back to index.html');
    },
  },
  {
    name: 'performance: initial JS size and time to interactive of the projects page',
    timeoutMs: 120_000,
    async run({ server, newPage, distDir, metrics }) {
      const api = apiClient(server.baseUrl);
      const email = `perf-${unique()}@example.com`;
      await apiRegister(api, email, 'Pat Perf');
      const token = await apiLogin(api, email, PASSWORD);
      for (let i = 0; i < 25; i += 1) {
        await api('/api/v1/projects', {
          method: 'POST',
          token,
          body: { name: `Perf project ${String(i).padStart(2, '0')}`, source_dialect: 'oracle', target_dialect: 'bigquery' },
        });
      }
      const page = await newPage();
      await page.goto(`${server.baseUrl}/sign-in`);
      await signIn(page, email, PASSWORD);
      await expectUrl(page, /\/projects$/);
      Object.assign(metrics, await measureProjectsPage(page, server.baseUrl, distDir));
      assert.ok(metrics.initialJsGzipKb < 300, `initial JS ${metrics.initialJsGzipKb} KB gzipped is under 300 KB`);
    },
  },
];

// Upload and discovery pages (issue 6).
tests.push(...(await import('./discovery-tests.mjs')).discoveryTests);
// Mapping page (issue 7).
tests.push(...(await import('./mapping-tests.mjs')).mappingTests);
// Code page (issue 8).
tests.push(...(await import('./codegen-tests.mjs')).codegenTests);
// Validation page (issue 9).
tests.push(...(await import('./validation-tests.mjs')).validationTests);
