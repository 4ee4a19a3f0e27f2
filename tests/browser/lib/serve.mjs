// Helpers for `reachout serve`: copy a site to a temp folder (tests edit the copy, never the
// repo), start the server on a free port, read its URL from stdout, stop it with SIGINT.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { reachoutBin } from './site.mjs';

/** Copies the site folder `src` to a fresh temp folder; returns { root, cleanup() }. */
export async function copySite(src) {
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-serve-'));
  const root = path.join(tmp, 'site');
  // Only what a site is made of: the repo root also holds target/, node_modules/ and public/.
  for (const part of ['site.yaml', 'content', 'templates', 'static', 'themes']) {
    await cp(path.join(src, part), path.join(root, part), { recursive: true }).catch((err) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  return { root, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

/**
 * Starts `reachout serve -r root -p PORT ...args` (port 0: any free one) and waits for its "Serving ... at URL" line.
 * Returns { url, origin, child, lines, stderr(), waitForLine(re, ms, from), stop() }.
 */
export async function startServe({ root, args = [], timeout = 20000, port = 0 }) {
  const child = spawn(reachoutBin(), ['serve', '-r', root, '-p', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const waiters = [];
  let errText = '';
  child.stderr.on('data', (d) => {
    errText += d;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.re.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Lines before index `from` are not considered (pass `lines.length` for "a new line").
  const waitForLine = (re, ms = 10000, from = 0) => {
    const seen = lines.slice(from).find((l) => re.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { re, resolve };
      waiters.push(w);
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`no line matching ${re} within ${ms} ms; stdout:\n${lines.join('\n')}\nstderr:\n${errText}`));
      }, ms);
      timer.unref();
    });
  };
  let ready;
  try {
    ready = await Promise.race([
      waitForLine(/^Serving .* at http:\/\/\S+ \(Ctrl-C to stop\)$/, timeout),
      exited.then(({ code }) => {
        throw new Error(`reachout serve exited with ${code}:\n${errText}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const url = ready.match(/ at (http:\/\/\S+) \(Ctrl-C/)[1];
  return {
    url,
    origin: new URL(url).origin,
    child,
    lines,
    stderr: () => errText,
    waitForLine,
    /** SIGINT, then the exit code (SIGKILL after 10 s). */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return (await exited).code;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      const { code } = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
