// On paper (style.css, @media print): a day prints as a one-page worksheet (title, goal, tasks
// with boxes to tick by hand, ruled notes) on A4 and US Letter, without the site's chrome and
// black on white even in the dark scheme; My people prints as a table to fill in, a row per
// person of tracker.list_size; message and myth pages print without buttons or the composer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS } from './lib/axe.mjs';
import { show, startSite, SITE_ROOT, SCREENSHOT_DIR } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { loadTrackerData, seed, stateV2, pageToday, eventually, withPage } from './lib/tracker.mjs';
import { person, peopleUrl } from './lib/people.mjs';

const env = useSite();
let data;
let KEY;
let DAYS; // absolute URLs of every day, in order
let PEOPLE;

// The page area in CSS px (96 per inch) inside @page { margin: 12mm 14mm }: a viewport this
// size under print media lays the page out as one printed sheet does.
const mm = (x) => Math.floor((x * 96) / 25.4);
const SHEETS = {
  A4: { width: mm(210 - 28), height: mm(297 - 24) },
  Letter: { width: mm(215.9 - 28), height: mm(279.4 - 24) },
};
const BLACK = 'rgb(0, 0, 0)';
const WHITE = 'rgb(255, 255, 255)';

/** Pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree nodes). */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) || []).length;

async function pdfPages(page, format) {
  const pdf = await page.pdf({ format });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'not a PDF');
  return pageCount(pdf);
}

/** Is every element matching `selector` hidden (none rendered)? Returns the visible ones' HTML. */
const shownOf = (page, selector) =>
  page.$$eval(selector, (els) => els.filter((el) => el.checkVisibility()).map((el) => el.outerHTML.slice(0, 100)));

before(async () => {
  data = await loadTrackerData(env);
  KEY = data.key;
  DAYS = data.days.map((d) => new URL(d.url, env.site.origin).href);
  PEOPLE = peopleUrl(env, data);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

test('print: a day page hides the site nav and footer, keeps the title and checklist', async () => {
  const context = await env.b.newContext({ viewport: { width: 800, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(env.urls.day);
    // On screen both are shown: the print check below is not vacuous.
    assert.ok(await page.locator('header nav').first().isVisible(), 'site nav not visible on screen');
    assert.ok(await page.locator('body > footer, footer.site-footer').first().isVisible(), 'footer not visible on screen');

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.evaluate(() => matchMedia('print').matches), true);
    const navs = page.locator('header nav');
    for (let i = 0; i < (await navs.count()); i += 1) {
      assert.equal(await navs.nth(i).isVisible(), false, `site nav #${i} is printed`);
    }
    const footers = page.locator('footer');
    for (let i = 0; i < (await footers.count()); i += 1) {
      assert.equal(await footers.nth(i).isVisible(), false, `footer #${i} is printed`);
    }
    assert.ok(await page.locator('h1').isVisible(), 'the title is not printed');
    const tasks = page.locator('li.task[data-task-id]');
    assert.ok((await tasks.count()) > 0, 'no checklist on the day page');
    for (let i = 0; i < (await tasks.count()); i += 1) {
      assert.ok(await tasks.nth(i).isVisible(), `task #${i} is not printed`);
    }
    // And it really prints (a PDF with at least one page).
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-', 'no PDF');
  } finally {
    await context.close();
  }
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
});

test('print: every day prints on exactly one page, A4 and US Letter, with room for notes', async () => {
  if (!process.env.REACHOUT_SITE) assert.equal(DAYS.length, 7, 'the default site has 7 days');
  await withPage(env, {}, async (page) => {
    for (const url of DAYS) {
      await page.goto(url);
      await page.emulateMedia({ media: 'print' });
      for (const [format, sheet] of Object.entries(SHEETS)) {
        assert.equal(await pdfPages(page, format), 1, `${url} does not print on one ${format} page`);
        // The same layout in a viewport of the page area: nothing runs past it, and the notes
        // keep at least three whole ruled lines.
        await page.setViewportSize(sheet);
        const f = await page.evaluate(() => {
          const notes = document.querySelector('.print-notes');
          const box = notes.getBoundingClientRect();
          const lines = [...notes.querySelectorAll('.print-line')].filter((l) => l.checkVisibility() && l.getBoundingClientRect().bottom <= box.bottom + 0.5);
          return { scroll: document.documentElement.scrollHeight, inner: innerHeight, bottom: box.bottom, lines: lines.length };
        });
        assert.ok(f.scroll <= f.inner + 1 && f.bottom <= f.inner + 1, `${url} runs past one ${format} page: ${show(f)}`);
        assert.ok(f.lines >= 3, `${url}: only ${f.lines} note lines fit on ${format}: ${show(f)}`);
      }
      await page.emulateMedia({ media: 'screen' });
    }
  });
});

test('print: a day longer than a page carries on to a second page instead of being cut off', async () => {
  await withPage(env, {}, async (page) => {
    await page.goto(DAYS[0]);
    await page.evaluate(() => {
      const prose = document.querySelector('.day .prose');
      for (let i = 0; i < 40; i += 1) prose.append(Object.assign(document.createElement('p'), { textContent: `A long paragraph ${i}. `.repeat(12) }));
    });
    await page.emulateMedia({ media: 'print' });
    assert.ok((await pdfPages(page, 'A4')) >= 2, 'a day with 40 more paragraphs printed on one page: cut off');
  });
});

test('print: tracker, buttons and nav only on screen; task boxes and notes only on paper', async () => {
  const last = DAYS[DAYS.length - 1];
  await withPage(env, { viewport: { width: 1024, height: 900 } }, async (page) => {
    await page.goto(last);
    await seed(page, env.site, { [KEY]: stateV2({ startedOn: await pageToday(page) }) });
    await page.goto(last);
    const boxes = page.locator('li.task > input[type="checkbox"]');
    await boxes.first().waitFor({ state: 'visible' });
    await boxes.first().check();
    await eventually(async () => assert.ok(await page.locator('.tracker').isVisible(), 'tracker not shown on screen'));
    await eventually(async () => assert.ok((await shownOf(page, 'main button')).length > 0, 'no button on screen'));

    // On screen: the tracker, buttons, nav, real checkboxes; no notes, no drawn boxes.
    assert.ok(await page.locator('.site-nav').isVisible());
    assert.equal(await page.locator('.print-notes').isVisible(), false, 'notes shown on screen');
    assert.equal(await page.locator('[data-people="print"]').count(), 0, 'a people table on a day page');
    const screenBoxes = await page.$$eval('li.task', (lis) => lis.map((li) => getComputedStyle(li, '::before').content));
    assert.ok(screenBoxes.every((c) => c === 'none'), `drawn boxes beside the checkboxes on screen: ${show(screenBoxes)}`);
    const notes = await page.locator('.print-notes').evaluate((el) => ({ hidden: el.hidden, aria: el.getAttribute('aria-hidden'), style: el.getAttribute('style') }));
    assert.deepEqual(notes, { hidden: true, aria: 'true', style: null });

    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-nav', '.site-footer', '.pager', '.tracker', '.tracker-data', 'button', '.button', 'li.task > input']) {
      assert.deepEqual(await shownOf(page, sel), [], `printed: ${sel}`);
    }
    for (const sel of ['h1', '.eyebrow', '.goal', '.meta', '.print-notes', '.print-notes-title']) {
      assert.ok(await page.locator(sel).isVisible(), `not printed: ${sel}`);
    }
    assert.match(await page.locator('.meta').textContent(), /minutes/);
    const printed = await page.$$eval('li.task', (lis) =>
      lis.map((li) => {
        const s = getComputedStyle(li, '::before');
        return { done: li.classList.contains('done'), content: s.content, border: s.borderTopWidth, colour: s.borderTopColor, w: parseFloat(s.width) };
      }),
    );
    assert.equal(printed.filter((b) => b.done).length, 1, show(printed));
    for (const b of printed) {
      // A ticked task prints ticked (what the visitor did), the others as empty boxes to tick by hand.
      assert.equal(b.content, b.done ? '"✓"' : '""', show(b));
      assert.ok(parseFloat(b.border) >= 1 && b.colour === BLACK && b.w >= 10, `not a black box: ${show(b)}`);
    }
  });
});

test('print: in the dark colour scheme the paper is white and the text black', async () => {
  await withPage(env, { colorScheme: 'dark' }, async (page) => {
    for (const url of [DAYS[0], env.urls.message, env.urls.myth, PEOPLE]) {
      await page.goto(url);
      await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
      assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), WHITE, `${url}: dark scheme not dark on screen`);
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const f = await page.evaluate(() => {
        const cs = (el) => getComputedStyle(el);
        const texts = [...document.querySelectorAll('main :is(h1, h2, p, li, label, th, td, .blank, .eyebrow, a)')].filter((el) => el.checkVisibility());
        return {
          dark: matchMedia('(prefers-color-scheme: dark)').matches,
          scheme: cs(document.documentElement).colorScheme,
          html: cs(document.documentElement).backgroundColor,
          body: cs(document.body).backgroundColor,
          notBlack: texts.filter((el) => cs(el).color !== 'rgb(0, 0, 0)').map((el) => `${el.localName}.${el.className}: ${cs(el).color}`),
          coloured: texts.filter((el) => !/^rgba?\((255, 255, 255|0, 0, 0, 0)\)$/.test(cs(el).backgroundColor)).map((el) => `${el.localName}.${el.className}: ${cs(el).backgroundColor}`),
          count: texts.length,
        };
      });
      assert.equal(f.dark, true, 'dark scheme emulation did not apply');
      assert.ok(f.count > 3, `${url}: too few printed text elements checked: ${show(f)}`);
      assert.equal(f.scheme, 'light', `${url}: color-scheme in print`);
      assert.ok([WHITE, 'rgba(0, 0, 0, 0)'].includes(f.html), `${url}: html background ${f.html}`);
      assert.equal(f.body, WHITE, `${url}: body background in print`);
      assert.deepEqual(f.notBlack, [], `${url}: printed text not black`);
      assert.deepEqual(f.coloured, [], `${url}: printed text on a coloured background`);
    }
  });
});

test('print: My people prints a table of tracker.list_size rows with its header cells, one page', async () => {
  assert.ok(Number.isInteger(data.settings.list_size) && data.settings.list_size > 0, show(data.settings));
  await withPage(env, { javaScriptEnabled: false }, async (page) => {
    await page.goto(PEOPLE);
    assert.equal(await page.locator('[data-people="print"]').isVisible(), false, 'the printed table is shown on screen');
    await page.emulateMedia({ media: 'print' });
    const table = page.locator('table[data-people="print"]');
    assert.ok(await table.isVisible(), 'no table printed');
    const heads = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => [th.textContent.trim(), th.colSpan]));
    assert.deepEqual(heads, [
      ['Name', 1], ['How you know them', 1], ['How to reach them', 1], ['Tried on', 3], ['Replied?', 1], ['Next step', 1],
    ]);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ cells: tr.cells.length, text: tr.textContent.trim() })));
    assert.equal(rows.length, data.settings.list_size, 'rows');
    assert.ok(rows.every((r) => r.cells === 8 && r.text === ''), show(rows.slice(0, 3)));
    for (const sel of ['.people-nojs', '.people-page .prose', '.site-nav']) assert.deepEqual(await shownOf(page, sel), [], `printed: ${sel}`);
    assert.ok(await page.locator('h1').isVisible(), 'the title is not printed');
    for (const format of Object.keys(SHEETS)) assert.equal(await pdfPages(page, format), 1, `the people table is not one ${format} page`);
  });
});

test('print: the visitor\'s people are written into the table as text; more people than rows add rows', async () => {
  const size = data.settings.list_size;
  const names = ['Ana Lima', '<b>Bo</b> & "Co"', 'Chen Wei'];
  await withPage(env, {}, async (page) => {
    await seed(page, env.site, { [KEY]: stateV2({ people: names.map((name) => person({ name })) }) });
    await page.goto(PEOPLE);
    const cells = () => page.$$eval('table[data-people="print"] tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    await eventually(async () => assert.deepEqual((await cells()).slice(0, 3), names));
    const all = await cells();
    assert.equal(all.length, size);
    assert.ok(all.slice(3).every((t) => t === ''), show(all));
    assert.equal(await page.locator('table[data-people="print"] b').count(), 0, 'a name became markup');
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await shownOf(page, '.people, button, .tracker-data'), [], 'the list app is printed');
    assert.ok(await page.locator('table[data-people="print"] td', { hasText: 'Chen Wei' }).isVisible());

    const many = Array.from({ length: size + 2 }, (_, i) => person({ name: `Person ${i + 1}` }));
    await seed(page, env.site, { [KEY]: stateV2({ people: many }) });
    await page.goto(PEOPLE);
    await eventually(async () => assert.deepEqual(await cells(), many.map((p) => p.name)));
  });
});

test('print: tracker.list_size in site.yaml sets the number of rows', async () => {
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-print-'));
  let site;
  try {
    for (const part of ['content', 'themes']) await cp(path.join(SITE_ROOT, part), path.join(tmp, part), { recursive: true });
    const yaml = await readFile(path.join(SITE_ROOT, 'site.yaml'), 'utf8');
    const changed = yaml.replace(/^(\s*list_size:\s*)\d+/m, '$17');
    assert.notEqual(changed, yaml, 'site.yaml has no tracker.list_size line to change');
    await writeFile(path.join(tmp, 'site.yaml'), changed);
    site = await startSite({ root: tmp });
    // A plain context: the recording ones abort requests to any origin but the main site's.
    const context = await env.b.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.origin}${new URL(PEOPLE).pathname}`);
      assert.equal(await page.locator('table[data-people="print"] tbody tr').count(), 7);
    } finally {
      await context.close();
    }
  } finally {
    await site?.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('print: message and myth pages print without nav, buttons or the composer, text kept', async () => {
  await withPage(env, {}, async (page) => {
    await page.goto(env.urls.message);
    await page.locator('[data-composer="form"]').waitFor({ state: 'visible' });
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-nav', '.site-footer', '.composer', 'button', '.button', '.back']) {
      assert.deepEqual(await shownOf(page, sel), [], `printed on a message page: ${sel}`);
    }
    const body = page.locator('[data-composer="body"]');
    assert.ok(await body.isVisible(), 'the example message is not printed');
    assert.ok((await body.innerText()).trim().length > 40, 'the example message text is missing');
    assert.ok(await page.locator('h1').isVisible());

    await page.emulateMedia({ media: 'screen' });
    await page.goto(env.urls.myth);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['.site-nav', '.site-footer', '.back']) assert.deepEqual(await shownOf(page, sel), [], `printed on a myth page: ${sel}`);
    for (const sel of ['h1', '.myth-quote', '.reframe', '.prose']) assert.ok(await page.locator(sel).isVisible(), `not printed: ${sel}`);
  });
});

test('print: screenshots of day 1 and My people as printed (A4 page area)', async () => {
  await withPage(env, { viewport: SHEETS.A4, colorScheme: 'dark' }, async (page) => {
    await seed(page, env.site, {
      [KEY]: stateV2({ startedOn: await pageToday(page), people: ['Ana Lima', 'Sam Okafor', 'Chen Wei'].map((name) => person({ name })) }),
    });
    const shots = [
      ['print-day-1-a4.png', DAYS[0]],
      ['print-people-a4.png', PEOPLE],
    ];
    for (const [name, url] of shots) {
      await page.emulateMedia({ media: 'screen' });
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const file = path.join(SCREENSHOT_DIR, name);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok((await stat(file)).size > 1000, `${file} is empty`);
    }
  });
});

test('axe on screen: a day and My people with their print-only parts have no violations', async () => {
  for (const scheme of ['light', 'dark']) {
    await withPage(env, { colorScheme: scheme }, async (page) => {
      await seed(page, env.site, { [KEY]: stateV2({ startedOn: await pageToday(page), people: [person({ name: 'Ana Lima' })] }) });
      for (const url of [DAYS[0], PEOPLE]) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const v = results.violations.map((x) => ({ rule: x.id, nodes: x.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
        assert.deepEqual(v, [], `${url} (${scheme}): ${show(v)}`);
      }
    });
  }
});

test('printing caused no console errors, page errors or CSP violations', () => {
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
});
