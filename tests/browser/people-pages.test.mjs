// The people page and a message page with its composer, as pages: axe (the a11y.test.mjs tags)
// in light and dark with people in every status, the add dialog with its error, 320 px phones
// without horizontal scrolling, and a 375x812 visitor walkthrough saved as screenshots
// (tests/browser/screenshots/, git-ignored). Contract: docs/tracker.md. Each test has its own context.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS, summarize } from './lib/axe.mjs';
import { show, SCREENSHOT_DIR } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { overflowFacts } from './lib/layout.mjs';
import { eventually, addDays, loadTrackerData } from './lib/tracker.mjs';
import {
  DAY0, person, attempt, reply, reconnected, snooze, letGo, withClock, seedV2, ph, ch, peopleUrl, openPeople,
  card, idsIn, action, cardFacts, listProgress, openedDialog, addPerson, text,
} from './lib/people.mjs';

const env = useSite();
let data;
let KEY;
let PEOPLE;
let MESSAGE; // an email example with a subject and several blanks

before(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  data = await loadTrackerData(env);
  KEY = data.key;
  PEOPLE = peopleUrl(env, data);
  const m = data.messages.find((x) => x.step === 'follow-up' && x.channel === 'email');
  assert.ok(m, show(data.messages));
  MESSAGE = new URL(m.url, env.site.origin).href;
});

const LONG_EMAIL = 'maximiliane.wolfeschlegelsteinhausenberger@example-company.com';

/** People in every status of the contract, with contacts, picks and a snooze. */
function everyStatus() {
  const d = (n) => addDays(DAY0, n);
  const people = [
    person({ name: 'Nia New', channel: 'unknown' }),
    person({ name: 'Pia Picked', channel: 'text', contact: '+44 7700 900123' }),
    person({ name: 'Sam Snoozed', log: [snooze(d(-1))] }),
    person({ name: 'Wes Waiting', contact: 'wes@example.com', log: [attempt(d(-2))] }),
    person({ name: 'Olu Overdue', contact: LONG_EMAIL, notes: 'Worked together on the 2021 launch; prefers mornings.', log: [attempt(d(-10))] }),
    person({ name: 'Lou Last-Try', log: [attempt(d(-16)), attempt(d(-8))] }),
    person({ name: 'Max Three-Tries', relation: 'boss', log: [attempt(d(-30)), attempt(d(-22)), attempt(d(-14))] }),
    person({ name: 'Rae Replied', relation: 'mentor', channel: 'linkedin', log: [attempt(d(-12)), reply(d(-7), 'Lovely to hear from you!')] }),
    person({ name: 'Cy Reconnected', relation: 'client', channel: 'phone', contact: '+1 (415) 555-0134', log: [attempt(d(-20)), reconnected(d(-5), 'coffee')] }),
    person({ name: 'Kit Keep-In-Touch', relation: 'classmate', log: [attempt(d(-200)), reconnected(d(-150)), attempt(d(-40))] }),
    person({ name: 'Lee Let-Go', relation: 'something-new', channel: 'carrier-pigeon', log: [attempt(d(-40)), attempt(d(-33)), attempt(d(-26)), letGo(d(-10))] }),
  ];
  return { people, plan: { week: DAY0, ids: [people[1].id] } };
}

/** The people page with every status, a status line (after "Not now") and open details. */
async function busyPeoplePage(page) {
  const { people, plan } = everyStatus();
  await seedV2(page, env.site, KEY, { people, plan });
  await openPeople(page, PEOPLE);
  const statuses = await ph(page, 'list').locator(':scope > li').evaluateAll((lis) => lis.map((li) => li.dataset.status));
  for (const st of ['new', 'waiting', 'replied', 'reconnected', 'keep-in-touch', 'let-go']) {
    assert.ok(statuses.includes(st), `no ${st} person shown: ${show(statuses)}`);
  }
  assert.ok((await idsIn(page, 'due')).length >= 2, 'nobody due');
  assert.ok((await cardFacts(card(page, 'list', people[6].id))).actions.includes('let-go'), '"Let go" not offered');
  await action(card(page, 'list', people[0].id), 'snooze').click();
  await ph(page, 'status').waitFor({ state: 'visible' });
  await card(page, 'list', people[7].id).locator('details.person-history > summary').click();
  await card(page, 'list', people[3].id).locator('details.person-log > summary').click();
  return people;
}

/** The message page with its composer in use: a person picked, a field filled, copied, logged. */
async function busyMessagePage(page) {
  const ana = person({ name: 'Ana Lima', contact: 'ana@example.com' });
  await seedV2(page, env.site, KEY, { people: [ana, person({ name: 'Ben Okafor', contact: LONG_EMAIL })] });
  await page.goto(`${MESSAGE}?person=${ana.id}`);
  await ch(page, 'form').waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(await ch(page, 'person').inputValue(), ana.id));
  await ch(page, 'fields').locator('input[data-blank="your name"]').fill('Sam');
  await ch(page, 'copy').click();
  await ch(page, 'status').waitFor({ state: 'visible' });
  await ch(page, 'log').click();
  await eventually(async () => assert.match(await text(ch(page, 'status')), /Ana Lima/));
}


async function axe(page, where) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const v = summarize(results.violations);
  assert.deepEqual(v, [], `${where}:\n${show(v)}`);
  const ran = [...results.passes, ...results.incomplete].map((r) => r.id);
  assert.ok(ran.includes('color-contrast'), `axe did not check color-contrast on ${where}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe (${TAGS.join(', ')}): the people page with people in every status, ${scheme} scheme`, async () => {
    await withClock(env, { date: DAY0, colorScheme: scheme, viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.emulateMedia({ colorScheme: scheme });
      await busyPeoplePage(page);
      await axe(page, `people page (${scheme})`);
    });
  });

  test(`axe (${TAGS.join(', ')}): a message page with the composer in use, ${scheme} scheme`, async () => {
    await withClock(env, { date: DAY0, colorScheme: scheme, viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
      await page.emulateMedia({ colorScheme: scheme });
      await busyMessagePage(page);
      await axe(page, `message page with the composer (${scheme})`);
    });
  });
}

test('axe: the add dialog showing the empty-name error', async () => {
  await withClock(env, { date: DAY0, viewport: { width: 1280, height: 900 } }, async (page) => {
    await openPeople(page, PEOPLE);
    await ph(page, 'add').click();
    await openedDialog(page);
    await ph(page, 'save').click();
    await eventually(async () => assert.ok((await text(ph(page, 'name-error'))).length > 0, 'no error shown'));
    await axe(page, 'people page, add dialog with an error');
  });
});

const phone = (width, height = 720) => ({ viewport: { width, height }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function noOverflow(page, width, where) {
  const m = await page.evaluate(overflowFacts);
  const msg = `${where} at ${width}px: ${show(m)}`;
  assert.equal(m.clientWidth, width, msg);
  assert.ok(m.scrollWidth <= width, msg);
  assert.deepEqual(m.wide, [], msg);
}

test('phone 320px: the people page with people in every status (a long email address too) has no horizontal scrolling', async () => {
  await withClock(env, { date: DAY0, ...phone(320) }, async (page) => {
    await busyPeoplePage(page);
    await noOverflow(page, 320, 'people page');
    await ph(page, 'add').click();
    await openedDialog(page);
    await ph(page, 'save').click();
    await noOverflow(page, 320, 'people page, add dialog open');
  });
});

test('phone 320px: a message page with the composer in use has no horizontal scrolling', async () => {
  await withClock(env, { date: DAY0, ...phone(320), permissions: ['clipboard-read', 'clipboard-write'] }, async (page) => {
    await busyMessagePage(page);
    await noOverflow(page, 320, 'message page with the composer');
  });
});

test('walkthrough at 375x812 (screenshots): empty list, three people added, this week suggested, a message composed, calendar reminders', async () => {
  const shots = [];
  const shot = async (page, name, opts = {}) => {
    const file = path.join(SCREENSHOT_DIR, `people-375-${name}.png`);
    await page.screenshot({ path: file, ...opts });
    assert.ok((await stat(file)).size > 1000, `${file} is empty`);
    shots.push(file);
  };
  await withClock(env, { date: DAY0, ...phone(375, 812), deviceScaleFactor: 1 }, async (page) => {
    // 1. A first visit: the list is empty and says what to do.
    await openPeople(page, PEOPLE);
    assert.match(await text(ph(page, 'empty')), /empty/i);
    assert.match((await listProgress(page)).text, /\b0 of 20\b/);
    await shot(page, '1-empty', { fullPage: true });

    // 2. Three people added through the form.
    await addPerson(page, KEY, { name: 'Ana Lima', relation: 'colleague', channel: 'email', contact: 'ana@example.com', notes: 'Sat next to me for three years' });
    await addPerson(page, KEY, { name: 'Ben Okafor', relation: 'boss', channel: 'text', contact: '+44 7700 900123' });
    await addPerson(page, KEY, { name: 'Cleo Martin', relation: 'mentor', channel: 'linkedin' });
    await eventually(async () => assert.match((await listProgress(page)).text, /\b3 of 20\b/));
    assert.equal((await idsIn(page, 'list')).length, 3);
    await shot(page, '2-people', { fullPage: true });

    // 3. This week: "Suggest" picks all three.
    await ph(page, 'suggest').click();
    await eventually(async () => assert.equal((await idsIn(page, 'picks')).length, 3, 'Suggest did not pick the three'));
    await ph(page, 'week').scrollIntoViewIfNeeded();
    assert.match(await text(ph(page, 'week')), /This week/);
    await shot(page, '3-this-week');

    // 4. Ana's suggested message, composed for her.
    const [ana] = await idsIn(page, 'picks');
    const link = card(page, 'picks', ana).locator('.person-message a');
    await link.click();
    await ch(page, 'form').waitFor({ state: 'visible' });
    assert.equal(new URL(page.url()).searchParams.get('person'), ana);
    await eventually(async () => assert.equal(await ch(page, 'person').inputValue(), ana));
    for (const input of await ch(page, 'fields').locator('input[data-blank]').all()) {
      const blank = await input.getAttribute('data-blank');
      if (blank !== 'name') await input.fill(blank === 'your name' ? 'Sam' : 'last spring');
    }
    assert.match(await ch(page, 'body').innerText(), /^Hi Ana Lima/);
    await ch(page, 'form').scrollIntoViewIfNeeded();
    await shot(page, '4-message-composed', { fullPage: true });

    // 5. Calendar reminders on the people page.
    await openPeople(page, PEOPLE);
    await ph(page, 'calendar').scrollIntoViewIfNeeded();
    assert.match(await text(ph(page, 'calendar').locator('h2')), /Calendar reminders/);
    assert.ok(await ph(page, 'ics-download').isVisible());
    await shot(page, '5-calendar');
  });
  assert.equal(shots.length, 5);
});

test('no page errors, console errors, CSP violations or off-site requests during the page tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
