#!/usr/bin/env node
// End-to-end tests of the web UI: playwright-core drives Debian's /usr/bin/chromium
// against real `godwit serve` processes (fresh SQLite stores in temp dirs). Builds
// web/dist first when it is missing or older than the sources. Saves a screenshot of
// every page under e2e/screenshots/ and runs axe-core on each.
//
// Usage: GODWIT_BIN=/path/to/godwit node e2e/run.mjs [--only <substring>] [--record-bench]
//   --record-bench  also writes the measured numbers into ../bench/RESULTS.md (## Web UI)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './lib/server.mjs';
import { tests } from './tests.mjs';
import { CHROMIUM_ARGS } from './lib/chromium.mjs';
import { recordBench } from './lib/bench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const webDir = resolve(here, '..');
const repoDir = resolve(webDir, '..');
const distDir = join(webDir, 'dist');
const shotsDir = join(here, 'screenshots');
const started = Date.now();

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const record = args.includes('--record-bench');

function findBinary() {
  if (process.env.GODWIT_BIN) return process.env.GODWIT_BIN;
  for (const dir of ['build/release', 'build/debug']) {
    const candidate = join(repoDir, dir, 'godwit');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('set GODWIT_BIN to the godwit binary (or build build/release/godwit)');
}

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds web/dist when it is missing or older than anything it is built from. */
function ensureBuilt() {
  const index = join(distDir, 'index.html');
  const inputs = ['src', 'public', 'index.html', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.app.json'];
  const sourceTime = Math.max(...inputs.map((p) => join(webDir, p)).filter(existsSync).map(newestMtime));
  if (existsSync(index) && statSync(index).mtimeMs >= sourceTime) return false;
  console.log('web e2e: building web/dist (missing or stale)');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: webDir, stdio: 'inherit' });
  return true;
}

async function main() {
  const bin = findBinary();
  if (!existsSync(bin)) throw new Error(`godwit binary not found at ${bin}`);
  ensureBuilt();
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });

  const servers = [];
  let browser;
  const results = [];
  const metrics = {};
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => {});
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, () => {
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    const [main, shortLived] = await Promise.all([
      startServer({ bin, webDir: distDir, name: 'main' }),
      startServer({ bin, webDir: distDir, name: 'ttl5', env: { GODWIT_ACCESS_TOKEN_TTL: '5' } }),
    ]);
    servers.push(main, shortLived);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

    let shot = 0;
    const shared = {};
    const selected = tests.filter((t) => !only || t.name.includes(only));
    for (const test of selected) {
      const t0 = Date.now();
      // bypassCSP: the server's CSP (rightly) forbids inline scripts, and axe is injected as one.
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', bypassCSP: true });
      context.setDefaultTimeout(15_000);
      const consoleErrors = [];
      const a11y = [];
      const server = test.server === 'ttl5' ? shortLived : main;
      const helpers = {
        server,
        servers: { main, ttl5: shortLived },
        shared,
        metrics,
        distDir,
        consoleErrors,
        newPage: async () => {
          const page = await context.newPage();
          page.on('console', (msg) => {
            if (msg.type() === 'error') consoleErrors.push(msg.text());
          });
          page.on('pageerror', (err) => consoleErrors.push(String(err)));
          return page;
        },
        context,
        browser,
        /** Screenshot plus axe check of the page as it is now. */
        async checkpoint(page, name) {
          shot += 1;
          const file = join(shotsDir, `${String(shot).padStart(2, '0')}-${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          const { axeCheck } = await import('./lib/a11y.mjs');
          a11y.push(await axeCheck(page, name));
        },
      };
      let error = null;
      try {
        await withTimeout(test.run(helpers), test.timeoutMs ?? 90_000, test.name);
      } catch (e) {
        error = e;
        try {
          const pages = context.pages();
          if (pages.length) await pages[pages.length - 1].screenshot({ path: join(shotsDir, `FAILED-${slug(test.name)}.png`), fullPage: true });
        } catch {
          // the page may be gone
        }
      }
      await context.close().catch(() => {});
      const ms = Date.now() - t0;
      results.push({ name: test.name, ok: !error, ms, error });
      const mark = error ? 'FAIL' : 'ok  ';
      console.log(`${mark} ${test.name} (${(ms / 1000).toFixed(1)} s)${a11y.length ? ` [axe: ${a11y.map((a) => a.label).join(', ')}]` : ''}`);
      if (error) {
        console.log(indent(String(error.stack ?? error)));
        if (consoleErrors.length) console.log(indent(`browser console errors:\n${consoleErrors.join('\n')}`));
      }
    }
  } catch (e) {
    results.push({ name: 'setup', ok: false, ms: 0, error: e });
    console.log(`FAIL setup\n${indent(String(e.stack ?? e))}`);
  } finally {
    await cleanup();
  }

  const failed = results.filter((r) => !r.ok);
  if (Object.keys(metrics).length) {
    writeFileSync(join(here, 'screenshots', 'metrics.json'), JSON.stringify(metrics, null, 2));
    console.log(`web e2e metrics: ${JSON.stringify(metrics)}`);
    if (record && failed.length === 0) recordBench(join(repoDir, 'bench/RESULTS.md'), metrics);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `web e2e: ${results.length - failed.length} passed, ${failed.length} failed, ${results.length} total in ${secs} s` +
      (failed.length ? ` — failed: ${failed.map((f) => f.name).join('; ')}` : ''),
  );
  process.exit(failed.length ? 1 : 0);
}

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`test "${name}" timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function indent(text) {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
}

main().catch((e) => {
  console.error(e);
  console.log('web e2e: 0 passed, 1 failed (runner crashed)');
  process.exit(1);
});
