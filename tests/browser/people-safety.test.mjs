// Visitor-typed names are text, never markup: hostile names show literally on the people page
// (list, this week's picks and due list, the edit dialog, the status line), on home, in the
// composer's picker and preview, and in the copied text; no dialog, no injected element, no
// window.__pwned. Contract: docs/tracker.md ("never innerHTML").
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { eventually, addDays } from './lib/tracker.mjs';
import {
  usePeopleSite, DAY0, person, attempt, withClock, seedV2, ph, ch, openPeople, card, action, cardFacts,
  idOf, openedDialog, addPerson, text, recordDialogs,
} from './lib/people.mjs';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>window.__pwned=1</script>';

const site = usePeopleSite();
const { env } = site;
let MESSAGE;

before(async () => {
  await site.ready();
  const m = site.data.messages.find((x) => x.step === 'follow-up');
  assert.ok(m, show(site.data.messages));
  MESSAGE = new URL(m.url, env.site.origin).href;
});

// Runs before the page's scripts: remembers every element ever added that came from a name
// (an <img src=x>, a handler attribute, a script mentioning __pwned), even if removed again.
const WATCH = () => {
  window.__made = [];
  const bad = (el) => el.nodeType === 1 && (el.matches('img[src="x"], [onerror], [onload]') || (el.localName === 'script' && el.textContent.includes('__pwned')));
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        for (const el of [n, ...n.querySelectorAll('*')]) if (bad(el)) window.__made.push(el.outerHTML.slice(0, 80));
      }
    }
  }).observe(document, { childList: true, subtree: true });
};

/** Nothing was made of the names: no global, no <img src=x>, no handler attribute, no script holding them. */
async function untouched(page, where) {
  const f = await page.evaluate(() => ({
    pwned: typeof window.__pwned,
    injected: [...document.querySelectorAll('img[src="x"], [onerror], [onload]')].map((el) => el.outerHTML.slice(0, 80)),
    scripts: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
    made: window.__made,
  }));
  assert.deepEqual(f, { pwned: 'undefined', injected: [], scripts: 0, made: [] }, `${where}: ${show(f)}`);
}

test('hostile names are shown literally everywhere and never run', async () => {
  const img = person({ name: IMG, channel: 'email', contact: 'img@example.com', log: [attempt(addDays(DAY0, -8))] }); // due
  await withClock(env, { date: DAY0, permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    const dlg = recordDialogs(page, 'dismiss');
    await page.addInitScript(WATCH);
    await seedV2(page, env.site, site.key, { people: [img] });
    await openPeople(page, site.people);

    // Typed into the form like any name.
    await addPerson(page, site.key, { name: SCRIPT, channel: 'email' });
    const scriptId = await idOf(page, site.key, SCRIPT);
    await eventually(async () => assert.ok((await text(ph(page, 'status'))).includes(SCRIPT), `the status line does not show the name as typed: ${await text(ph(page, 'status'))}`));
    await action(card(page, 'list', scriptId), 'pick').click();
    await eventually(async () => assert.equal(await card(page, 'picks', scriptId).count(), 1, 'not picked'));

    assert.equal((await cardFacts(card(page, 'list', img.id))).name, IMG, 'list');
    assert.equal((await cardFacts(card(page, 'list', scriptId))).name, SCRIPT, 'list');
    assert.equal((await cardFacts(card(page, 'due', img.id))).name, IMG, 'this week: due');
    assert.equal((await cardFacts(card(page, 'picks', scriptId))).name, SCRIPT, 'this week: picks');
    assert.ok((await text(ph(page, 'week'))).includes(IMG), 'the week section does not show the name literally');
    // The buttons name the person for screen readers: as text too.
    const label = await action(card(page, 'list', img.id), 'attempt').textContent();
    assert.ok(label.includes(IMG), `button label: ${label}`);

    // The edit dialog: its title and the field.
    await action(card(page, 'list', img.id), 'edit').click();
    const dialog = await openedDialog(page);
    assert.ok((await text(ph(page, 'form-title'))).includes(IMG), `dialog title: ${await text(ph(page, 'form-title'))}`);
    assert.equal(await dialog.getByLabel(/^Name/).inputValue(), IMG);
    await ph(page, 'cancel').click();
    await untouched(page, 'people page');

    // Home: the summary is one link; if it names anyone, as text.
    await page.goto(env.urls.home);
    const summary = page.locator('[data-people-summary]').first();
    await summary.waitFor({ state: 'visible' });
    const s = await summary.evaluate((el) => ({ elements: [...el.querySelectorAll('*')].map((x) => x.localName), text: el.textContent }));
    assert.deepEqual(s.elements.filter((x) => x !== 'a' && x !== 'span' && x !== 'strong'), [], `markup in the summary: ${show(s)}`);
    if (/img|script/i.test(s.text)) assert.ok(s.text.includes(IMG) || s.text.includes(SCRIPT), `a name half-shown in the summary: ${s.text}`);
    await untouched(page, 'home');

    // The composer: picker, preview, copied text.
    await page.goto(`${MESSAGE}?person=${encodeURIComponent(img.id)}`);
    await ch(page, 'form').waitFor({ state: 'visible' });
    const picker = ch(page, 'person');
    const options = await picker.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    assert.ok(options.some(([v, t]) => v === img.id && t === IMG), `picker: ${show(options)}`);
    assert.ok(options.some(([v, t]) => v === scriptId && t === SCRIPT), `picker: ${show(options)}`);
    await eventually(async () => assert.equal(await picker.inputValue(), img.id));
    const names = await page.locator('[data-composer="card"] [data-blank="name"]').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n === IMG), `preview: ${show(names)}`);
    assert.ok((await ch(page, 'body').innerText()).includes(IMG), 'the preview text does not hold the name literally');
    await ch(page, 'copy').click();
    await eventually(async () => assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes(IMG), 'the copied text does not hold the name literally'));
    const logText = await ch(page, 'log').textContent();
    if (/img/.test(logText)) assert.ok(logText.includes(IMG), `"Log as attempt" label: ${logText}`);
    await picker.selectOption(scriptId);
    await eventually(async () => {
      const n2 = await page.locator('[data-composer="card"] [data-blank="name"]').allTextContents();
      assert.ok(n2.every((n) => n === SCRIPT), `preview: ${show(n2)}`);
    });
    await ch(page, 'copy').click();
    await eventually(async () => assert.ok((await page.evaluate(() => navigator.clipboard.readText())).includes(SCRIPT)));
    await untouched(page, 'composer');

    assert.deepEqual(dlg.dialogs, [], `dialogs opened: ${show(dlg.dialogs)}`);
  });
});

test('a contact that would add a hidden Bcc to mailto: gets no Email link; a real address is encoded', async () => {
  const spy = person({ name: 'Spy', channel: 'email', contact: 'ana@example.com?bcc=spy%40evil.example' });
  const ok = person({ name: 'Ana', channel: 'email', contact: "o'brien+hi@example.ie" });
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [spy, ok] });
    await openPeople(page, site.people);
    const hrefs = (id) => card(page, 'list', id).locator('.person-contact a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    await eventually(async () => assert.deepEqual(await hrefs(ok.id), ["mailto:o'brien%2Bhi@example.ie"]));
    assert.deepEqual(await hrefs(spy.id), [], 'no link carries the contact into mailto:');
    assert.equal(await card(page, 'list', spy.id).locator('.person-contact').isHidden(), true);
  });
});

test('no page errors, console errors, CSP violations or off-site requests during the hostile-name test', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
