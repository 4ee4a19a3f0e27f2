// The "My people" page: adding, editing and removing people; logging tries up to "let go";
// due follow-ups on faked dates; this week's picks and suggestions; the home summary; two tabs.
// Contract: docs/tracker.md. Every test has its own browser context (empty localStorage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { eventually, stored, addDays } from './lib/tracker.mjs';
import {
  usePeopleSite, DAY0, person, attempt, withClock, setDate, seedV2, ph, openPeople, card, idsIn, action,
  cardFacts, listProgress, storedPeople, idOf, openedDialog, addPerson, text, recordDialogs,
} from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;


const { withPage } = site;

/** The message example the contract suggests for `step` and `channel` (from the data block). */
function exampleFor(step, channel) {
  const fit = site.data.messages.filter((m) => m.step === step);
  const m = fit.find((x) => x.channel === channel) || fit[0];
  assert.ok(m, `no message example with step ${step} in the data block: ${show(site.data.messages)}`);
  return m;
}

test('the data block: schema 3, the people page URL, the settings and the message steps', () => {
  assert.equal(site.data.schema, 3);
  assert.equal(new URL(site.people).pathname, site.data.people_url);
  assert.deepEqual(site.data.settings, { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 });
  for (const step of ['first-contact', 'follow-up', 'last-try', 'thank-you', 'check-in']) exampleFor(step, 'email');
});

test('six people added through the form (an empty name is refused, visibly and audibly), "6 of 20"; one edited; one removed after a confirm, then Undo brings them back', async () => {
  await withPage({}, async (page) => {
    const dlg = recordDialogs(page, 'dismiss');
    await openPeople(page, site.people);
    assert.match(await text(ph(page, 'empty')), /empty/i, 'no empty-list message for a fresh visitor');
    assert.match((await listProgress(page)).text, /\b0 of 20\b/);

    // An empty (blank) name is refused.
    await ph(page, 'add').click();
    const dialog = await openedDialog(page);
    const name = dialog.getByLabel(/^Name/);
    await name.fill('   ');
    await ph(page, 'save').click();
    const refusal = await eventually(async () => {
      const f = await name.evaluate((input) => {
        const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
        const described = ids.map((id) => document.getElementById(id)).filter(Boolean);
        const modal = document.querySelector('dialog:modal');
        // Outside an open modal dialog everything is inert: a live region there is not heard.
        const live = [...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="alert"], [role="status"]')]
          .filter((el) => !modal || modal.contains(el));
        return {
          dialogOpen: input.closest('dialog').open,
          invalid: input.getAttribute('aria-invalid'),
          focused: document.activeElement === input,
          error: described.filter((el) => el.checkVisibility() && el.textContent.trim()).map((el) => el.textContent.trim()).join(' '),
          liveTexts: live.map((el) => el.textContent.trim()).filter(Boolean),
        };
      });
      assert.ok(f.error.length > 0, `no visible error message tied to the name field (aria-describedby): ${show(f)}`);
      return f;
    });
    assert.equal(refusal.dialogOpen, true, 'the dialog closed on an empty name');
    assert.equal(refusal.invalid, 'true', 'the name field is not marked aria-invalid');
    const announced = (refusal.focused && refusal.error.length > 0) || refusal.liveTexts.some((t) => t.includes(refusal.error));
    assert.ok(announced, `the error is neither read with the focused field nor in a live region a screen reader can hear: ${show(refusal)}`);
    assert.deepEqual(await storedPeople(page, site.key), [], 'a person with a blank name was stored');

    // The same dialog, now with a name.
    await name.fill('Ana Lima');
    await ph(page, 'save').click();
    await eventually(async () => assert.equal((await storedPeople(page, site.key)).length, 1));
    const names = ['Ana Lima', 'Ben Okafor', 'Cleo Martin', 'Dev Patel', 'Eva Novak', 'Femi Adeyemi'];
    await addPerson(page, site.key, { name: 'Ben Okafor', relation: 'boss', channel: 'email', contact: 'ben@example.com', notes: 'Hired me in 2019' });
    for (const n of names.slice(2)) await addPerson(page, site.key, { name: n });

    const people = await storedPeople(page, site.key);
    assert.deepEqual(people.map((p) => p.name), names);
    for (const p of people) assert.match(p.id, /^p-[0-9a-z]{8}$/, `id ${p.id}`);
    assert.equal(new Set(people.map((p) => p.id)).size, 6, 'ids are not unique');
    const ben = people[1];
    assert.deepEqual({ relation: ben.relation, channel: ben.channel, contact: ben.contact, notes: ben.notes, log: ben.log },
      { relation: 'boss', channel: 'email', contact: 'ben@example.com', notes: 'Hired me in 2019', log: [] });
    await eventually(async () => {
      assert.deepEqual(await idsIn(page, 'list'), people.map((p) => p.id), 'the list does not show the six people in order');
      const pr = await listProgress(page);
      assert.match(pr.text, /\b6 of 20\b/, show(pr));
      assert.deepEqual([pr.value, pr.max], [6, 20], show(pr));
    });
    for (const p of people) assert.equal((await cardFacts(card(page, 'list', p.id))).name, p.name);
    assert.equal(await ph(page, 'empty').isVisible(), false, 'the empty-list message is still shown');

    // Edit Ben: the dialog opens filled in, the new name replaces the old on the same person.
    await action(card(page, 'list', ben.id), 'edit').click();
    await openedDialog(page);
    assert.equal(await name.inputValue(), 'Ben Okafor', 'the edit dialog is not filled with the person');
    assert.equal(await dialog.getByLabel(/Email or phone/i).inputValue(), 'ben@example.com');
    await name.fill('Benjamin Okafor');
    await ph(page, 'save').click();
    await eventually(async () => {
      const after = await storedPeople(page, site.key);
      assert.equal(after.length, 6);
      assert.deepEqual(after[1], { ...ben, name: 'Benjamin Okafor' }, 'the edit changed more than the name (or not the name)');
      assert.equal((await cardFacts(card(page, 'list', ben.id))).name, 'Benjamin Okafor');
    });

    // Remove Cleo: asked first; "no" keeps her, "yes" removes her; Undo brings her back.
    const cleo = people[2];
    await action(card(page, 'list', cleo.id), 'remove').click();
    await eventually(async () => assert.equal(dlg.dialogs.length, 1, 'removing asked no question'));
    assert.equal(dlg.dialogs[0].type, 'confirm', show(dlg.dialogs));
    assert.match(dlg.dialogs[0].message, /Cleo Martin/, 'the question does not name the person');
    assert.equal((await storedPeople(page, site.key)).length, 6, 'removed although the confirm was dismissed');
    assert.equal(await card(page, 'list', cleo.id).count(), 1);

    dlg.answer = 'accept';
    await action(card(page, 'list', cleo.id), 'remove').click();
    await eventually(async () => {
      assert.equal(dlg.dialogs.length, 2);
      assert.deepEqual((await storedPeople(page, site.key)).map((p) => p.name), ['Ana Lima', 'Benjamin Okafor', 'Dev Patel', 'Eva Novak', 'Femi Adeyemi']);
      assert.equal(await card(page, 'list', cleo.id).count(), 0, 'the card is still shown');
      assert.match((await listProgress(page)).text, /\b5 of 20\b/);
    });
    const undo = ph(page, 'status').getByRole('button', { name: /undo/i });
    await undo.waitFor({ state: 'visible' });
    assert.match(await text(ph(page, 'status')), /Cleo Martin/, 'the status line does not say who was removed');
    await undo.click();
    await eventually(async () => {
      const back = await storedPeople(page, site.key);
      assert.deepEqual(back.map((p) => p.id), people.map((p) => p.id), 'Undo did not restore the list in its order');
      assert.deepEqual(back[2], cleo, 'Cleo came back changed');
      assert.deepEqual(await idsIn(page, 'list'), people.map((p) => p.id));
      assert.match((await listProgress(page)).text, /\b6 of 20\b/);
    });
    await page.reload();
    await ph(page, 'app').waitFor({ state: 'visible' });
    assert.deepEqual(await idsIn(page, 'list'), people.map((p) => p.id), 'the list after a reload');
  });
});

test('three tries: "attempt N of 3", then "Let go" offered only once the follow-up date has passed, never applied by itself; choosing it makes the status "let go"', async () => {
  const ana = person({ name: 'Ana Lima' });
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [ana] });
    const c = card(page, 'list', ana.id);
    const tryOn = async (date, n) => {
      await setDate(page, date);
      await openPeople(page, site.people);
      if (n > 1) assert.ok(!(await cardFacts(c)).actions.includes('let-go'), `"Let go" offered on ${date} before try ${n}`);
      await action(c, 'attempt').click();
      await eventually(async () => {
        const f = await cardFacts(c);
        assert.equal(f.status, 'waiting', show(f));
        assert.match(f.statusText, new RegExp(`attempt ${n} of 3`, 'i'), show(f));
      });
    };
    await tryOn(DAY0, 1);
    await tryOn(addDays(DAY0, 7), 2);
    await tryOn(addDays(DAY0, 14), 3);
    const log = (await storedPeople(page, site.key))[0].log;
    assert.deepEqual(log.map((e) => [e.type, e.date]), [0, 7, 14].map((n) => ['attempt', addDays(DAY0, n)]), show(log));

    // Not before the follow-up period is over.
    for (const n of [14, 20]) {
      await setDate(page, addDays(DAY0, n));
      await openPeople(page, site.people);
      const f = await cardFacts(c);
      assert.ok(!f.actions.includes('let-go'), `"Let go" offered on day ${n} (the last try was on day 14): ${show(f)}`);
    }

    // Past it: offered, not applied.
    await setDate(page, addDays(DAY0, 22));
    await openPeople(page, site.people);
    const offered = await eventually(async () => {
      const f = await cardFacts(c);
      assert.ok(f.actions.includes('let-go'), `"Let go" is not offered after 3 tries and the follow-up period: ${show(f)}`);
      return f;
    });
    assert.equal(offered.status, 'waiting', `the page let go by itself: ${show(offered)}`);
    assert.doesNotMatch(offered.statusText, /let go/i, show(offered));
    assert.ok(!(await storedPeople(page, site.key))[0].log.some((e) => e.type === 'let-go'), 'a let-go entry was stored without the visitor choosing it');
    await page.reload();
    await ph(page, 'app').waitFor({ state: 'visible' });
    assert.equal((await cardFacts(c)).status, 'waiting', 'let go applied by itself after a reload');

    await action(c, 'let-go').click();
    await eventually(async () => {
      const f = await cardFacts(c);
      assert.equal(f.status, 'let-go', show(f));
      assert.match(f.statusText, /let go/i, show(f));
      assert.ok(!f.actions.includes('let-go'), 'still offering "Let go"');
    });
    const last = (await storedPeople(page, site.key))[0].log.at(-1);
    assert.deepEqual(last, { type: 'let-go', date: addDays(DAY0, 22) });
    assert.deepEqual(await idsIn(page, 'due'), [], 'a person let go is still due');
  });
});

test('due follow-ups on faked dates: due today on D+7 and overdue by 2 days on D+9 under "This week" with the follow-up example (?person=id); reply and "we talked" change the status; "Not now" snoozes without counting a try', async () => {
  const ana = person({ name: 'Ana Lima', channel: 'email', contact: 'ana@example.com' });
  const ben = person({ name: 'Ben Okafor', channel: 'email' });
  const followUp = exampleFor('follow-up', 'email');
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [ana, ben] });
    await openPeople(page, site.people);
    for (const p of [ana, ben]) await action(card(page, 'list', p.id), 'attempt').click();
    await eventually(async () => {
      const log = (await storedPeople(page, site.key)).map((p) => p.log);
      assert.deepEqual(log, [[attempt(DAY0, 'email')], [attempt(DAY0, 'email')]], show(log));
    });
    assert.deepEqual(await idsIn(page, 'due'), [], 'due on the day of the first message');

    await setDate(page, addDays(DAY0, 6));
    await openPeople(page, site.people);
    assert.deepEqual(await idsIn(page, 'due'), [], 'due a day early');

    const week = ph(page, 'week');
    const dueCard = (p) => week.locator(`[data-people="due"] > li[data-person-id="${p.id}"]`);
    await setDate(page, addDays(DAY0, 7));
    await openPeople(page, site.people);
    assert.match(await text(week.locator('h2')), /^This week$/i);
    await eventually(async () => assert.deepEqual(await idsIn(page, 'due'), [ana.id, ben.id]));
    let f = await cardFacts(dueCard(ana));
    assert.equal(f.name, 'Ana Lima');
    assert.equal(f.due, 'today', show(f));
    assert.match(f.next, /due today/i, show(f));
    const expected = new URL(`${followUp.url}?person=${encodeURIComponent(ana.id)}`, env.site.origin).href;
    assert.deepEqual(f.message, { href: expected, text: followUp.title }, `suggested message on the due card: ${show(f)}`);

    await setDate(page, addDays(DAY0, 9));
    await openPeople(page, site.people);
    f = await cardFacts(dueCard(ana));
    assert.equal(f.due, 'overdue', show(f));
    assert.match(f.next, /overdue by 2 days/i, show(f));
    assert.equal(f.message?.href, expected);

    // They replied: off the due list, status "replied".
    await action(dueCard(ana), 'reply').click();
    await eventually(async () => {
      assert.deepEqual(await idsIn(page, 'due'), [ben.id], 'Ana is still due after her reply');
      const g = await cardFacts(card(page, 'list', ana.id));
      assert.equal(g.status, 'replied', show(g));
      assert.match(g.statusText, /replied/i, show(g));
    });
    // You talked: reconnected.
    await action(card(page, 'list', ana.id), 'reconnected').click();
    await eventually(async () => {
      const g = await cardFacts(card(page, 'list', ana.id));
      assert.equal(g.status, 'reconnected', show(g));
      assert.match(g.statusText, /reconnected/i, show(g));
    });
    assert.deepEqual((await storedPeople(page, site.key))[0].log.map((e) => [e.type, e.date]),
      [['attempt', DAY0], ['reply', addDays(DAY0, 9)], ['reconnected', addDays(DAY0, 9)]]);

    // Not now: Ben leaves the due list for 3 days, and it is not a try.
    await action(dueCard(ben), 'snooze').click();
    await eventually(async () => assert.deepEqual(await idsIn(page, 'due'), [], 'Ben is still due after "Not now"'));
    const benLog = (await storedPeople(page, site.key))[1].log;
    assert.equal(benLog.filter((e) => e.type === 'attempt').length, 1, `"Not now" counted as a try: ${show(benLog)}`);
    assert.deepEqual(benLog.at(-1), { type: 'snooze', date: addDays(DAY0, 9), until: addDays(DAY0, 12) });
    assert.match((await cardFacts(card(page, 'list', ben.id))).statusText, /attempt 1 of 3/i);
    await setDate(page, addDays(DAY0, 12));
    await openPeople(page, site.people);
    f = await cardFacts(dueCard(ben));
    assert.equal(f.due, 'today', `Ben is not due again when the "not now" ends: ${show(f)}`);
    assert.match(f.statusText, /attempt 1 of 3/i, show(f));
  });
});

test('this week: up to 5 picks, a 6th refused; logging a pick counts towards the 5; "Suggest" fills the free places; home shows the one-line summary linking to the people page', async () => {
  const fresh = Array.from({ length: 7 }, (_, i) => person({ name: `Person ${i + 1}` }));
  const due = person({ name: 'Gus Due', log: [attempt(addDays(DAY0, -8))] });
  const all = [...fresh, due];
  await withClock(env, { date: DAY0 }, async (page) => {
    await seedV2(page, env.site, site.key, { people: all });
    await openPeople(page, site.people);
    assert.deepEqual(await idsIn(page, 'picks'), []);
    assert.ok(await ph(page, 'suggest').isVisible(), 'no "Suggest" while the week has free places');
    for (const p of fresh.slice(0, 5)) {
      await action(card(page, 'list', p.id), 'pick').click();
      await eventually(async () => assert.ok((await idsIn(page, 'picks')).includes(p.id), `${p.name} not picked`));
    }
    assert.deepEqual(await idsIn(page, 'picks'), fresh.slice(0, 5).map((p) => p.id));
    assert.deepEqual((await stored(page, site.key)).plan, { week: DAY0, ids: fresh.slice(0, 5).map((p) => p.id) });

    // A sixth is refused: no usable pick button anywhere, no "Suggest".
    const canPick = async (p) => {
      const b = action(card(page, 'list', p.id), 'pick');
      return (await b.count()) > 0 && (await b.isVisible()) && (await b.isEnabled());
    };
    for (const p of fresh.slice(5)) assert.equal(await canPick(p), false, `${p.name} can still be picked with 5 picks`);
    assert.equal(await ph(page, 'suggest').isVisible(), false, '"Suggest" shown with a full week');
    assert.equal(await canPick(due), false, 'a person waiting for a reply can be picked');

    // Writing to a pick: now contacted this week, still one of the 5.
    await action(card(page, 'list', fresh[0].id), 'attempt').click();
    await eventually(async () => assert.deepEqual(await idsIn(page, 'picks'), fresh.slice(1, 5).map((p) => p.id)));
    assert.match(await text(ph(page, 'week-progress')), /\b1 of 5\b/);
    assert.match(await text(ph(page, 'contacted')), /Person 1/);
    for (const p of fresh.slice(5)) assert.equal(await canPick(p), false, `${p.name} can be picked with 1 contacted + 4 picks`);

    // Two unpicked: "Suggest" fills their places with the first new people of the list.
    for (const p of [fresh[1], fresh[3]]) await action(card(page, 'picks', p.id), 'unpick').click();
    await eventually(async () => assert.deepEqual(await idsIn(page, 'picks'), [fresh[2].id, fresh[4].id]));
    assert.equal(await canPick(fresh[5]), true, 'no free place after unpicking');
    await ph(page, 'suggest').click();
    await eventually(async () => {
      const ids = await idsIn(page, 'picks');
      assert.deepEqual([...ids].sort(), [fresh[1], fresh[2], fresh[3], fresh[4]].map((p) => p.id).sort(), show(ids));
    });
    assert.equal(await ph(page, 'suggest').isVisible(), false);

    // Home: one line, linking to the people page.
    await page.goto(env.urls.home);
    const summary = page.locator('[data-people-summary]');
    await eventually(async () => assert.ok(await summary.first().isVisible(), 'no people summary on home'));
    const s = await summary.first().evaluate((el) => ({ text: el.textContent.replace(/\s+/g, ' ').trim(), links: [...el.querySelectorAll('a[href]')].map((a) => a.href) }));
    assert.match(s.text, /\b1 follow-up due\b/, show(s));
    assert.ok(s.links.length >= 1 && s.links.every((h) => h === site.people), `the summary does not link to ${site.people}: ${show(s)}`);
    await summary.first().locator('a').first().click();
    await page.waitForURL(site.people);
  });
});

test('two tabs: a person added in one shows up in the other, and a try logged there comes back', async () => {
  await withPage({}, async (page, context) => {
    await openPeople(page, site.people);
    const other = await context.newPage();
    await openPeople(other, site.people);
    const id = await addPerson(page, site.key, { name: 'Tab Person' });
    await eventually(async () => {
      assert.deepEqual(await idsIn(other, 'list'), [id], 'the other tab does not show the new person');
      assert.match((await listProgress(other)).text, /\b1 of 20\b/);
    });
    await action(card(other, 'list', id), 'attempt').click();
    await eventually(async () => assert.equal((await cardFacts(card(page, 'list', id))).status, 'waiting', 'the first tab missed the try'));
    assert.equal(await idOf(page, site.key, 'Tab Person'), id);
  });
});

test('no page errors, console errors, CSP violations or off-site requests during the people tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
