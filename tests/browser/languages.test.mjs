// Several content languages (README, "Several languages"): an English site with a Spanish
// translation under es/. A tick or a person added in one language shows in the other, the
// switcher leads to the same page in the other language, and the Spanish pages speak Spanish
// (no English word from the theme's table, dates in Spanish) apart from a page not translated
// yet, which says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSite, launch, REPO_ROOT, show } from './lib/site.mjs';
import { eventually, hook } from './lib/tracker.mjs';
import { englishFragments, visible, wordIn, MONTHS_ES, MONTHS_EN } from './lib/english.mjs';
import { crawl } from './lib/crawl.mjs';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS } from './lib/axe.mjs';

let site;
let b;

before(async () => {
  site = await startSite({ root: path.join(REPO_ROOT, 'tests', 'fixtures', 'two-languages') });
  b = await launch({ origin: site.origin });
});
after(async () => {
  await b?.close();
  await site?.close();
});


test('progress is shared: a tick and a person made in Spanish show in English, and back', async () => {
  b.reset();
  const context = await b.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  try {
    await page.goto(site.url('es/'));
    await hook(page, 'start').click();
    await eventually(async () => assert.match(await hook(page, 'today').innerText(), /Hoy es el día 1 de 2/));
    await page.goto(site.url('es/days/day-1/'));
    await page.locator('li.task input[type="checkbox"]').first().check();
    await eventually(async () => assert.match(await hook(page, 'live').innerText(), /Tarea hecha/));

    // The switcher leads to the same day in English, where the tick is already there.
    await page.locator('.lang-switch a[hreflang="en"]').click();
    await page.waitForURL(site.url('days/day-1/'));
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const boxes = page.locator('li.task input[type="checkbox"]');
    await eventually(async () => assert.equal(await boxes.first().isChecked(), true));
    assert.equal(await boxes.nth(1).isChecked(), false);
    await boxes.nth(1).check();

    await page.goto(site.url('people/'));
    await page.locator('[data-people="add"]').click();
    await page.locator('#person-name').fill('Ana');
    await page.locator('[data-people="save"]').click();
    await eventually(async () => assert.match(await page.locator('[data-people="list"]').innerText(), /Ana/));

    await page.goto(site.url('es/days/day-1/'));
    await eventually(async () => assert.equal(await page.locator('li.task input[type="checkbox"]').nth(1).isChecked(), true));
    await page.goto(site.url('es/people/'));
    const list = page.locator('[data-people="list"]');
    await eventually(async () => assert.match(await list.innerText(), /Ana/));
    assert.deepEqual(b.events.console, [], show(b.events.console));
    assert.deepEqual(b.events.csp, [], show(b.events.csp));
  } finally {
    await context.close();
  }
});

test('the Spanish pages speak Spanish: no English theme word, dates in Spanish; an untranslated page says so', async () => {
  b.reset();
  const fragments = englishFragments('es');
  const context = await b.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  const seen = {};
  try {
    await page.goto(site.url('es/'));
    await hook(page, 'start').click();
    await eventually(async () => assert.match(await hook(page, 'today').innerText(), /Hoy es el día 1 de 2/));
    seen.home = await visible(page);
    await page.goto(site.url('es/days/day-1/'));
    await page.locator('li.task input[type="checkbox"]').first().check();
    await eventually(async () => assert.match(await hook(page, 'live').innerText(), /Tarea hecha/));
    seen.day = await visible(page);
    await page.goto(site.url('es/people/'));
    await page.locator('[data-people="add"]').click();
    await page.locator('#person-name').fill('Luis');
    await page.locator('[data-people="save"]').click();
    const card = page.locator('[data-people="list"] > li').first();
    await card.locator('[data-action="attempt"]').click();
    await eventually(async () => assert.match(await card.innerText(), /Esperando respuesta/));
    const week = await page.locator('[data-people="week-dates"]').innerText();
    assert.match(week, MONTHS_ES, `the week reads in Spanish: ${week}`);
    seen.people = await visible(page);
    await page.goto(site.url('es/messages/hello/'));
    await eventually(async () => assert.equal(await page.locator('[data-composer="form"]').isVisible(), true));
    seen.message = await visible(page);
    for (const [name, text] of Object.entries(seen)) {
      const english = fragments.filter((f) => wordIn(f, text));
      assert.deepEqual(english, [], `English on the Spanish ${name} page:\n${text}`);
      assert.doesNotMatch(text, MONTHS_EN, `an English month on the Spanish ${name} page`);
    }

    // Day 2 has no Spanish file: the English text, the Spanish theme, and a note saying so.
    await page.goto(site.url('es/days/day-2/'));
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.equal(await page.locator('.untranslated').innerText(), 'Esta página aún no está traducida.');
    assert.match(await page.locator('main').innerText(), /Pick five people/);
    const links = await page.locator('.lang-switch a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('aria-current')]));
    assert.deepEqual(links, [['English', null], ['Español', 'page']]);
    assert.deepEqual(b.events.console, [], show(b.events.console));
  } finally {
    await context.close();
  }
});

test('every page of both languages is reachable from the home page, with no broken reference; axe finds nothing on the switcher', async () => {
  b.reset();
  const result = await crawl(site, b);
  const paths = [...result.pages.keys()].map(String);
  for (const p of ['/reach-out/es/', '/reach-out/es/days/day-1/', '/reach-out/es/days/day-2/', '/reach-out/es/people/']) {
    assert.ok(paths.some((u) => u.endsWith(p)), `${p} not reached: ${paths.join(' ')}`);
  }
  assert.deepEqual(result.problems, [], show(result.problems));
  assert.deepEqual(b.events.external, [], show(b.events.external));
  const context = await b.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  try {
    for (const p of ['es/days/day-1/', 'es/days/day-2/']) {
      await page.goto(site.url(p));
      const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], p);
    }
  } finally {
    await context.close();
  }
});
