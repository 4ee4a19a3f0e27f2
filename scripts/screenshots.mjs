#!/usr/bin/env node
// Screenshots for a reviewer to look at (issue 7): the Spanish site, a right-to-left site, the
// installed app offline and the printed worksheet, written to target/screenshots/.
//
// Each site is built under http://127.0.0.1:PORT/reach-out/ (a GitHub Pages project subpath)
// into a temp folder and served with the browser tests' helpers (tests/browser/lib), in
// Debian's chromium through tests/browser's playwright-core:
// - es-*: tests/fixtures/spanish-site at 375 px after starting the challenge and ticking a task
//   (home, day 1) and My people with one person;
// - rtl-*: tests/fixtures/rtl-hebrew-overrides (Hebrew, English table plus `strings:`) at 375 px;
// - app-offline-*: the default site once its service worker controls the page, then offline
//   (home, day 1, My people), each page checked to come from the worker;
// - print-*: day 1 and My people under print media at the A4 page area, day 1 as an A4 PDF
//   (day-1-print.pdf) and, when pdftoppm (poppler-utils) is installed, its first page as PNG.
//
// Usage: node scripts/screenshots.mjs [--bin PATH]
//   --bin    the reachout binary (default target/release/reachout, or $REACHOUT_BIN)
// Needs chromium and playwright-core: `bash scripts/setup-browser.sh` installs both.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'target', 'screenshots');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const args = process.argv.slice(2);
const i = args.indexOf('--bin');
if (i >= 0 && args[i + 1]) process.env.REACHOUT_BIN = path.resolve(args[i + 1]);

// Imported after --bin is read: lib/site.mjs reads REACHOUT_BIN when it builds.
const { startSite, launch } = await import('../tests/browser/lib/site.mjs');
const { hook, eventually } = await import('../tests/browser/lib/tracker.mjs');

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
// The page area inside the print stylesheet's @page margins (12mm 14mm) on A4, in CSS px.
const mm = (x) => Math.floor((x * 96) / 25.4);
const A4_AREA = { width: mm(210 - 28), height: mm(297 - 24) };
const written = [];

mkdirSync(OUT, { recursive: true });

async function shot(page, name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file, fullPage: true });
  written.push(file);
}

/** Builds and serves `root`, runs `fn(site, browser)`, then closes both. */
async function withSite(root, fn) {
  const site = await startSite({ root });
  const browser = await launch({ origin: site.origin });
  try {
    await fn(site, browser);
    const problems = [...browser.events.pageErrors, ...browser.events.console, ...browser.events.csp];
    if (problems.length) console.error(`screenshots: ${path.relative(ROOT, root) || 'default site'}:`, JSON.stringify(problems, null, 2));
  } finally {
    await browser.close();
    await site.close();
  }
}

/** Starts the challenge on the home page and ticks day 1's first task; leaves the page on day 1. */
async function startAndTick(page, site) {
  await page.goto(site.url());
  await hook(page, 'start').click();
  await eventually(async () => {
    if (!(await hook(page, 'today').isVisible())) throw new Error('not started');
  });
  await page.goto(site.url('days/day-1/'));
  await page.locator('li.task input[type="checkbox"]').first().check();
  await page.waitForTimeout(300); // the live region and progress settle
}

/** Adds one person on My people. */
async function addPerson(page, site, name) {
  await page.goto(site.url('people/'));
  await page.locator('[data-people="add"]').click();
  await page.locator('#person-name').fill(name);
  await page.locator('[data-people="save"]').click();
  await page.locator('[data-people="list"] > li').first().waitFor();
  await page.locator('[data-people="list"] > li [data-action="attempt"]').first().click();
  await page.waitForTimeout(300);
  await page.reload(); // without the "Logged" toast, which a full-page shot pins mid-page
  await page.locator('[data-people="list"] > li').first().waitFor();
}

// (1) Spanish.
await withSite(path.join(FIXTURES, 'spanish-site'), async (site, browser) => {
  const page = await (await browser.newContext({ ...PHONE, locale: 'es-ES' })).newPage();
  await startAndTick(page, site);
  await shot(page, 'es-day-1-375.png');
  await page.goto(site.url());
  await shot(page, 'es-home-375.png');
  await addPerson(page, site, 'Ana');
  await shot(page, 'es-people-375.png');
});

// (2) Right to left.
await withSite(path.join(FIXTURES, 'rtl-hebrew-overrides'), async (site, browser) => {
  const page = await (await browser.newContext({ ...PHONE, locale: 'he-IL' })).newPage();
  await startAndTick(page, site);
  await shot(page, 'rtl-day-1-375.png');
  await page.goto(site.url());
  await shot(page, 'rtl-home-375.png');
});

// (3) The installed app, offline, and (4) the printed worksheet, on the default site.
await withSite(ROOT, async (site, browser) => {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(site.url());
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  await startAndTick(page, site);
  await addPerson(page, site, 'Ana');
  // No `display-mode: standalone` here: neither Playwright's emulateMedia nor the DevTools
  // protocol's setEmulatedMedia emulates it in this chromium, and the theme has no rule for it,
  // so the installed app looks like this tab without the browser's bar.
  await context.setOffline(true);
  for (const [url, name] of [['', 'home'], ['days/day-1/', 'day-1'], ['people/', 'people']]) {
    const res = await page.goto(site.url(url));
    if (!res?.fromServiceWorker()) throw new Error(`${url || 'home'} did not come from the service worker offline`);
    await shot(page, `app-offline-${name}-375.png`);
  }
  await context.close();

  const print = await (await browser.newContext({ viewport: A4_AREA, deviceScaleFactor: 1 })).newPage();
  await print.emulateMedia({ media: 'print' });
  await print.goto(site.url('days/day-1/'));
  await shot(print, 'print-day-1.png');
  const pdf = path.join(OUT, 'day-1-print.pdf');
  await print.pdf({ path: pdf, format: 'A4' });
  written.push(pdf);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(OUT, 'day-1-print-pdf')]);
    written.push(path.join(OUT, 'day-1-print-pdf.png'));
  } catch {
    console.error('screenshots: no pdftoppm (apt-get install poppler-utils): the PDF is not rendered as PNG');
  }
  await print.goto(site.url('people/'));
  await shot(print, 'print-people.png');
});

for (const file of written) console.log(`${path.relative(ROOT, file)} (${Math.round(statSync(file).size / 1024)} KB)`);
