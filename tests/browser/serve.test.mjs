// `reachout serve` in a real browser: an open page reloads itself after an edit, shows an
// overlay (file, line, message) when the site stops building, and drops it once fixed. Runs
// on a temp copy of a small fixture site; the strict CSP must hold throughout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, show, REPO_ROOT } from './lib/site.mjs';
import { copySite, startServe } from './lib/serve.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'serve-under-subpath');
const about = (frontMatter, text) => `---\n${frontMatter}---\n\n${text}\n`;

let site;
let server;
let b;

before(async () => {
  site = await copySite(FIXTURE);
  server = await startServe({ root: site.root });
  b = await launch({ origin: server.origin });
});

after(async () => {
  await b?.close();
  const code = server ? await server.stop() : 0;
  await site?.cleanup();
  assert.equal(code, 0, `serve exits 0 on Ctrl-C; stderr:\n${server?.stderr()}`);
});

test('an open page reloads after an edit, shows build problems, and recovers', async () => {
  const aboutFile = path.join(site.root, 'content', 'about.md');
  const page = await b.newPage();
  await page.goto(new URL('about/', server.url).href);
  assert.match(await page.textContent('main'), /The first version of the about page/);
  // Set on this document only: gone once the page really reloads.
  await page.evaluate(() => {
    window.__beforeEdit = true;
  });

  // Edit: the page reloads itself and shows the new text.
  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  await writeFile(aboutFile, about('title: "About"\n', 'Edited while the page was open.'));
  await reloaded;
  await page.waitForFunction(() => document.querySelector('main')?.textContent.includes('Edited while the page was open.'));
  assert.equal(await page.evaluate(() => window.__beforeEdit), undefined, 'the page did not reload');

  // Break the front matter: the overlay names the file and line; the last good page stays.
  await writeFile(aboutFile, about('titel: "About"\n', 'Broken.'));
  const overlay = page.locator('#reachout-overlay[role="alert"]');
  await overlay.waitFor({ state: 'visible', timeout: 15000 });
  const text = await overlay.textContent();
  assert.match(text, /content\/about\.md:2:1/);
  assert.match(text, /unknown field `titel`/);
  assert.match(text, /did you mean `title`/);
  assert.match(await page.textContent('main'), /Edited while the page was open/);
  // Styled by the served stylesheet (the CSP allows no inline style).
  const position = await overlay.evaluate((el) => getComputedStyle(el).position);
  assert.equal(position, 'fixed');

  // A page opened while the site is broken shows the overlay at once.
  const late = await b.newPage();
  await late.goto(new URL('', server.url).href);
  await late.locator('#reachout-overlay').waitFor({ state: 'visible', timeout: 15000 });
  await late.close();

  // Fix it: the page reloads, the overlay is gone, the new text is there.
  const fixed = page.waitForEvent('load', { timeout: 15000 });
  await writeFile(aboutFile, about('title: "About"\n', 'Fixed, and the overlay is gone.'));
  await fixed;
  await page.waitForFunction(() => document.querySelector('main')?.textContent.includes('Fixed, and the overlay is gone.'));
  assert.equal(await overlay.count(), 0, 'the overlay is still there');

  assert.deepEqual(b.events.csp, [], `CSP violations:\n${show(b.events.csp)}`);
  assert.deepEqual(b.events.pageErrors, [], `page errors:\n${show(b.events.pageErrors)}`);
  assert.deepEqual(b.events.console, [], `console errors:\n${show(b.events.console)}`);
  assert.deepEqual(b.events.external, [], `off-origin requests:\n${show(b.events.external)}`);
  await page.close();
});

test('the overlay is reachable by keyboard and can be hidden', async () => {
  const aboutFile = path.join(site.root, 'content', 'about.md');
  const page = await b.newPage();
  await page.goto(new URL('about/', server.url).href);
  await writeFile(aboutFile, about('title: "About"\nday: 1\n', 'Broken again.'));
  const overlay = page.locator('#reachout-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await overlay.getAttribute('role'), 'alert');
  assert.match(await overlay.getByRole('heading').textContent(), /1 problem/);
  await overlay.getByRole('button', { name: 'Hide' }).click();
  assert.equal(await overlay.count(), 0);
  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  await writeFile(aboutFile, about('title: "About"\n', 'Fine again.'));
  await reloaded;
  await page.close();
});

test('a hidden tab lets go of its stream and catches up when shown again', async () => {
  const aboutFile = path.join(site.root, 'content', 'about.md');
  const page = await b.newPage();
  await page.goto(new URL('about/', server.url).href);
  const setVisibility = (state) =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);
  await setVisibility('hidden');
  const streams = [];
  page.on('request', (r) => {
    if (r.url().includes('/__reachout/events')) streams.push(r.url());
  });
  let reloads = 0;
  page.on('load', () => {
    reloads += 1;
  });
  // A visible tab is told to reload by the same message: once it has reloaded, the hidden
  // tab would have been told too, had it kept its stream.
  const visible = await b.newPage();
  await visible.goto(new URL('about/', server.url).href);
  const visibleReloaded = visible.waitForEvent('load', { timeout: 10000 });
  const linesBefore = server.lines.length;
  await writeFile(aboutFile, about('title: "About"\n', 'Edited while the tab was hidden.'));
  await server.waitForLine(/^rebuilt in .*about\.md/, 5000, linesBefore);
  await visibleReloaded;
  await visible.close();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  assert.equal(reloads, 0, 'a hidden tab reloaded');
  assert.deepEqual(streams, [], 'a hidden tab opened an event stream');
  assert.match(await page.textContent('main'), /Fine again/);

  const reloaded = page.waitForEvent('load', { timeout: 15000 });
  await setVisibility('visible');
  await reloaded;
  assert.match(await page.textContent('main'), /Edited while the tab was hidden/);
  await page.close();
});
