// Runs axe-core in the page and fails on serious or critical violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function axeCheck(page, label) {
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!hasAxe) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !(v.impact === 'serious' || v.impact === 'critical'));
  if (bad.length > 0) {
    const lines = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n');
    throw new Error(`axe found ${bad.length} serious/critical violation(s) on ${label}:\n${lines}`);
  }
  return { label, minor: minor.map((v) => `${v.impact} ${v.id}`) };
}
