// The Nu HTML checker (vnu-jar, run once on the installed Java) over every built HTML file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, listFiles, show } from './lib/site.mjs';
import { runVnu } from './lib/vnu.mjs';

let site;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.close();
});

test('Nu HTML checker: zero errors in every built HTML file', { timeout: 300_000 }, async () => {
  const files = await listFiles(site.outDir, '.html');
  assert.ok(files.length >= 10, `only ${files.length} HTML files were built`);
  const { code, errors } = await runVnu(files, site.outDir);
  assert.deepEqual(errors, [], `${errors.length} error(s):\n${show(errors)}`);
  assert.equal(code, 0, `vnu exited ${code}`);
});
