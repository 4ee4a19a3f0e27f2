// The Nu HTML checker (vnu-jar, run once on the installed Java) over every built HTML file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { startSite, listFiles, show } from './lib/site.mjs';

const require = createRequire(import.meta.url);
// The package's main export is the path of vnu.jar.
const VNU_JAR = String(require('vnu-jar'));

let site;

before(async () => {
  site = await startSite();
});

after(async () => {
  await site?.close();
});

function runVnu(files) {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss4m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        // vnu exits 1 when it found errors and writes the JSON report to stderr.
        if (err && err.code === 'ENOENT') {
          reject(new Error('java not found: run `bash scripts/setup-browser.sh` first'));
          return;
        }
        const text = (stderr || stdout || '').trim();
        try {
          resolve({ code: err ? err.code : 0, report: JSON.parse(text) });
        } catch {
          reject(new Error(`vnu did not print a JSON report (exit ${err?.code ?? 0}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

test('Nu HTML checker: zero errors in every built HTML file', { timeout: 300_000 }, async () => {
  const files = await listFiles(site.outDir, '.html');
  assert.ok(files.length >= 10, `only ${files.length} HTML files were built`);
  const { code, report } = await runVnu(files);
  const errors = (report.messages || [])
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .map((m) => ({
      file: path.relative(site.outDir, decodeURIComponent(new URL(m.url).pathname)),
      line: m.lastLine,
      column: m.firstColumn ?? m.lastColumn,
      message: m.message,
      extract: m.extract,
    }));
  assert.deepEqual(errors, [], `${errors.length} error(s):\n${show(errors)}`);
  assert.equal(code, 0, `vnu exited ${code}`);
});
