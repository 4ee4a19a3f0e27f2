// The tracker on every page, for a visitor with progress: no errors or CSP violations, the hooks
// every page has, axe in light and dark, 320 px phones, and screenshots to look at.
// Contract: /work/spec/TRACKER.md. Every test has its own browser context (empty localStorage).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS, summarize } from './lib/axe.mjs';
import { show, PREFIX, SCREENSHOT_DIR } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { crawl } from './lib/crawl.mjs';
import {
  state, eventually, dayUrl, seed, pageToday, addDays, hook, hookText, taskBox, progressOf,
  withPage as withPageIn, loadTrackerData,
} from './lib/tracker.mjs';
import { overflowFacts } from './lib/layout.mjs';

const env = useSite();
let data;
let KEY;
let crawled;

before(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  data = await loadTrackerData(env);
  KEY = data.key;
  crawled = await crawl(env.site, env.b);
});

const withPage = (opts, fn) => withPageIn(env, opts, fn);

const taskKey = (n, i) => `${data.days[n - 1].slug}/${data.days[n - 1].tasks[i]}`;

/** Started yesterday, two of day 1's tasks done yesterday: "partly ticked". */
async function seedProgress(page) {
  await page.goto(`${env.site.origin}${PREFIX}robots.txt`);
  const today = await pageToday(page);
  const y = addDays(today, -1);
  await seed(page, env.site, {
    [KEY]: state({ startedOn: y, tasks: { [taskKey(1, 0)]: y, [taskKey(1, 1)]: y }, activity: [y] }),
  });
  return today;
}

async function ready(page, url) {
  const res = await page.goto(url);
  await eventually(async () => {
    if (url === env.urls.home) assert.ok(await hook(page, 'today').isVisible(), 'today not shown');
    if (new URL(url).pathname === data.days[0].url) {
      assert.equal(await page.locator('li.task input[type="checkbox"]:checked').count(), 2, 'day 1 ticks not shown');
    }
  });
  return res;
}

test('a fresh visitor: the crawl finds no console errors, page errors or CSP violations on any page', () => {
  assert.ok(crawled.pages.size > 20, `only ${crawled.pages.size} pages crawled`);
  const bad = [...crawled.pages.values()].filter((p) => p.console.length || p.pageErrors.length || p.csp.length || p.external.length);
  assert.deepEqual(bad.map((p) => ({ url: p.url, console: p.console, pageErrors: p.pageErrors, csp: p.csp, external: p.external })), []);
});

test('a visitor with progress: every page has the data block, the tracker script and its hooks, and no errors or CSP violations', async () => {
  await withPage({}, async (page) => {
    await seedProgress(page);
    const urls = [...crawled.pages.keys(), env.urls.notFound];
    const problems = [];
    for (const url of urls) {
      const mark = Object.fromEntries(Object.entries(env.b.events).map(([k, v]) => [k, v.length]));
      const res = await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(50);
      const facts = await page.evaluate(() => ({
        data: document.getElementById('reachout-data')?.textContent ?? null,
        scripts: [...document.querySelectorAll('script[src]')].map((s) => ({ src: s.getAttribute('src'), type: s.type })),
        live: document.querySelectorAll('[data-tracker="live"][aria-live="polite"]').length,
        warning: document.querySelectorAll('[data-tracker="storage-warning"]').length,
        warningShown: [...document.querySelectorAll('[data-tracker="storage-warning"]')].some((e) => e.checkVisibility()),
        kind: document.body.dataset.kind,
      }));
      const p = [];
      let key = null;
      try {
        key = JSON.parse(facts.data).key;
      } catch {
        p.push('no parsable #reachout-data');
      }
      if (key !== KEY) p.push(`data block key ${key}`);
      if (!facts.scripts.some((s) => s.src === `${PREFIX}js/tracker.js` && s.type === 'module')) p.push(`no <script type=module src=${PREFIX}js/tracker.js>: ${show(facts.scripts)}`);
      if (facts.live !== 1) p.push(`${facts.live} polite live regions`);
      if (facts.warning !== 1) p.push(`${facts.warning} storage-warning containers`);
      if (facts.warningShown) p.push('storage warning shown although storage works');
      if (!facts.kind) p.push('no <body data-kind>');
      const ev = Object.fromEntries(Object.entries(env.b.events).map(([k, v]) => [k, v.slice(mark[k])]));
      // The 404 page's own status is no error of the page.
      if (url === env.urls.notFound) ev.console = ev.console.filter((c) => !/status of 404/.test(c.text));
      for (const [k, v] of Object.entries(ev)) if (v.length) p.push(`${k}: ${show(v)}`);
      if (res.status() !== (url === env.urls.notFound ? 404 : 200)) p.push(`status ${res.status()}`);
      if (p.length) problems.push({ url, problems: p });
    }
    assert.deepEqual(problems, [], show(problems));
  });
});

test('the streak appears after ticking', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    await hook(page, 'start').click();
    await page.goto(dayUrl(env.site, data, 1));
    await taskBox(page, data.days[0].tasks[0]).check();
    for (const url of [page.url(), env.urls.home]) {
      if (page.url() !== url) await page.goto(url);
      await eventually(async () => {
        assert.ok(await hook(page, 'streak').first().isVisible(), `${url}: no streak shown`);
        assert.match(await hookText(page, 'streak'), /\w/, `${url}: empty streak`);
      });
    }
  });
});


for (const scheme of ['light', 'dark']) {
  for (const what of ['home started, partly ticked', 'day 1 partly ticked', 'days index with progress', 'home with the storage warning']) {
    test(`axe (${TAGS.join(', ')}): ${what}, ${scheme} scheme: no violations`, async () => {
      await withPage({ colorScheme: scheme, viewport: { width: 1280, height: 900 } }, async (page) => {
        await page.emulateMedia({ colorScheme: scheme });
        let url = env.urls.home;
        if (what.includes('storage warning')) {
          await seed(page, env.site, { [KEY]: '{not json' });
          await page.goto(url);
          await eventually(async () => assert.ok(await hook(page, 'storage-warning').isVisible()));
        } else {
          await seedProgress(page);
          if (what.startsWith('day 1')) url = dayUrl(env.site, data, 1);
          if (what.startsWith('days index')) url = env.urls.daysIndex;
          await ready(page, url);
          if (what.startsWith('home')) await hook(page, 'data').waitFor({ state: 'visible' });
        }
        if (what.startsWith('days index')) {
          await eventually(async () => assert.equal(await page.locator('.day-item[data-status="partial"]').count(), 1));
        }
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const v = summarize(results.violations);
        assert.deepEqual(v, [], `${url} (${what}, ${scheme}):\n${show(v)}`);
        const ran = [...results.passes, ...results.incomplete].map((r) => r.id);
        assert.ok(ran.includes('color-contrast'), 'axe did not check color-contrast');
      });
    });
  }
}

for (const kind of ['day 1 partly ticked', 'home started, partly ticked']) {
  test(`320 px: ${kind} has no horizontal scrolling`, async () => {
    await withPage({ viewport: { width: 320, height: 720 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, async (page) => {
      await seedProgress(page);
      const url = kind.startsWith('day') ? dayUrl(env.site, data, 1) : env.urls.home;
      await ready(page, url);
      if (kind.startsWith('home')) await hook(page, 'data').waitFor({ state: 'visible' });
      const m = await page.evaluate(overflowFacts);
      const msg = `${url} at 320px: ${show(m)}`;
      assert.equal(m.clientWidth, 320, msg);
      assert.ok(m.scrollWidth <= 320, msg);
      assert.deepEqual(m.wide, [], msg);
      if (kind.startsWith('day')) {
        // The checkboxes are really there and not squashed.
        const boxes = await page.locator('li.task input[type="checkbox"]').evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })));
        assert.equal(boxes.length, data.days[0].tasks.length);
        for (const b of boxes) assert.ok(b.w >= 12 && b.h >= 12, `a checkbox is ${b.w}x${b.h}px`);
      }
    });
  });
}

const SHOTS = [
  { width: 375, scheme: 'light', mobile: true },
  { width: 1280, scheme: 'dark', mobile: false },
];
for (const kind of ['home-started', 'day-1-partly-ticked']) {
  for (const s of SHOTS) {
    const name = `tracker-${kind}-${s.width}-${s.scheme}.png`;
    test(`screenshot ${name}`, async () => {
      await withPage(
        { viewport: { width: s.width, height: s.mobile ? 800 : 900 }, isMobile: s.mobile, hasTouch: s.mobile, deviceScaleFactor: 1, colorScheme: s.scheme },
        async (page) => {
          await page.emulateMedia({ colorScheme: s.scheme });
          await seedProgress(page);
          const url = kind.startsWith('day') ? dayUrl(env.site, data, 1) : env.urls.home;
          await ready(page, url);
          const file = path.join(SCREENSHOT_DIR, name);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok((await stat(file)).size > 1000, `${file} is empty`);
        },
      );
    });
  }
}

test('no page errors, console errors, CSP violations or off-site requests in these tests', () => {
  const console404 = env.b.events.console.filter((c) => !(c.page === env.urls.notFound && /status of 404/.test(c.text)));
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(console404, [], show(console404));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
