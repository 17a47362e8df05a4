// Time to interactive of the projects page and the gzipped size of the JS it loads.
// TTI here: from navigation start until the projects table is rendered by React (so its
// handlers are attached) and the main thread has then run a frame and a macrotask.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const READY_SCRIPT = () => {
  const done = () => {
    requestAnimationFrame(() =>
      setTimeout(() => {
        window.__godwitTti = performance.now();
      }, 0),
    );
  };
  const check = () => {
    if (document.querySelector('table tbody tr')) {
      observer.disconnect();
      done();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true });
    check();
  });
};

function gzipKb(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** The JS files index.html loads up front (entry script and its modulepreloads). */
export function initialJsFiles(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function loadOnce(page, url) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__godwitTti !== undefined, null, { timeout: 15_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const scripts = performance
      .getEntriesByType('resource')
      .filter((r) => r.initiatorType === 'script' || r.initiatorType === 'link' || r.name.endsWith('.js'))
      .map((r) => new URL(r.name).pathname)
      .filter((p) => p.endsWith('.js'));
    const api = performance
      .getEntriesByType('resource')
      .filter((r) => new URL(r.name).pathname.startsWith('/api/'))
      .map((r) => ({ path: new URL(r.name).pathname, duration: r.duration, ttfb: r.responseStart - r.requestStart }));
    return {
      api,
      tti: window.__godwitTti,
      domContentLoaded: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
      scripts,
    };
  });
}

export async function measureProjectsPage(page, baseUrl, distDir, runs = 5) {
  await page.addInitScript(READY_SCRIPT);
  const url = `${baseUrl}/projects`;
  const cdp = await page.context().newCDPSession(page);

  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const cold = [];
  for (let i = 0; i < runs; i += 1) cold.push(await loadOnce(page, url));
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await loadOnce(page, url);
  const warm = [];
  for (let i = 0; i < runs; i += 1) warm.push(await loadOnce(page, url));

  const projectsScripts = [...new Set(cold.flatMap((r) => r.scripts))].map((p) => p.replace(/^\//, ''));
  const projectsJsKb = projectsScripts.reduce((sum, f) => sum + gzipKb(join(distDir, f)), 0);
  const entryFiles = initialJsFiles(distDir);
  const entryJsKb = entryFiles.reduce((sum, f) => sum + gzipKb(join(distDir, f)), 0);
  const round = (n) => Math.round(n * 10) / 10;
  const apiCalls = cold.flatMap((r) => r.api);
  return {
    ttiColdMs: Math.round(median(cold.map((r) => r.tti))),
    ttiWarmMs: Math.round(median(warm.map((r) => r.tti))),
    domContentLoadedColdMs: Math.round(median(cold.map((r) => r.domContentLoaded))),
    runs,
    initialJsGzipKb: round(Math.max(entryJsKb, projectsJsKb)),
    signInJsGzipKb: round(entryJsKb),
    projectsJsGzipKb: round(projectsJsKb),
    projectsJsFiles: projectsScripts.length,
    apiCallsPerLoad: Math.round(apiCalls.length / runs),
    apiCallMedianMs: Math.round(median(apiCalls.map((a) => a.duration))),
    apiTtfbMedianMs: Math.round(median(apiCalls.map((a) => a.ttfb))),
    measuredAt: new Date().toISOString(),
  };
}
