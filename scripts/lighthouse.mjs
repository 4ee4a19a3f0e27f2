#!/usr/bin/env node
// Lighthouse scores of the built default site: for the home page, a day and the My people page,
// the four category scores (performance, accessibility, best practices, SEO) in Lighthouse's
// default mobile profile (simulated slow 4G and a 4x slower CPU), and the failing audits of every
// category under 100. Targets: 100 for accessibility, best practices and SEO; >= 95 performance.
//
// The site is built as GitHub Pages serves a project site, under a subpath
// (http://127.0.0.1:PORT/reach-out/), and served by a tiny static server: folders serve
// index.html, misses get 404.html. Lighthouse drives Debian's chromium; nothing outside
// localhost is fetched during the audit.
//
// Lighthouse is not part of the test install: the first run installs the pinned version into
// target/lighthouse (`npm install --no-save --prefix target/lighthouse lighthouse@12.8.2`).
//
// Usage: node scripts/lighthouse.mjs [--bin PATH] [--json FILE]
//   --bin    the reachout binary (default target/release/reachout; build it with
//            `cargo build --release`)
//   --json   also write the scores and failing audits to FILE
// Needs chromium (CHROMIUM_PATH overrides /usr/bin/chromium): `bash scripts/setup-browser.sh`.
// Exits 0 when the audit ran, even when a page misses a target (the summary says which).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const LIGHTHOUSE = '12.8.2';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const BIN = path.resolve(option('--bin', path.join(ROOT, 'target', 'release', 'reachout')));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LH_DIR = path.join(ROOT, 'target', 'lighthouse');
const BASE = '/reach-out/';

function fail(message) {
  console.error(`lighthouse: ${message}`);
  process.exit(1);
}

if (!existsSync(BIN)) fail(`no reachout binary at ${BIN}; run \`cargo build --release\` first`);
if (!existsSync(CHROMIUM)) fail(`no chromium at ${CHROMIUM}; run \`bash scripts/setup-browser.sh\``);

// Install the pinned Lighthouse on demand (--ignore-scripts: nothing may download a browser).
const lhPackage = path.join(LH_DIR, 'node_modules', 'lighthouse', 'package.json');
const installed = existsSync(lhPackage) ? JSON.parse(readFileSync(lhPackage, 'utf8')).version : null;
if (installed !== LIGHTHOUSE) {
  console.error(`lighthouse: installing lighthouse@${LIGHTHOUSE} into ${path.relative(ROOT, LH_DIR)}`);
  try {
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--prefix', LH_DIR, `lighthouse@${LIGHTHOUSE}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    fail(`could not install lighthouse@${LIGHTHOUSE} with npm`);
  }
}
const lhRequire = createRequire(path.join(LH_DIR, 'package.json'));
const { default: lighthouse } = await import(pathToFileURL(lhRequire.resolve('lighthouse')).href);
const chromeLauncher = await import(pathToFileURL(lhRequire.resolve('chrome-launcher')).href);

// Serve the output under /reach-out/ like GitHub Pages (gzip included); anything else is a bare 404.
const tmpBase = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
const work = mkdtempSync(path.join(tmpBase, 'reachout-lighthouse-'));
const out = path.join(work, 'reach-out');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.ics': 'text/calendar',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
};

/** The file a URL path is served from (folders serve index.html), or a redirect, or null. */
function resolve(urlPath) {
  if (!urlPath.startsWith(BASE)) return urlPath === BASE.slice(0, -1) ? { redirect: BASE } : null;
  const rel = decodeURIComponent(urlPath.slice(BASE.length));
  const file = path.join(out, rel);
  if (!file.startsWith(out)) return null;
  try {
    if (statSync(file).isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: `${urlPath}/` };
      return statSync(path.join(file, 'index.html')) && { file: path.join(file, 'index.html') };
    }
    return { file };
  } catch {
    return null;
  }
}

const server = http.createServer((req, res) => {
  const found = resolve(new URL(req.url, 'http://x').pathname);
  if (found?.redirect) {
    res.writeHead(301, { Location: found.redirect });
    return res.end();
  }
  const served = found?.file ?? path.join(out, '404.html');
  const inSite = found || req.url.startsWith(BASE);
  const type = inSite ? TYPES[path.extname(served)] || 'application/octet-stream' : 'text/plain';
  let body = inSite ? readFileSync(served) : Buffer.from('Not found\n');
  const headers = { 'Content-Type': type };
  if (/^(text|application\/(json|xml|manifest)|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    body = zlib.gzipSync(body);
    Object.assign(headers, { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
  }
  res.writeHead(found ? 200 : 404, { ...headers, 'Content-Length': body.length });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const site = `http://127.0.0.1:${server.address().port}${BASE}`;
execFileSync(BIN, ['build', '-r', ROOT, '-o', out, '--base-url', site], { stdio: ['ignore', 'ignore', 'inherit'] });

const PAGES = [
  ['home', ''],
  ['a day', resolve(`${BASE}days/day-1/`) ? 'days/day-1/' : 'days/'],
  ['My people', 'people/'],
].filter(([, url]) => resolve(BASE + url)?.file);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGET = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
const SKIP = new Set(['notApplicable', 'manual', 'informative']);

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const results = [];
try {
  for (const [name, url] of PAGES) {
    const { lhr } = await lighthouse(site + url, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (lhr.runtimeError) fail(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = {};
    const failing = {};
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score === null ? null : Math.round(category.score * 100);
      if (scores[id] === 100) continue;
      failing[id] = category.auditRefs
        .map((ref) => lhr.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && !SKIP.has(a.scoreDisplayMode))
        .map((a) => ({ id: a.id, title: a.title, score: a.score, displayValue: a.displayValue }));
    }
    const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue]));
    const opportunities = Object.values(lhr.audits)
      .filter((a) => a.details?.overallSavingsMs > 0 || a.metricSavings?.LCP > 0)
      .sort((a, b) => (b.details?.overallSavingsMs ?? 0) - (a.details?.overallSavingsMs ?? 0))
      .slice(0, 5)
      .map((a) => ({ id: a.id, title: a.title, displayValue: a.displayValue }));
    results.push({ page: name, url: BASE + url, scores, failing, metrics, opportunities, warnings: lhr.runWarnings });
  }
} finally {
  await chrome.kill();
  server.close();
}

const rows = [['page', ...CATEGORIES]];
for (const r of results) rows.push([`${r.page} (${r.url})`, ...CATEGORIES.map((c) => String(r.scores[c] ?? '-'))]);
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const version = execFileSync(BIN, ['--version']).toString().trim();
console.log(`Lighthouse ${LIGHTHOUSE} (mobile) on the default site, ${version}, served at ${site}\n`);
for (const r of rows) console.log('  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));

const misses = [];
for (const r of results) {
  for (const [category, audits] of Object.entries(r.failing)) {
    console.log(`\n${r.page}, ${category} ${r.scores[category]}:`);
    for (const a of audits) console.log(`  ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    if (category === 'performance') {
      console.log(`  metrics: ${METRICS.map((m) => `${m} ${r.metrics[m]}`).join(', ')}`);
      for (const o of r.opportunities) console.log(`  opportunity ${o.id}: ${o.title}${o.displayValue ? ` (${o.displayValue})` : ''}`);
    }
  }
  for (const w of r.warnings) console.log(`\nwarning: ${r.page}: ${w}`);
  const missed = CATEGORIES.filter((c) => (r.scores[c] ?? 0) < TARGET[c]);
  if (missed.length) misses.push(`${r.page}: ${missed.map((c) => `${c} ${r.scores[c]} < ${TARGET[c]}`).join(', ')}`);
}
console.log(misses.length ? `\nMISSED TARGETS\n  ${misses.join('\n  ')}` : '\nall pages meet the targets');
const json = option('--json', null);
if (json) writeFileSync(json, JSON.stringify({ lighthouse: LIGHTHOUSE, reachout: version, results }, null, 2));
