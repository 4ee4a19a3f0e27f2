#!/usr/bin/env node
// Page weight of the built default site: for the home page, a day, a message example and the
// My people page, the bytes of HTML + CSS + JS a first-time visitor's browser downloads, raw
// and gzipped (each file on its own, gzip level 9, as a static host would send it).
//
// Measured in headless Chromium with JavaScript on and empty storage: every request the page
// makes until the network is idle is counted, so the <script type="module"> imports,
// modulepreload links and the dynamic import()s the tracker does on that page are included
// exactly as the browser fetches them; scripts loaded only on a click (the calendar's ics.js)
// are not.
//
// Usage: node scripts/page-weight.mjs [--bin PATH] [--files] [--json FILE]
//   --bin    the reachout binary (default target/release/reachout; build it with
//            `cargo build --release`)
//   --files  also list every file each page loads
//   --json   also write the numbers to FILE
// Needs chromium and playwright-core: `bash scripts/setup-browser.sh` installs both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const BIN = path.resolve(option('--bin', path.join(ROOT, 'target', 'release', 'reachout')));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function fail(message) {
  console.error(`page-weight: ${message}`);
  process.exit(1);
}

if (!existsSync(BIN)) fail(`no reachout binary at ${BIN}; run \`cargo build --release\` first`);
if (!existsSync(CHROMIUM)) fail(`no chromium at ${CHROMIUM}; run \`bash scripts/setup-browser.sh\``);
let chromium;
try {
  ({ chromium } = createRequire(path.join(ROOT, 'tests', 'browser', 'package.json'))('playwright-core'));
} catch {
  fail('playwright-core is missing; run `bash scripts/setup-browser.sh`');
}

// Build the default site (this repository) at the domain root.
const tmpBase = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const work = mkdtempSync(path.join(tmpBase, 'reachout-weight-'));
const out = path.join(work, 'public');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
execFileSync(BIN, ['build', '-r', ROOT, '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json' };

/** The file a URL path is served from, like a static host: folders serve index.html. */
function fileFor(urlPath) {
  const rel = decodeURIComponent(urlPath.split('?')[0]).replace(/^\/+/, '');
  let file = path.join(out, rel);
  if (!file.startsWith(out)) return null;
  try {
    if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
    statSync(file);
    return file;
  } catch {
    return null;
  }
}

let log = [];
const server = http.createServer((req, res) => {
  const file = fileFor(new URL(req.url, 'http://x').pathname);
  const served = file ?? path.join(out, '404.html');
  const body = readFileSync(served);
  log.push({ url: req.url, file: path.relative(out, served), status: file ? 200 : 404, body });
  res.writeHead(file ? 200 : 404, {
    'Content-Type': TYPES[path.extname(served)] || 'application/octet-stream',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const firstIn = (dir) => {
  const names = readdirSync(path.join(out, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return names.length ? `/${dir}/${names[0]}/` : null;
};
const pick = (wanted, dir) => (fileFor(wanted) ? wanted : firstIn(dir));
const PAGES = [
  ['home', '/'],
  ['a day', pick('/days/day-1/', 'days')],
  ['a message', pick('/messages/follow-up/', 'messages')],
  ['My people', '/people/'],
].filter(([, url]) => url && fileFor(url));

const kindOf = (file) => {
  const ext = path.extname(file);
  return ext === '.html' ? 'html' : ext === '.css' ? 'css' : ext === '.js' ? 'js' : 'other';
};

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = [];
try {
  for (const [name, url] of PAGES) {
    // Empty storage and cache: a first visit. The service worker's download of the whole site
    // for offline use (sw.js) runs in the background after the page has loaded; blocked here, so
    // only what the page itself loads is counted.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    log = [];
    await page.goto(origin + url, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await context.close();
    const seen = new Set();
    const files = [];
    for (const entry of log) {
      if (seen.has(entry.file)) continue;
      seen.add(entry.file);
      files.push({
        file: entry.file,
        kind: kindOf(entry.file),
        bytes: entry.body.length,
        gzip: zlib.gzipSync(entry.body, { level: 9 }).length,
      });
    }
    const sum = (kind, key) => files.filter((f) => !kind || f.kind === kind).reduce((n, f) => n + f[key], 0);
    results.push({
      page: name,
      url,
      requests: files.length,
      html: { bytes: sum('html', 'bytes'), gzip: sum('html', 'gzip') },
      css: { bytes: sum('css', 'bytes'), gzip: sum('css', 'gzip') },
      js: { bytes: sum('js', 'bytes'), gzip: sum('js', 'gzip') },
      total: { bytes: sum(null, 'bytes'), gzip: sum(null, 'gzip') },
      files,
      errors,
    });
  }
} finally {
  await browser.close();
  server.close();
}

const kb = (n) => (n / 1024).toFixed(1);
const table = (title, key) => {
  const rows = [['page', 'files', 'HTML KB', 'CSS KB', 'JS KB', 'total KB']];
  for (const r of results) {
    rows.push([`${r.page} (${r.url})`, String(r.requests), kb(r.html[key]), kb(r.css[key]), kb(r.js[key]), kb(r.total[key])]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(`\n${title}`);
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
};
const version = execFileSync(BIN, ['--version']).toString().trim();
console.log(`page weight of the default site, ${version}, first visit (empty storage), JavaScript on`);
table('gzipped (level 9, per file)', 'gzip');
table('raw (as written by reachout build)', 'bytes');
if (flag('--files')) {
  for (const r of results) {
    console.log(`\n${r.page} (${r.url}):`);
    for (const f of r.files) console.log(`  ${f.file.padEnd(40)} ${kb(f.bytes).padStart(7)} KB  ${kb(f.gzip).padStart(6)} KB gz`);
  }
}
for (const r of results) {
  if (r.errors.length) console.log(`\nwarning: ${r.page} had page errors: ${r.errors.join('; ')}`);
}
const json = option('--json', null);
if (json) writeFileSync(json, JSON.stringify(results.map(({ files, ...r }) => ({ ...r, files: files.map(({ file, bytes, gzip }) => ({ file, bytes, gzip })) })), null, 2));
