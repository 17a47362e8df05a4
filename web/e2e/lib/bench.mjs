// Writes the web UI's numbers into bench/RESULTS.md under "## Web UI", leaving every
// other section of the file as it is.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function renderSection(m) {
  return [
    '## Web UI',
    '',
    'Measured by the browser end-to-end run (`web/e2e/run.mjs`) with playwright-core and',
    "Debian's Chromium (headless) against a local `godwit serve` (SQLite) on 127.0.0.1, signed in,",
    `with 25 projects; median of ${m.runs} loads each. TTI = navigation start until the projects`,
    'table is rendered by React and the main thread has run a frame and a task after it.',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| Projects page time to interactive, cold cache | ${m.ttiColdMs} ms |`,
    `| Projects page time to interactive, warm cache | ${m.ttiWarmMs} ms |`,
    `| Projects page DOMContentLoaded, cold cache | ${m.domContentLoadedColdMs} ms |`,
    `| Initial JS, sign-in page (gzip -9) | ${m.signInJsGzipKb} KB |`,
    `| Initial JS, projects page (gzip -9, ${m.projectsJsFiles} files) | ${m.projectsJsGzipKb} KB |`,
    `| API calls before the table shows (session refresh, projects) | ${m.apiCallsPerLoad}, median ${m.apiCallMedianMs} ms each (time to first byte ${m.apiTtfbMedianMs} ms) |`,
    '| Budget | 300 KB gzipped initial JS; TTI under 1 s |',
    '',
    'Part of the API time comes after the first byte: the server writes headers and body',
    'separately without TCP_NODELAY, so delayed ACKs can add about 40 ms per response (on an',
    'idle machine: first byte after 2–5 ms, whole response after ~48 ms).',
    '',
    `Measured ${m.measuredAt.slice(0, 10)}. Command (from the repository root, after building the server):`,
    '',
    '```',
    'cd web && GODWIT_BIN=../build/release/godwit node e2e/run.mjs --only performance --record-bench',
    '```',
    '',
  ].join('\n');
}

export function recordBench(file, metrics) {
  const section = renderSection(metrics);
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\n';
  const start = text.search(/^## Web UI\s*$/m);
  let next;
  if (start === -1) {
    next = `${text.replace(/\n*$/, '\n\n')}${section}`;
  } else {
    const rest = text.slice(start + 1);
    const end = rest.search(/^## /m);
    next = text.slice(0, start) + section + (end === -1 ? '' : `\n${rest.slice(end)}`);
  }
  writeFileSync(file, next);
  console.log(`web e2e: wrote the "## Web UI" section of ${file}`);
}
