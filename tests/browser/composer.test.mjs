// The composer under a message example: one field per blank, the person picker (and ?person=id),
// the live preview, Copy (read back from the real clipboard), the mailto:/sms: links decoded and
// compared, and "Log as attempt". Contract: docs/tracker.md. Each test has its own context.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { eventually } from './lib/tracker.mjs';
import {
  usePeopleSite, DAY0, person, withClock, seedV2, ch, openPeople, card, cardFacts, storedPeople, parseUri,
} from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;
let EMAIL; // an email example with a subject
let TEXT; // a text message example
const CLIPBOARD = { permissions: ['clipboard-read', 'clipboard-write'] };

before(async () => {
  await site.ready();
  const find = (step, channel) => {
    const m = site.data.messages.find((x) => x.step === step && x.channel === channel);
    assert.ok(m, `no ${channel} example for step ${step}: ${show(site.data.messages)}`);
    return new URL(m.url, env.site.origin).href;
  };
  // A first email has a subject; a follow-up goes in the same thread, so it has none.
  EMAIL = find('first-contact', 'email');
  TEXT = find('first-contact', 'text');
});

const { withPage } = site;

/** The blanks of a message page as the generator wrote them (JavaScript off): distinct names, and the subject. */
async function staticMessage(url) {
  return withPage({ javaScriptEnabled: false }, async (page) => {
    await page.goto(url);
    return page.evaluate(() => {
      const cardEl = document.querySelector('.message-card');
      const subject = document.querySelector('[data-composer="subject"]')?.textContent ?? null;
      const names = [...cardEl.querySelectorAll('.blank[data-blank]')].map((s) => s.dataset.blank);
      for (const m of (subject || '').matchAll(/\{([^{}]+)\}/g)) names.push(m[1].trim());
      return { names: [...new Set(names)], subject };
    });
  });
}

/** Lines trimmed, runs of spaces and of blank lines collapsed: the preview as a reader sees it. */
const tidy = (t) => t.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()).join('\n').replace(/\n{3,}/g, '\n\n').trim();

/** The filled-in message as the page shows it: { card, subject, body } (innerText, tidied). */
async function preview(page) {
  return page.evaluate(() => ({
    card: document.querySelector('[data-composer="card"]').innerText,
    subject: document.querySelector('[data-composer="subject"]')?.innerText ?? null,
    body: document.querySelector('[data-composer="body"]').innerText,
  })).then((p) => ({ card: tidy(p.card), subject: p.subject === null ? null : tidy(p.subject), body: tidy(p.body) }));
}

/** The composer's field for blank `name` (its label is the blank's name). */
const field = (page, name) => ch(page, 'form').getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'));

async function copied(page) {
  await ch(page, 'copy').click();
  await eventually(async () => assert.ok(await ch(page, 'status').isVisible(), 'no status after Copy'));
  return page.evaluate(() => navigator.clipboard.readText());
}

test('email example: a labelled field per blank; the picker fills the name; the preview, the copied body and the mailto: link (address, subject, body with %0D%0A) carry the same message', async () => {
  const { names, subject } = await staticMessage(EMAIL);
  assert.ok(names.length >= 3 && names.includes('name'), `blanks of ${EMAIL}: ${show(names)}`);
  const ana = person({ name: 'Ana Lima', channel: 'email', contact: 'ana@example.com' });
  const ben = person({ name: 'Ben Okafor', channel: 'email' });
  await withClock(env, { date: DAY0, ...CLIPBOARD }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [ana, ben] });
    await page.goto(EMAIL);
    await ch(page, 'form').waitFor({ state: 'visible' });

    // One labelled text field per distinct blank, nothing else.
    const inputs = ch(page, 'fields').locator('input, textarea');
    assert.equal(await inputs.count(), names.length, `fields vs blanks ${show(names)}`);
    for (const n of names) assert.equal(await field(page, n).count(), 1, `no field labelled "${n}"`);

    // The picker lists the people; choosing Ana fills the name everywhere it appears.
    const picker = ch(page, 'form').getByLabel(/who is it for/i);
    const options = await picker.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    for (const p of [ana, ben]) assert.ok(options.some(([v, t]) => v === p.id && t === p.name), `${p.name} not in the picker: ${show(options)}`);
    await picker.selectOption(ana.id);
    assert.equal(await field(page, 'name').inputValue(), 'Ana Lima');
    await eventually(async () => {
      const spans = await page.locator('[data-composer="card"] [data-blank="name"]').allTextContents();
      assert.ok(spans.length >= 1 && spans.every((t) => t === 'Ana Lima'), `name in the preview: ${show(spans)}`);
    });

    // Fill the rest with text that needs encoding in a URI.
    const values = { name: 'Ana Lima' };
    for (const n of names) {
      if (n === 'name') continue;
      values[n] = n === 'your name' ? 'Sam Åberg' : `${n.slice(0, 12).trim()} & co? #1 + 50% "ok"`;
      await field(page, n).fill(values[n]);
    }
    const shown = await preview(page);
    for (const [n, v] of Object.entries(values)) {
      assert.ok(shown.card.includes(v), `the preview does not show "${v}" for {${n}}: ${shown.card}`);
      if (n !== v) assert.ok(!shown.card.includes(`{${n}}`), `{${n}} is still in the preview`);
    }
    if (subject) assert.ok(shown.card.startsWith(`Subject: ${shown.subject}`), `the card: ${shown.card}`);

    // Copy: exactly the body the card shows (the subject goes in the mail app's own field).
    const text = await copied(page);
    assert.equal(text, shown.body, 'the copied text is not the preview');
    assert.equal(text.includes('\r'), false);

    // Open in email: the address, the subject and the body, percent-encoded, CRLF line breaks.
    const email = ch(page, 'email');
    assert.ok(await email.isVisible(), 'no "Open in email" link for an email example');
    const href = await email.getAttribute('href');
    const u = parseUri(href);
    assert.equal(u.scheme, 'mailto', href);
    assert.equal(u.to, 'ana@example.com', href);
    assert.equal(u.params.subject, shown.subject, `mailto subject: ${href}`);
    assert.equal(u.params.body, shown.body.replace(/\n/g, '\r\n'), `mailto body: ${href}`);
    assert.ok(u.raw.body.includes('%0D%0A'), `no %0D%0A line breaks in ${u.raw.body}`);
    assert.doesNotMatch(u.raw.body.replace(/%0D%0A/g, ''), /%0[AD]/i, `a lone CR or LF in ${u.raw.body}`);
    for (const [k, raw] of Object.entries(u.raw)) assert.doesNotMatch(raw, /[\s&#"<>?+]/, `${k} is not fully encoded: ${raw}`);
    assert.equal(await ch(page, 'sms').isVisible(), false, '"Open in messages" for an email example and a person without a number');

    // ?person=id preselects Ben.
    await page.goto(`${EMAIL}?person=${encodeURIComponent(ben.id)}`);
    await ch(page, 'form').waitFor({ state: 'visible' });
    await eventually(async () => assert.equal(await picker.inputValue(), ben.id, '?person= did not preselect Ben'));
    assert.equal(await field(page, 'name').inputValue(), 'Ben Okafor');
    assert.match((await preview(page)).body, /^Hi Ben Okafor,/);
  });
});

test('text example: the sms: link has the person\'s number and the copied text as its body', async () => {
  const { names } = await staticMessage(TEXT);
  const cara = person({ name: 'Cara Silva', channel: 'text', contact: '+44 7700 900123' });
  await withClock(env, { date: DAY0, ...CLIPBOARD }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [cara] });
    await page.goto(`${TEXT}?person=${cara.id}`);
    await ch(page, 'form').waitFor({ state: 'visible' });
    await eventually(async () => assert.equal(await field(page, 'name').inputValue(), 'Cara Silva'));
    for (const n of names) if (n !== 'name') await field(page, n).fill(`${n} & more`);
    const shown = await preview(page);
    const text = await copied(page);
    assert.equal(text, shown.body, 'the copied text is not the preview');
    assert.equal(shown.card, shown.body, 'a text example shows more than its body');
    const sms = ch(page, 'sms');
    assert.ok(await sms.isVisible(), 'no "Open in messages" link for a text example');
    const u = parseUri(await sms.getAttribute('href'));
    assert.equal(u.scheme, 'sms');
    assert.equal(u.to, '+447700900123');
    assert.equal(u.params.body.replace(/\r\n/g, '\n'), text, 'the sms: body is not the copied text');
    assert.doesNotMatch(u.raw.body, /[\s&#"<>?+]/, `body not fully encoded: ${u.raw.body}`);
    assert.equal(await ch(page, 'email').isVisible(), false, '"Open in email" for a text example and a person without an address');
  });
});

test('"Log as attempt" logs a try for the picked person, shown on the people page; without people the composer points to the list', async () => {
  const ana = person({ name: 'Ana Lima', channel: 'email', contact: 'ana@example.com' });
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, {});
    await page.goto(EMAIL);
    await ch(page, 'form').waitFor({ state: 'visible' });
    assert.equal(await ch(page, 'log').isVisible(), false, '"Log as attempt" with nobody to log it for');
    const none = ch(page, 'no-people');
    assert.ok(await none.isVisible(), 'no hint to add people');
    assert.deepEqual(await none.locator('a[href]').evaluateAll((as) => as.map((a) => a.href)), [site.people]);

    await seedV2(page, env.site, site.key, { people: [ana] });
    await page.goto(`${EMAIL}?person=${ana.id}`);
    await ch(page, 'log').waitFor({ state: 'visible' });
    await ch(page, 'log').click();
    await eventually(async () => {
      const log = (await storedPeople(page, site.key))[0].log;
      assert.equal(log.length, 1, show(log));
      assert.deepEqual([log[0].type, log[0].date, log[0].channel], ['attempt', DAY0, 'email'], show(log));
    });
    assert.match(await ch(page, 'status').textContent(), /Ana Lima/);
    await openPeople(page, site.people);
    const f = await cardFacts(card(page, 'list', ana.id));
    assert.equal(f.status, 'waiting', show(f));
    assert.match(f.statusText, /attempt 1 of 3/i, show(f));
  });
});

test('no page errors, console errors, CSP violations or off-site requests during the composer tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
