// Starts `godwit serve` on a free loopback port with a fresh SQLite store in a temp dir,
// waits for /healthz, and stops it again.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer({ bin, webDir, name, env = {} }) {
  const dataDir = mkdtempSync(join(tmpdir(), `godwit-e2e-${name}-`));
  const port = await freePort();
  const logPath = join(dataDir, 'server.log');
  // SQLite connections may only point below this directory (scenarios put their files here).
  const sqliteRoot = join(dataDir, 'sqlite');
  mkdirSync(sqliteRoot);
  const log = createWriteStream(logPath);
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['serve', '--host', '127.0.0.1', '--port', String(port)], {
    env: {
      ...process.env,
      GODWIT_DATA_DIR: dataDir,
      GODWIT_WEB_DIR: webDir,
      GODWIT_PASSWORD_HASH_COST: 'minimum',
      GODWIT_JWT_SECRET: randomBytes(24).toString('hex'),
      GODWIT_SECRET_KEY: randomBytes(32).toString('hex'),
      GODWIT_PUBLIC_URL: baseUrl,
      GODWIT_LOG_FORMAT: 'text',
      GODWIT_SQLITE_ROOT: sqliteRoot,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new Error(`godwit serve (${name}) exited early (${JSON.stringify(exited)}); log:\n${readLog(logPath)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`godwit serve (${name}) did not answer /healthz within 60 s; log:\n${readLog(logPath)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    name,
    baseUrl,
    logPath,
    sqliteRoot,
    readLog: () => readLog(logPath),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const done = new Promise((r) => child.once('exit', r));
        const timeout = new Promise((r) => setTimeout(r, 5000, 'timeout'));
        if ((await Promise.race([done, timeout])) === 'timeout') child.kill('SIGKILL');
      }
      log.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readLog(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** A tiny JSON client for arranging test data through the API. */
export function apiClient(baseUrl) {
  return async function api(path, { method = 'GET', body, token, headers = {} } = {}) {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        Accept: 'application/json',
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, json, headers: res.headers };
  };
}
