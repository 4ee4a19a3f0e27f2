// The built-in paper theme (README, "Choosing a theme"): the default site with one line changed
// in site.yaml (`theme: paper`) and no themes/ folder, served under /reach-out/. The crawl finds
// no broken link and no CSP violation, the checklist ticks and keeps its ticks, axe is clean in
// light and dark, phones do not scroll sideways, My people works, a day prints without the
// masthead's menu, the Nu checker finds no error, scripts and stylesheets stay under the
// budget. Screenshots of home and a day go to target/screenshots-paper/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS } from './lib/axe.mjs';
import { REPO_ROOT, startSite, launch, listFiles, show } from './lib/site.mjs';
import { runVnu } from './lib/vnu.mjs';
import { crawl } from './lib/crawl.mjs';
import { overflowFacts } from './lib/layout.mjs';
import { eventually, hook, stored, taskBox, trackerData } from './lib/tracker.mjs';
import { addPerson, openPeople, ph } from './lib/people.mjs';

const SHOTS = path.join(REPO_ROOT, 'target', 'screenshots-paper');
let tmp;
let site;
let b;
let data;

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'reachout-paper-'));
  const root = path.join(tmp, 'site');
  await mkdir(root);
  await cp(path.join(REPO_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
  const yaml = await readFile(path.join(REPO_ROOT, 'site.yaml'), 'utf8');
  assert.match(yaml, /^theme: default\b/m, 'site.yaml no longer says `theme: default`');
  await writeFile(path.join(root, 'site.yaml'), yaml.replace(/^theme: default\b.*$/m, 'theme: paper'));
  site = await startSite({ root });
  b = await launch({ origin: site.origin });
  const page = await b.newPage({ javaScriptEnabled: false });
  await page.goto(site.baseUrl);
  data = await trackerData(page);
  await page.context().close();
});
after(async () => {
  await b?.close();
  await site?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const dayUrl = (n) => new URL(data.days[n - 1].url, site.origin).href;
const pages = () => ({ home: site.baseUrl, day: dayUrl(1), days: site.url('days/'), people: new URL(data.people_url, site.origin).href, myth: site.url('myths/too-late/') });

/** Runs `fn(page)` in a fresh context (empty storage). */
async function withPage(opts, fn) {
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

test('paper: the pages use the paper theme, the crawl finds no broken link, CSP violation or error', async () => {
  await withPage({}, async (page) => {
    await page.goto(site.baseUrl);
    const facts = await page.evaluate(() => ({
      paper: document.body.classList.contains('paper'),
      sheets: [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => new URL(l.href).pathname),
      timeline: document.querySelectorAll('ol.timeline > li.day-item[data-day] .day-marker').length,
      font: getComputedStyle(document.querySelector('h1')).fontFamily,
    }));
    assert.ok(facts.paper, 'body.paper missing: the default base.html was used');
    assert.deepEqual(facts.sheets, ['/reach-out/css/vars.css', '/reach-out/css/style.css', '/reach-out/css/paper-days.css']);
    assert.equal(facts.timeline, data.days.length, 'the days are not on the timeline');
    assert.match(facts.font, /serif/i, `headings are not set in a serif: ${facts.font}`);
  });
  b.reset();
  const result = await crawl(site, b);
  assert.ok(result.pages.size > 30, `the crawl found only ${result.pages.size} pages`);
  assert.deepEqual(result.problems, [], `broken or escaping references:\n${show(result.problems)}`);
  assert.deepEqual(b.events.csp, [], `CSP violations:\n${show(b.events.csp)}`);
  assert.deepEqual(b.events.external, [], `requests to other origins:\n${show(b.events.external)}`);
  assert.deepEqual([...b.events.console, ...b.events.pageErrors], [], 'console or page errors');
});

test('paper: the Nu HTML checker finds no error in any page', { timeout: 300_000 }, async () => {
  const files = await listFiles(site.outDir, '.html');
  assert.ok(files.length >= 30, `only ${files.length} HTML files were built`);
  const { code, errors } = await runVnu(files, site.outDir);
  assert.deepEqual(errors, [], `${errors.length} error(s):\n${show(errors)}`);
  assert.equal(code, 0, `vnu exited ${code}`);
});

test('paper: the day checklist ticks and keeps its ticks across a reload', async () => {
  await withPage({}, async (page) => {
    await page.goto(site.baseUrl);
    await hook(page, 'start').click();
    await eventually(async () => assert.ok((await stored(page, data.key))?.startedOn, 'no start date stored'));
    const day = data.days[0];
    await page.goto(dayUrl(1));
    const id = day.tasks[0];
    await taskBox(page, id).check();
    await eventually(async () => assert.ok((await stored(page, data.key))?.tasks?.[`${day.slug}/${id}`], 'tick not stored'));
    await page.reload();
    await eventually(async () => assert.equal(await taskBox(page, id).isChecked(), true, 'the tick did not survive a reload'));
    await eventually(async () => assert.equal(await page.locator('[data-tracker="day-progress"] progress').getAttribute('value'), '1'));
    // The home timeline marks day 1 as started.
    await page.goto(site.baseUrl);
    await eventually(async () => assert.equal(await page.getAttribute('.day-item[data-day="1"]', 'data-status'), 'partial'));
  });
});

test('paper: axe finds no violation in light and dark (with progress on the day)', async () => {
  for (const colorScheme of ['light', 'dark']) {
    await withPage({ colorScheme }, async (page) => {
      await page.goto(site.baseUrl);
      await hook(page, 'start').click();
      for (const [name, url] of Object.entries(pages())) {
        await page.goto(url);
        if (name === 'day') await taskBox(page, data.days[0].tasks[0]).check();
        if (name === 'people') await ph(page, 'app').waitFor({ state: 'visible' });
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const violations = results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
        assert.deepEqual(violations, [], `${name} (${colorScheme}):\n${show(violations)}`);
      }
    });
  }
});

test('paper: no horizontal scrolling at 320 and 375 px', async () => {
  for (const width of [320, 375]) {
    await withPage({ viewport: { width, height: 800 } }, async (page) => {
      for (const [name, url] of Object.entries(pages())) {
        await page.goto(url);
        const f = await page.evaluate(overflowFacts);
        assert.ok(f.scrollWidth <= f.clientWidth, `${name} at ${width}px scrolls sideways:\n${show(f)}`);
      }
    });
  }
});

test('paper: every page kind stays under the 20 KB (gzipped) budget of scripts and stylesheets', async () => {
  for (const [name, url] of Object.entries(pages())) {
    await withPage({}, async (page) => {
      const loads = [];
      page.on('response', (res) => {
        if (['script', 'stylesheet'].includes(res.request().resourceType())) loads.push(res.body().then((b) => [res.url(), gzipSync(b, { level: 9 }).length]));
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const sizes = await Promise.all(loads);
      const total = sizes.reduce((n, [, size]) => n + size, 0);
      assert.ok(total < 20 * 1024, `${name} loads ${total} bytes of JS and CSS, gzipped:\n${show(sizes)}`);
    });
  }
});

// The light yellow accent is the hard case: the brand's derived text colours are checked on the
// default theme's page colour, and paper's desk around the sheet is darker.
test('paper with a coach\'s brand (brand-every-key, accent #ffd400): accent applied, axe clean in light and dark', async () => {
  const root = path.join(tmp, 'brand');
  await cp(path.join(REPO_ROOT, 'tests', 'fixtures', 'brand-every-key'), root, { recursive: true });
  const yaml = await readFile(path.join(root, 'site.yaml'), 'utf8');
  await writeFile(path.join(root, 'site.yaml'), `${yaml.replace(/accent: "#[0-9a-f]+"/g, 'accent: "#ffd400"')}theme: paper\n`);
  const branded = await startSite({ root });
  const bb = await launch({ origin: branded.origin });
  try {
    for (const colorScheme of ['light', 'dark']) {
      const context = await bb.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      for (const p of ['', 'days/day-1/', 'myths/too-late/']) {
        await page.goto(branded.url(p));
        const facts = await page.evaluate(() => ({
          paper: document.body.classList.contains('paper'),
          accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
        }));
        assert.deepEqual(facts, { paper: true, accent: '#ffd400' }, p);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const violations = results.violations.map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
        assert.deepEqual(violations, [], `${p || 'home'} (${colorScheme}):\n${show(violations)}`);
      }
      await context.close();
    }
    assert.deepEqual(bb.events.csp, [], `CSP violations:\n${show(bb.events.csp)}`);
    assert.deepEqual(bb.events.external, [], `requests to other origins:\n${show(bb.events.external)}`);
  } finally {
    await bb.close();
    await branded.close();
  }
});

test('paper: My people adds a person', async () => {
  await withPage({}, async (page) => {
    await openPeople(page, pages().people);
    await addPerson(page, data.key, { name: 'Ada Paper', relation: 'mentor' });
    await eventually(async () => assert.match(await ph(page, 'list').textContent(), /Ada Paper/));
  });
});

test('paper: a day prints as one page without the menu, buttons or pager', async () => {
  await withPage({}, async (page) => {
    await page.goto(dayUrl(2));
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      ['.site-nav', '.site-footer', '.pager', '.tracker', '.print-notes', 'li.task'].map((sel) => {
        const el = document.querySelector(sel);
        return [sel, Boolean(el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')];
      }),
    );
    assert.deepEqual(Object.fromEntries(shown), {
      '.site-nav': false, '.site-footer': false, '.pager': false, '.tracker': false, '.print-notes': true, 'li.task': true,
    });
    const pdf = await page.pdf({ format: 'A4' });
    const count = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;
    assert.equal(count, 1, 'day 2 does not print on one A4 page');
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'print-day-2.png'), fullPage: true });
  });
});

test('paper: screenshots of home and a day at 375 and 1280 px, light and dark', async () => {
  await mkdir(SHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [375, 1280]) {
      await withPage({ colorScheme, viewport: { width, height: width < 800 ? 812 : 900 } }, async (page) => {
        await page.goto(site.baseUrl);
        await hook(page, 'start').click();
        await page.goto(dayUrl(2));
        await taskBox(page, data.days[1].tasks[0]).check();
        await page.screenshot({ path: path.join(SHOTS, `day-${width}-${colorScheme}.png`), fullPage: width > 800 });
        await page.goto(site.baseUrl);
        await page.screenshot({ path: path.join(SHOTS, `home-${width}-${colorScheme}.png`), fullPage: true });
      });
    }
  }
});
