// The browser editor (issue 18): the default site's admin page served by `reachout serve`,
// Sveltia CMS taken from the pinned npm package (the CDN address is answered from
// node_modules: no network), in its local repository mode with Chromium's Origin Private File
// System standing in for the folder the coach would pick. A day's title and a message's
// channel are changed and saved; the saved files are copied back into the site, their diff is
// exactly the two edits, and the next build shows them. Screenshots go to /tmp/reachout-cms/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, launch, show, REPO_ROOT, BROWSER_DIR } from './lib/site.mjs';
import { copySite, startServe } from './lib/serve.mjs';

const PACKAGE = path.join(BROWSER_DIR, 'node_modules', '@sveltia', 'cms');
const SHOTS = '/tmp/reachout-cms';
const DAY = 'content/days/day-1.md';
const MESSAGE = 'content/messages/ask-for-advice.md';
const NEW_TITLE = 'Why reach out, and to whom: edited in the browser';

let site;
let server;
let b;
let version;

/** Every file of the site folder as { path, text }, paths with `/`. */
async function siteFiles(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await siteFiles(path.join(dir, entry.name), r)));
    else out.push({ path: r, text: await readFile(path.join(dir, entry.name), 'utf8') });
  }
  return out;
}

/** Answers the CDN's requests from the npm package, as the CDN would (CORS for SRI). */
async function routeCdn(context) {
  const cors = { 'access-control-allow-origin': '*' };
  const bundle = await readFile(path.join(PACKAGE, 'dist', 'sveltia-cms.js'));
  await context.route(`https://unpkg.com/@sveltia/cms@${version}/dist/sveltia-cms.js`, (route) =>
    route.fulfill({ body: bundle, contentType: 'text/javascript', headers: cors }),
  );
  await context.route('https://unpkg.com/@sveltia/cms/package.json', async (route) =>
    route.fulfill({ body: await readFile(path.join(PACKAGE, 'package.json')), contentType: 'application/json', headers: cors }),
  );
  // The editor's fonts (its icons are one) ship in the package too.
  const assets = path.join(PACKAGE, 'npm', 'assets');
  const fonts = (await readdir(assets)).filter((f) => f.endsWith('.woff2'));
  await context.route(/^https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\//, async (route) => {
    const family = new URL(route.request().url()).pathname.split('/')[3].split(/[:@]/)[0];
    const file = fonts.find((f) => f.startsWith(`${family}-`));
    if (!file) return route.abort();
    return route.fulfill({ body: await readFile(path.join(assets, file)), contentType: 'font/woff2', headers: cors });
  });
  await context.route('https://www.githubstatus.com/api/v2/status.json', (route) =>
    route.fulfill({ body: '{"status":{"indicator":"none"}}', contentType: 'application/json', headers: cors }),
  );
}

before(async () => {
  version = JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8')).version;
  await mkdir(SHOTS, { recursive: true });
  site = await copySite(REPO_ROOT);
  server = await startServe({ root: site.root });
  b = await launch({ origin: server.origin });
});

after(async () => {
  await b?.close();
  if (server) await server.stop();
  await site?.cleanup();
});

test('the admin page pins the npm package version it was tested with', async () => {
  const res = await fetch(new URL('admin/', server.url));
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, new RegExp(`@sveltia/cms@${version.replaceAll('.', '\\.')}/dist/sveltia-cms\\.js`));
  assert.match(html, /<meta name="robots" content="noindex/);
  assert.doesNotMatch(html, /__reachout\/live\.js/, 'live reload would drop an unsaved form');
  const config = await fetch(new URL('admin/config.yml', server.url));
  assert.equal(config.status, 200);
});

test('local mode: list days, myths and messages, edit a day and a message, save, build', async () => {
  const context = await b.newContext({ viewport: { width: 1280, height: 800 } });
  await routeCdn(context);
  // The folder picker returns a folder in the Origin Private File System instead.
  await context.addInitScript(() => {
    window.showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  const files = await siteFiles(site.root);
  await page.evaluate(async (list) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
    // The editor checks that the folder is a Git repository.
    await root.getDirectoryHandle('.git', { create: true });
    for (const file of list) {
      const parts = file.path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(file.text);
      await writable.close();
    }
  }, files);
  b.reset();

  await page.goto(new URL('admin/', server.url).href);
  await page.getByRole('button', { name: /local repository/i }).click();
  const nav = page.getByRole('navigation').or(page.locator('body'));
  for (const name of ['Days', 'Myths', 'Messages', 'Pages', 'Site settings']) {
    await nav.getByText(name, { exact: true }).first().waitFor({ timeout: 15000 });
  }
  await page.getByText('Day 7: Keep it going').waitFor();
  // Each folder's _index.md is the index file, not a day without a number.
  assert.equal(await page.getByText(/Day NaN/).count(), 0);
  await page.screenshot({ path: path.join(SHOTS, 'admin-days.png') });

  await page.evaluate(() => (location.hash = '#/collections/myths'));
  await page.getByText("They'll think I want something", { exact: true }).first().waitFor();
  await page.evaluate(() => (location.hash = '#/collections/messages'));
  await page.getByText('Asking for advice', { exact: true }).first().waitFor();
  await page.waitForTimeout(400); // the view's fade-in, for the screenshot
  await page.screenshot({ path: path.join(SHOTS, 'admin-messages.png') });

  // A day's title.
  await page.evaluate(() => (location.hash = '#/collections/days/entries/day-1'));
  const title = page.getByRole('textbox', { name: /^Title/ });
  await title.waitFor();
  await title.fill(NEW_TITLE);
  await page.waitForTimeout(400); // the view's fade-in, for the screenshot
  await page.screenshot({ path: path.join(SHOTS, 'admin-day-editor.png') });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForFile(page, DAY, NEW_TITLE);
  // The editor goes back to the list after a save; open the next entry once it has.
  await page.waitForFunction(() => !location.hash.includes('/entries/'), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(500);

  // A message's channel.
  await page.evaluate(() => (location.hash = '#/collections/messages/entries/ask-for-advice'));
  const channel = page.getByRole('combobox', { name: /^Channel/ });
  await channel.waitFor();
  await channel.click();
  await page.getByRole('option', { name: 'email', exact: true }).click();
  await page.waitForTimeout(400); // the view's fade-in, for the screenshot
  await page.screenshot({ path: path.join(SHOTS, 'admin-message-editor.png') });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForFile(page, MESSAGE, 'channel: "email"');

  // The settings form: site.yaml keeps the keys the form does not show.
  await page.waitForFunction(() => !location.hash.includes('/entries/'), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(500);
  await page.evaluate(() => (location.hash = '#/collections/site/entries/site'));
  const siteTitle = page.getByRole('textbox', { name: /^Site title/ });
  await siteTitle.waitFor();
  await siteTitle.fill('Reach Out, edited');
  await page.waitForTimeout(400); // the view's fade-in, for the screenshot
  await page.screenshot({ path: path.join(SHOTS, 'admin-settings.png') });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForFile(page, 'site.yaml', 'Reach Out, edited');

  const saved = await page.evaluate(
    async (paths) => {
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
      const read = async (p) => {
        const parts = p.split('/');
        let dir = root;
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
        return (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
      };
      return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await read(p)])));
    },
    [DAY, MESSAGE, 'site.yaml'],
  );

  // What changed is the two edits, and `draft: false` (the editor writes a switch's value;
  // the build reads it as "published"): no field dropped or renamed, the body unchanged.
  const before = Object.fromEntries(files.map((f) => [f.path, f.text]));
  const diff = (p) => {
    const [a, c] = [frontMatter(before[p]), frontMatter(saved[p])];
    assert.equal(c.body.trim(), a.body.trim(), `${p}: the body changed`);
    const keys = [...new Set([...Object.keys(a.data), ...Object.keys(c.data)])];
    return Object.fromEntries(
      keys.filter((k) => JSON.stringify(a.data[k]) !== JSON.stringify(c.data[k])).map((k) => [k, [a.data[k], c.data[k]]]),
    );
  };
  assert.deepEqual(diff(DAY), {
    title: ['Why reach out, and to whom', NEW_TITLE],
    draft: [undefined, false],
  }, saved[DAY]);
  assert.deepEqual(diff(MESSAGE), {
    channel: ['linkedin', 'email'],
    draft: [undefined, false],
  }, saved[MESSAGE]);
  // Strings are quoted, so a title with `: ` in it stays one string.
  assert.match(saved[DAY], /^title: "Why reach out, and to whom: edited in the browser"$/m);

  const yaml = saved['site.yaml'];
  for (const kept of ['url: "@/days/_index.md"', 'short_name: "Reach Out"', 'list_size: 20', 'theme: "default"']) {
    assert.ok(yaml.includes(kept), `site.yaml lost ${kept}:\n${yaml}`);
  }
  assert.match(yaml, /cms:\n\s+enabled: true/, yaml);

  for (const [p, text] of Object.entries(saved)) await writeFile(path.join(site.root, p), text);
  const out = await mkdtemp(path.join(tmpdir(), 'reachout-cms-out-'));
  try {
    await buildSite({ root: site.root, out, baseUrl: '/' });
    const day = await readFile(path.join(out, 'days', 'day-1', 'index.html'), 'utf8');
    assert.match(day, /edited in the browser/);
    const message = await readFile(path.join(out, 'messages', 'ask-for-advice', 'index.html'), 'utf8');
    assert.match(message, /badge badge-email/);
    assert.match(await readFile(path.join(out, 'index.html'), 'utf8'), /Reach Out, edited/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }

  assert.deepEqual(b.events.csp, [], `CSP violations:\n${show(b.events.csp)}`);
  assert.deepEqual(b.events.pageErrors, [], show(b.events.pageErrors));
  // Every request off the origin is one the admin page's CSP allows (and the test answered).
  const allowed = [
    `https://unpkg.com/@sveltia/cms@${version}/dist/sveltia-cms.js`,
    'https://unpkg.com/@sveltia/cms/package.json',
    'https://www.githubstatus.com/api/v2/status.json',
  ];
  const unexpected = b.events.external.filter(
    (r) => !allowed.includes(r.url) && !r.url.startsWith('https://cdn.jsdelivr.net/fontsource/fonts/'),
  );
  assert.deepEqual(unexpected, [], show(unexpected));
  await context.close();
});

/** Waits until the OPFS copy of `file` contains `text` (the editor saved it). */
async function waitForFile(page, file, text) {
  await page.waitForFunction(
    async ([p, t]) => {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
      const parts = p.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
      return (await (await dir.getFileHandle(parts.at(-1))).getFile()).text().then((s) => s.includes(t));
    },
    [file, text],
    { timeout: 15000, polling: 250 },
  );
}

/** The front matter of these simple pages (scalars, flow and block lists) and the body. */
function frontMatter(text) {
  const [, yaml, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  const scalar = (v) => {
    v = v.trim();
    if (v.startsWith('"')) return JSON.parse(v);
    if (v.startsWith('[')) return v === '[]' ? [] : v.slice(1, -1).split(',').map(scalar);
    if (/^-?\d+$/.test(v)) return Number(v);
    if (v === 'true' || v === 'false') return v === 'true';
    return v;
  };
  const data = {};
  let list = null;
  for (const line of yaml.split('\n')) {
    const item = line.match(/^\s+- (.*)$/);
    if (item && list) list.push(scalar(item[1]));
    else {
      const [, key, value] = line.match(/^([a-z_]+):\s*(.*)$/);
      list = value === '' ? [] : null;
      data[key] = list ?? scalar(value);
    }
  }
  return { data, body };
}
