// The Nu HTML checker (vnu-jar on the installed Java): one JVM run over a list of files.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// The package's main export is the path of vnu.jar.
const VNU_JAR = String(require('vnu-jar'));

/** Runs vnu on `files`; resolves to { code, errors: [{file, line, column, message, extract}] }. */
export function runVnu(files, root) {
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
        let report;
        try {
          report = JSON.parse(text);
        } catch {
          reject(new Error(`vnu did not print a JSON report (exit ${err?.code ?? 0}):\n${stdout}\n${stderr}`));
          return;
        }
        const errors = (report.messages || [])
          .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
          .map((m) => ({
            file: path.relative(root, decodeURIComponent(new URL(m.url).pathname)),
            line: m.lastLine,
            column: m.firstColumn ?? m.lastColumn,
            message: m.message,
            extract: m.extract,
          }));
        resolve({ code: err ? err.code : 0, errors });
      },
    );
  });
}
