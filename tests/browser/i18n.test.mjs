// Languages (README, "Languages"): a Spanish site shows no English UI word once the tracker ran,
// its dates read in Spanish, its confirm() and its damaged-data messages speak Spanish; a Hebrew
// site (English table plus `strings:` overrides) is right to left and holds its layout at phone
// width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSite, launch, REPO_ROOT } from './lib/site.mjs';
import { eventually, hook, seed, trackerData } from './lib/tracker.mjs';
import { overflowFacts } from './lib/layout.mjs';
import { readTable } from '../tracker/strings.mjs';
import { englishFragments, visible, wordIn, MONTHS_ES, MONTHS_EN } from './lib/english.mjs';

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const sites = {};
const browsers = {};

before(async () => {
  sites.es = await startSite({ root: path.join(FIXTURES, 'spanish-site') });
  sites.he = await startSite({ root: path.join(FIXTURES, 'rtl-hebrew-overrides') });
  // Each browser lets its own site's origin through only.
  browsers.es = await launch({ origin: sites.es.origin });
  browsers.he = await launch({ origin: sites.he.origin });
});
after(async () => {
  for (const b of Object.values(browsers)) await b?.close();
  for (const s of Object.values(sites)) await s.close();
});


test('a Spanish site: no English UI string anywhere visible after the tracker ran, dates and confirm() in Spanish', async () => {
  const site = sites.es;
  const b = browsers.es;
  const fragments = englishFragments();
  assert.ok(fragments.length > 200, `the check compares many English texts (${fragments.length})`);
  const context = await b.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  const seen = {};
  try {
    await page.goto(site.url());
    await hook(page, 'start').click();
    await eventually(async () => assert.match(await hook(page, 'today').innerText(), /Hoy es el día 1 de 2/));
    await page.goto(site.url('days/day-1/'));
    await page.locator('li.task input[type="checkbox"]').first().check();
    await eventually(async () => assert.match(await hook(page, 'live').innerText(), /Tarea hecha/));
    seen.day = await visible(page);
    await page.goto(site.url());
    await eventually(async () => assert.equal(await hook(page, 'data').isVisible(), true));
    await hook(page, 'reset').click();
    await eventually(() => assert.equal(dialogs.length, 1));
    assert.equal(dialogs[0], readTable('es').backup.reset_confirm);
    seen.home = await visible(page);
    // innerText leaves out generated content: the mark after today's "Día 1" is checked apart.
    const mark = await page.$eval('.day-item.is-today .day-num', (el) => getComputedStyle(el, '::after').content);
    assert.match(mark, /hoy/, `today's mark in the list of days: ${mark}`);

    await page.goto(site.url('people/'));
    await page.locator('[data-people="add"]').click();
    await page.locator('#person-name').fill('Ana');
    await page.locator('[data-people="save"]').click();
    const card = page.locator('[data-people="list"] > li').first();
    await card.locator('[data-action="attempt"]').click();
    await eventually(async () => assert.match(await card.innerText(), /Esperando respuesta/));
    await card.locator('details.person-history > summary').click();
    const week = await page.locator('[data-people="week-dates"]').innerText();
    assert.match(week, MONTHS_ES, `the week reads in Spanish: ${week}`);
    const cardText = await card.innerText();
    assert.match(cardText, MONTHS_ES, `the card's dates read in Spanish: ${cardText}`);
    seen.people = await visible(page);

    await page.goto(site.url('messages/saludo/'));
    await eventually(async () => assert.equal(await page.locator('[data-composer="form"]').isVisible(), true));
    await page.locator('[data-composer="person"]').selectOption({ label: 'Ana' });
    await eventually(async () => assert.match(await page.locator('[data-composer="log"]').innerText(), /Anotar como intento con Ana/));
    seen.message = await visible(page);

    for (const [name, text] of Object.entries(seen)) {
      const english = fragments.filter((f) => wordIn(f, text));
      assert.deepEqual(english, [], `English on the ${name} page:\n${text}`);
      assert.doesNotMatch(text, MONTHS_EN, `an English month on the ${name} page`);
    }
  } finally {
    await context.close();
  }
});

test('a Spanish site: a damaged stored value and a damaged backup file are explained in Spanish', async () => {
  const site = sites.es;
  const fragments = englishFragments();
  const context = await browsers.es.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  page.on('dialog', (d) => d.accept());
  try {
    await page.goto(site.url());
    const { key } = await trackerData(page);
    await seed(page, site, { [key]: JSON.stringify({ version: 2, startedOn: 'mañana', tasks: {}, activity: [] }) });
    await page.goto(site.url());
    const warning = hook(page, 'storage-warning');
    await eventually(async () => assert.ok(await warning.isVisible(), 'no warning for damaged stored data'));
    // The detail's words come with the data file: it fills in when the file is in.
    const stored = await eventually(async () => {
      const text = await warning.innerText();
      assert.match(text, /«startedOn» tendría que ser una fecha como 2026-11-23 o null, pero es el texto «mañana»/, text);
      return text;
    });

    const person = { id: 'p-1', name: 'Ana', log: [{ type: 'wave', date: '2026-11-20' }] };
    const file = JSON.stringify({ app: 'reachout', data: { version: 2, tasks: {}, people: [person] } });
    const input = hook(page, 'import').first();
    const field = (await input.evaluate((el) => el.matches('input[type="file"]'))) ? input : input.locator('input[type="file"]').first();
    await field.setInputFiles({ name: 'copia.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const imported = await eventually(async () => {
      const m = await hook(page, 'message').innerText();
      assert.match(m, /^Esta copia está dañada/, m);
      return m;
    });
    assert.match(imported, /la persona 1 \(«Ana»\) tiene una entrada de historial de un tipo que no conocemos \(el texto «wave»\)/, imported);
    for (const [what, text] of [['stored', stored], ['imported', imported]]) {
      assert.deepEqual(fragments.filter((f) => wordIn(f, text)), [], `English in the ${what} message: ${text}`);
    }
  } finally {
    await context.close();
  }
});

test('a right-to-left site: dir=rtl, no horizontal overflow at 375 px, nav and tracker start at the right', async () => {
  const site = sites.he;
  const b = browsers.he;
  const context = await b.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  try {
    await page.goto(site.url());
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await hook(page, 'start').click();
    await eventually(async () => assert.match(await hook(page, 'today').innerText(), /יום 1 מתוך 2/));
    for (const p of ['', 'days/', 'days/day-1/', 'people/']) {
      await page.goto(site.url(p));
      const facts = await page.evaluate(overflowFacts);
      assert.ok(facts.scrollWidth <= facts.clientWidth && !facts.wide.length, `${p || 'home'} overflows: ${JSON.stringify(facts)}`);
    }
    await page.goto(site.url());
    const edges = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const inner = (sel) => {
        const el = document.querySelector(sel);
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        return { left: r.left + parseFloat(cs.paddingLeft), right: r.right - parseFloat(cs.paddingRight) };
      };
      const items = [...document.querySelectorAll('.site-nav li')].map((li) => li.getBoundingClientRect());
      return {
        header: inner('.header-inner'),
        title: box('.site-title'),
        nav: items.map((r) => ({ left: r.left, right: r.right, top: r.top })),
        hero: inner('.hero'),
        today: inner('[data-tracker="today"]'),
        todayText: (() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('[data-tracker="today"]'));
          return range.getBoundingClientRect();
        })(),
      };
    });
    assert.ok(Math.abs(edges.title.right - edges.header.right) < 2, `the title starts at the right: ${JSON.stringify(edges)}`);
    const [first, second] = edges.nav;
    assert.ok(first.top !== second.top || first.left > second.left, `menu items run right to left: ${JSON.stringify(edges.nav)}`);
    assert.ok(
      Math.abs(edges.todayText.right - edges.today.right) < 2 && edges.todayText.left - edges.today.left > 20,
      `"today" is set from the right: ${JSON.stringify(edges)}`,
    );

    await page.goto(site.url('days/day-1/'));
    const task = await page.evaluate(() => {
      const li = document.querySelector('li.task');
      return { box: li.querySelector('input').getBoundingClientRect().right, li: li.getBoundingClientRect().right };
    });
    assert.ok(Math.abs(task.box - task.li) < 2, `the checkbox sits at the right of its task: ${JSON.stringify(task)}`);
  } finally {
    await context.close();
  }
});
