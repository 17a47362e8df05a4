// Fails when src/api/schema.gen.ts is not what openapi-typescript makes of the server's
// current OpenAPI document (../src/server/openapi.json). Fix with `npm run gen:api`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markGenerated } from './mark-generated.mjs';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(web, '../src/server/openapi.json');
const committed = join(web, 'src/api/schema.gen.ts');
const dir = mkdtempSync(join(tmpdir(), 'godwit-api-'));
try {
  const fresh = join(dir, 'schema.gen.ts');
  execFileSync(process.execPath, [join(web, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const expected = markGenerated(readFileSync(fresh, 'utf8'));
  const actual = readFileSync(committed, 'utf8');
  if (expected !== actual) {
    console.error('check:api: src/api/schema.gen.ts is out of date with ../src/server/openapi.json; run `npm run gen:api` and commit it.');
    process.exit(1);
  }
  console.log('check:api: src/api/schema.gen.ts matches ../src/server/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
