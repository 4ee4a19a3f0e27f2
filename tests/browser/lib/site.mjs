// Shared helpers for the browser tests: build a site with the reachout binary, serve it the way
// GitHub Pages serves a project site (only under /reach-out/, 404.html for missing paths), and
// launch Debian's chromium with every console error, page error, CSP violation and off-origin
// request recorded.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, statSync, createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, realpath, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const execFileP = promisify(execFile);

export const BROWSER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..', '..');
/** The path prefix the site is served under, like a GitHub Pages project site. */
export const PREFIX = '/reach-out/';
export const SCREENSHOT_DIR = path.join(BROWSER_DIR, 'screenshots');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The network is closed here: without these flags chromium keeps trying to phone home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The reachout binary: $REACHOUT_BIN (relative to the current directory) or target/release/reachout. */
export function reachoutBin() {
  const bin = process.env.REACHOUT_BIN
    ? path.resolve(process.env.REACHOUT_BIN)
    : path.join(REPO_ROOT, 'target', 'release', 'reachout');
  let ok = false;
  try {
    ok = statSync(bin).isFile();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new Error(
      `reachout binary not found at ${bin}.\n` +
        `Build it first with \`cargo build --release\` in ${REPO_ROOT}, ` +
        'or point REACHOUT_BIN at an existing binary.',
    );
  }
  return bin;
}

/** Runs `reachout build -r root -o out -u baseUrl`; throws with the tool's own output on failure. */
export async function buildSite({ root = REPO_ROOT, out, baseUrl }) {
  const bin = reachoutBin();
  const args = ['build', '-r', root, '-o', out, '-u', baseUrl];
  try {
    return await execFileP(bin, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    throw new Error(
      `\`${bin} ${args.join(' ')}\` failed (exit ${err.code}):\n${err.stderr || ''}${err.stdout || ''}`,
    );
  }
}

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

function sendPlain(res, req, status, text, headers = {}) {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function sendFile(res, req, status, file) {
  const info = await stat(file);
  res.writeHead(status, {
    'Content-Type': contentType(file),
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** Is `child` (already a real path) `parent` itself or inside it? */
function inside(parent, child) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function kindOf(file) {
  try {
    const info = await stat(file);
    if (info.isDirectory()) return 'dir';
    if (info.isFile()) return 'file';
    return null;
  } catch {
    return null;
  }
}

/**
 * A tiny static server with GitHub Pages' behaviour for a project site:
 * only paths under `prefix` are served (anything else: plain 404), a directory serves its
 * index.html, `/dir` redirects to `/dir/`, a missing path under the prefix gets the site's
 * 404.html with status 404, and nothing outside `getRoot()` can be reached.
 * `getRoot` returns the folder to serve (it may be set after the server starts listening).
 */
export function createStaticServer(getRoot, { prefix = PREFIX, log } = {}) {
  const bare = prefix.replace(/\/$/, '');
  return http.createServer(async (req, res) => {
    try {
      if (log) log.push({ method: req.method, url: req.url });
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendPlain(res, req, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
        return;
      }
      const rootDir = getRoot();
      if (!rootDir) {
        sendPlain(res, req, 503, 'Site not built yet');
        return;
      }
      const root = await realpath(rootDir);
      const rawPath = (req.url || '/').split('?')[0].split('#')[0];
      const query = (req.url || '').includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      if (rawPath === bare) {
        res.writeHead(301, { Location: prefix + query, 'Content-Length': 0 });
        res.end();
        return;
      }
      if (!rawPath.startsWith(prefix)) {
        sendPlain(res, req, 404, 'Not Found');
        return;
      }
      let rel;
      try {
        rel = decodeURIComponent(rawPath.slice(prefix.length));
      } catch {
        sendPlain(res, req, 400, 'Bad Request');
        return;
      }
      // Reject NUL bytes, backslashes and any `..` segment outright (raw or percent-encoded).
      if (rel.includes('\0') || rel.includes('\\') || rel.split('/').includes('..')) {
        sendPlain(res, req, 404, 'Not Found');
        return;
      }
      const notFound = async () => {
        const page = path.join(root, '404.html');
        if ((await kindOf(page)) === 'file') await sendFile(res, req, 404, page);
        else sendPlain(res, req, 404, 'Not Found');
      };
      const target = path.resolve(root, rel);
      if (!inside(root, target)) {
        sendPlain(res, req, 404, 'Not Found');
        return;
      }
      const kind = await kindOf(target);
      if (kind === null) {
        await notFound();
        return;
      }
      // Symlinks must not lead out of the site either.
      const real = await realpath(target);
      if (!inside(root, real)) {
        await notFound();
        return;
      }
      if (kind === 'dir') {
        if (!rawPath.endsWith('/')) {
          res.writeHead(301, { Location: `${rawPath}/${query}`, 'Content-Length': 0 });
          res.end();
          return;
        }
        const index = path.join(real, 'index.html');
        if ((await kindOf(index)) === 'file') await sendFile(res, req, 200, index);
        else await notFound();
        return;
      }
      if (rawPath.endsWith('/')) {
        // `/file.html/` is not a file on Pages either.
        await notFound();
        return;
      }
      await sendFile(res, req, 200, real);
    } catch (err) {
      if (!res.headersSent) sendPlain(res, req, 500, `Internal Server Error: ${err.message}`);
      else res.destroy(err);
    }
  });
}

/** The site under test: the repo root (the default site), or $REACHOUT_SITE (a site root folder). */
export const SITE_ROOT = process.env.REACHOUT_SITE ? path.resolve(process.env.REACHOUT_SITE) : REPO_ROOT;

/**
 * Builds the site at `root` under http://127.0.0.1:PORT/reach-out/ into a temp dir and serves it.
 * Returns { origin, baseUrl, port, outDir, url(path), close() }.
 */
export async function startSite({ root = SITE_ROOT } = {}) {
  reachoutBin(); // fail early and clearly
  let outDir = null;
  const requests = [];
  const server = createStaticServer(() => outDir, { log: requests });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  const baseUrl = `${origin}${PREFIX}`;
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-browser-'));
  const out = path.join(tmp, 'public');
  const close = async () => {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    await buildSite({ root, out, baseUrl });
  } catch (err) {
    await close();
    throw err;
  }
  outDir = out;
  return {
    origin,
    baseUrl,
    port,
    outDir,
    requests,
    /** Absolute URL for a path under the prefix: url('days/') -> http://127.0.0.1:P/reach-out/days/ */
    url: (p = '') => new URL(p.replace(/^\//, ''), baseUrl).href,
    close,
  };
}

/** Every file under `dir` whose name ends with `ext`, sorted, as absolute paths. */
export async function listFiles(dir, ext) {
  const found = [];
  async function walk(d) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else if (entry.isFile() && entry.name.endsWith(ext)) found.push(p);
    }
  }
  await walk(dir);
  return found.sort();
}

// Runs in the page before any of its own scripts: reports CSP violations to the test.
const CSP_LISTENER = () => {
  document.addEventListener('securitypolicyviolation', (e) => {
    const report = window.__reachoutReportCsp;
    if (typeof report === 'function') {
      report({
        directive: e.violatedDirective || e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile,
        line: e.lineNumber,
        sample: e.sample,
      });
    }
  });
};

/**
 * Launches chromium. `origin` is the served origin: any request elsewhere is recorded in
 * `events.external`. Returns { browser, newContext(opts), newPage(opts), events, reset(), close() }.
 * Each event records the URL of the page it happened on.
 */
export async function launch({ origin } = {}) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`chromium not found at ${CHROMIUM_PATH}: run \`bash scripts/setup-browser.sh\` first`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const events = {
    console: [], // console errors
    pageErrors: [],
    csp: [],
    external: [], // requests not under `origin`
    failed: [], // requests that failed at the network level
  };
  const reset = () => {
    for (const list of Object.values(events)) list.length = 0;
  };
  const underOrigin = (u) => {
    if (!origin) return true;
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return true;
    try {
      return new URL(u).origin === origin;
    } catch {
      return false;
    }
  };
  const contexts = [];
  const newContext = async (opts = {}) => {
    // The site registers a service worker (sw.js) that answers from its cache: tests that
    // mock or delay requests, or rebuild the site, would see the cache instead. Only tests
    // about the worker (pwa.test.mjs) pass `serviceWorkers: 'allow'`.
    const context = await browser.newContext({ serviceWorkers: 'block', ...opts });
    contexts.push(context);
    await context.exposeBinding('__reachoutReportCsp', ({ page }, v) => {
      events.csp.push({ page: page?.url(), ...v });
    });
    await context.addInitScript(CSP_LISTENER);
    context.on('page', (page) => {
      page.on('console', (msg) => {
        const text = msg.text();
        if (/Content[- ]Security[- ]Policy/i.test(text)) {
          events.csp.push({ page: page.url(), console: text });
        }
        if (msg.type() === 'error') {
          const loc = msg.location();
          events.console.push({ page: page.url(), text, at: loc?.url ? `${loc.url}:${loc.lineNumber}` : '' });
        }
      });
      page.on('pageerror', (err) => {
        events.pageErrors.push({ page: page.url(), text: String(err?.stack || err) });
      });
    });
    context.on('request', (req) => {
      const u = req.url();
      if (!underOrigin(u)) {
        events.external.push({ page: req.frame()?.url?.() ?? '', url: u, type: req.resourceType() });
      }
    });
    context.on('requestfailed', (req) => {
      events.failed.push({ url: req.url(), error: req.failure()?.errorText });
    });
    if (origin) {
      // Belt and braces: never let the page actually reach anything but the local site.
      await context.route(
        (u) => !underOrigin(u.href),
        (route) => route.abort('blockedbyclient'),
      );
    }
    return context;
  };
  const newPage = async (opts = {}) => {
    const context = await newContext(opts);
    return context.newPage();
  };
  const close = async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser.close();
  };
  return { browser, newContext, newPage, events, reset, close };
}

/** Formats a list of recorded events (or anything) for an assertion message. */
export function show(list) {
  return JSON.stringify(list, null, 2);
}
