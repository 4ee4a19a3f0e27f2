// Install and offline (issue 7): the manifest, the service worker's registration under
// /reach-out/, every page from the cache when offline, the update to a rebuilt site with no
// page mixing two builds, the iPhone note, and `reachout serve` keeping away from workers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS } from './lib/axe.mjs';
import { buildSite, createStaticServer, launch, show, SITE_ROOT, PREFIX } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { copySite, startServe } from './lib/serve.mjs';

const env = useSite({ discover: false });
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MARKER = 'PWA-UPDATE-MARKER: this sentence is only in the rebuilt site.';

let copy; // a copy of the site, rebuilt with a changed page into the served folder
before(async () => {
  await env.ready();
  copy = await copySite(SITE_ROOT);
});
after(() => copy?.cleanup());

const version = async () => (await readFile(path.join(env.site.outDir, 'sw.js'), 'utf8')).match(/^const VERSION = "(\w+)";$/m)[1];

/** A context with service workers on (the shared helper blocks them). */
const swContext = (opts = {}) => env.b.newContext({ serviceWorkers: 'allow', ...opts });

/** Waits until the page is controlled by an activated worker; returns its scope. */
async function controlled(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
    return reg.scope;
  });
}

/** Polls `check` (which may throw while a page reloads) until it returns true. */
async function eventually(check, what, ms = 20000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

test('the manifest is linked, parsed by the browser without errors, and the page is installable', async () => {
  const context = await swContext();
  const page = await context.newPage();
  await page.goto(env.site.url());
  const href = await page.$eval('link[rel=manifest]', (l) => l.getAttribute('href'));
  assert.equal(href, `${PREFIX}manifest.webmanifest`);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.equal(manifest.url, env.site.url('manifest.webmanifest'));
  assert.deepEqual(manifest.errors, [], show(manifest.errors));
  // What the browser made of it: start URL and scope resolved against the manifest's URL.
  const parsed = manifest.manifest;
  assert.ok(parsed, show(Object.keys(manifest)));
  assert.equal(parsed.startUrl, env.site.url(), 'start_url is the base path');
  assert.equal(parsed.scope, env.site.url(), 'scope is the base path');
  assert.match(parsed.display, /standalone/i);
  assert.deepEqual(
    parsed.icons.map((i) => i.url).sort(),
    ['icon-192.png', 'icon-512.png', 'icon-maskable-512.png', 'icon.svg'].map((f) => env.site.url(`icons/${f}`)),
  );
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito windows, where nothing installs; any other reason
  // (icons, start URL, worker) is the site's.
  const reasons = installabilityErrors.filter((e) => e.errorId !== 'in-incognito');
  assert.deepEqual(reasons, [], show(reasons));
  await context.close();
});

test('offline after the first visit: home, a visited day, an unvisited page and a missing page', async () => {
  const context = await swContext();
  const page = await context.newPage();
  await page.goto(env.site.url());
  assert.equal(await controlled(page), env.site.url(), 'scope is the base path');
  await page.goto(env.site.url('days/day-1/'));
  const current = await version();
  const keys = await page.evaluate(() => caches.keys());
  assert.deepEqual(keys, [`reachout:${PREFIX}:${current}`]);

  await context.setOffline(true);
  for (const [p, status, selector] of [
    ['', 200, '.hero h1'],
    ['days/day-1/', 200, '[data-task-id]'],
    ['myths/nothing-to-share/', 200, 'h1'],
    ['about/index.html', 200, 'h1'],
    ['days', 200, '[data-task-id], .day-list'],
    ['days/typo/', 404, 'h1'],
  ]) {
    const res = await page.goto(env.site.url(p));
    assert.equal(res.status(), status, `${p} offline`);
    assert.equal(res.headers()['x-reachout-build'], current, `${p} answered from this build's cache`);
    assert.ok(await page.locator(selector).first().isVisible(), `${p} shows ${selector}`);
    // The stylesheet applies, so it came from the cache too.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', `${p} is styled`);
  }
  await page.reload();
  assert.ok(await page.locator('h1').isVisible(), 'reload offline');
  await context.setOffline(false);
  await context.close();
});

test('offline, a day never visited: its checkboxes work and the data file comes from the cache', async () => {
  const context = await swContext();
  const page = await context.newPage();
  await page.goto(env.site.url());
  assert.equal(await controlled(page), env.site.url(), 'scope is the base path');
  const dataUrl = await page.evaluate(() => JSON.parse(document.getElementById('reachout-data').textContent).data_url);
  const cached = await page.evaluate(async (u) => Boolean(await caches.match(u)), dataUrl);
  assert.ok(cached, `${dataUrl} is precached`);
  await context.setOffline(true);
  const res = await page.goto(env.site.url('days/day-5/'));
  assert.equal(res.status(), 200);
  const box = page.locator('li.task input[type="checkbox"]').first();
  await eventually(async () => box.isVisible(), 'the checkboxes offline');
  await box.check();
  const key = await page.evaluate(() => JSON.parse(document.getElementById('reachout-data').textContent).key);
  const tasks = await page.evaluate((k) => Object.keys(JSON.parse(localStorage.getItem(k)).tasks), key);
  assert.equal(tasks.length, 1, `stored ${tasks}`);
  assert.ok(tasks[0].startsWith('day-5/'), tasks[0]);
  // The other days came from the cached data file: the pager's links carry their marks.
  await eventually(async () => (await page.locator('.pager a[data-day][data-status]').count()) >= 1, 'day marks offline');
  await context.setOffline(false);
  await context.close();
});

test('a rebuilt site replaces the old one in every open page, and no page mixes the two builds', async () => {
  const context = await swContext();
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto(env.site.url());
  await controlled(a);
  await b.goto(env.site.url('about/'));
  // A third tab is half-way through adding a person: its reload must wait for the dialog.
  const c = await context.newPage();
  await c.goto(env.site.url('people/'));
  await c.locator('[data-people="add"]').click();
  await c.locator('#person-name').fill('Half-typed Hana');
  const old = await version();
  // Another site on the same origin (user.github.io/other/) keeps its caches.
  await a.evaluate(() => caches.open('reachout:/other/:0123456789abcdef'));
  for (const p of [a, b, c]) await p.evaluate(() => (window.__oldBuild = true));

  await appendFile(path.join(copy.root, 'content', 'about.md'), `\n${MARKER}\n`);
  await buildSite({ root: copy.root, out: env.site.outDir, baseUrl: env.site.baseUrl });
  const next = await version();
  assert.notEqual(next, old, 'a changed page is a new version');

  await a.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  // js/pwa.js reloads every page once the new build has taken over.
  for (const [name, p] of [['a', a], ['b', b]]) {
    await eventually(async () => p.evaluate(() => !window.__oldBuild && document.readyState === 'complete'), `tab ${name} to reload`);
  }
  assert.match(await b.textContent('main'), /PWA-UPDATE-MARKER/, 'the open page shows the new build');
  // The typing tab kept its page and its text; saving the person closes the dialog, then it reloads.
  assert.equal(await c.evaluate(() => window.__oldBuild), true, 'a tab with a half-typed form was reloaded');
  assert.equal(await c.locator('#person-name').inputValue(), 'Half-typed Hana');
  await c.locator('[data-people="save"]').click();
  await eventually(async () => c.evaluate(() => !window.__oldBuild && document.readyState === 'complete'), 'the typing tab to reload after saving');
  await eventually(async () => /Half-typed Hana/.test(await c.locator('[data-people="list"]').innerText()), 'the saved person after the reload');

  const keys = await a.evaluate(() => caches.keys());
  assert.deepEqual(keys.sort(), [`reachout:${PREFIX}:${next}`, 'reachout:/other/:0123456789abcdef'].sort());

  // Every response a page uses comes from the new build's cache.
  const seen = [];
  a.on('response', (r) => seen.push({ url: r.url(), build: r.headers()['x-reachout-build'], sw: r.fromServiceWorker() }));
  for (const p of ['', 'about/', 'days/day-2/', 'people/']) {
    await a.goto(env.site.url(p));
    await a.waitForLoadState('networkidle');
  }
  assert.match(await a.textContent('main'), /.+/);
  const sameOrigin = seen.filter((r) => r.url.startsWith(env.site.baseUrl) && !r.url.endsWith('/sw.js'));
  assert.ok(sameOrigin.length > 8, show(sameOrigin));
  const mixed = sameOrigin.filter((r) => r.build !== next || !r.sw);
  assert.deepEqual(mixed, [], `responses not from build ${next}`);
  await a.goto(env.site.url('about/'));
  assert.match(await a.textContent('main'), /PWA-UPDATE-MARKER/);
  await context.close();
});

test('the iPhone note shows in Safari only, outside the Home Screen app, and passes axe', async () => {
  const cases = [
    { name: 'iPhone Safari', ua: IPHONE_UA, shown: true },
    { name: 'iPhone Home Screen app', ua: IPHONE_UA, standalone: true, shown: false },
    { name: 'Chrome on iPhone', ua: IPHONE_UA.replace('Version/17.5', 'CriOS/126.0'), shown: false },
    { name: 'desktop', ua: undefined, shown: false },
  ];
  for (const c of cases) {
    const context = await swContext(c.ua ? { userAgent: c.ua, viewport: { width: 375, height: 812 } } : {});
    if (c.standalone) await context.addInitScript(() => Object.defineProperty(navigator, 'standalone', { value: true }));
    const page = await context.newPage();
    await page.goto(env.site.url());
    await page.waitForLoadState('networkidle');
    const note = page.locator('[data-pwa="ios"]');
    assert.equal(await note.isVisible(), c.shown, c.name);
    if (c.shown) {
      assert.match(await note.textContent(), /Home Screen/);
      assert.match(await note.textContent(), /7 days/);
      const link = await note.locator('a').getAttribute('href');
      assert.equal(link, '#tracker-data-title');
      assert.equal(await page.locator('#tracker-data-title').count(), 1, 'the link leads to "Your data"');
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => v.id), [], show(results.violations));
    }
    await context.close();
  }
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  // The offline test's missing page answers 404 on purpose; anything else is an error.
  const errors = env.b.events.console.filter((e) => !(e.page.endsWith('/days/typo/') && /404/.test(e.text)));
  assert.deepEqual(errors, [], show(errors));
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});

test('the worker installs and caches every file, named with # ? spaces or accents too', async () => {
  const site = await copySite(path.join(SITE_ROOT, 'tests', 'fixtures', 'pwa-offline-site'));
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-pwa-names-'));
  const odd = ['handout#1.pdf', 'what?.txt', 'café menu.txt', '100%.txt'];
  let server;
  let browser;
  try {
    for (const name of odd) await appendFile(path.join(site.root, 'content', name), `file ${name}`);
    server = createStaticServer(() => path.join(tmp, 'public'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${server.address().port}`;
    await buildSite({ root: site.root, out: path.join(tmp, 'public'), baseUrl: `${origin}${PREFIX}` });
    const sw = await readFile(path.join(tmp, 'public', 'sw.js'), 'utf8');
    const files = Object.keys(JSON.parse(sw.match(/^const FILES = (\{[\s\S]*?\});$/m)[1]));
    for (const name of odd) assert.ok(files.includes(name), `${name} listed: ${show(files)}`);
    browser = await launch({ origin });
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`${origin}${PREFIX}`);
    // A failed precache fetch rejects the install: the page would never be controlled.
    await controlled(page);
    const missing = await page.evaluate(async ({ files, base }) => {
      const out = [];
      for (const f of files) {
        const url = new URL(base + f.split('/').map(encodeURIComponent).join('/'), location.origin);
        if (!(await caches.match(url))) out.push(f);
      }
      return out;
    }, { files, base: PREFIX });
    assert.deepEqual(missing, [], 'every listed file is in the cache');
    // And a link to one of them works offline, as the browser encodes it.
    await context.setOffline(true);
    const text = await page.evaluate(async () => (await fetch('handout%231.pdf')).text());
    assert.equal(text, 'file handout#1.pdf');
  } finally {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await site.cleanup();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('reachout serve registers no worker, and retires one a published build left on its address', async () => {
  const site = await copySite(path.join(SITE_ROOT, 'tests', 'fixtures', 'serve-under-subpath'));
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-pwa-'));
  let serve;
  let server;
  let browser;
  try {
    // Find a free port, publish the build there and let it install its worker.
    server = createStaticServer(() => path.join(tmp, 'public'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    const origin = `http://127.0.0.1:${port}`;
    await buildSite({ root: site.root, out: path.join(tmp, 'public'), baseUrl: `${origin}${PREFIX}` });
    // A browser of its own: the shared one only lets requests reach the suite's server.
    browser = await launch({ origin });
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    await page.goto(`${origin}${PREFIX}`);
    await controlled(page);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    server = null;

    serve = await startServe({ root: site.root, port });
    assert.equal(serve.origin, origin);
    await page.goto(`${origin}${PREFIX}`);
    // The old worker answers this visit from its cache; its update check gets the retiring
    // worker, which unregisters and reloads the page from the preview.
    await eventually(
      () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length === 0 && !navigator.serviceWorker.controller),
      'the old worker to be gone',
    );
    await eventually(() => page.evaluate(() => Boolean(document.querySelector('script[src*="/__reachout/"]'))), 'the preview page');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [], 'its caches are deleted');
    // And the preview itself registers nothing.
    await page.reload();
    await page.waitForLoadState('networkidle');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    assert.deepEqual(browser.events.csp, [], show(browser.events.csp));
    assert.deepEqual(browser.events.pageErrors, [], show(browser.events.pageErrors));
  } finally {
    await browser?.close();
    if (server) await new Promise((resolve) => server.close(resolve));
    await serve?.stop();
    await site.cleanup();
    await rm(tmp, { recursive: true, force: true });
  }
});
