// "Calendar reminders" on the people page: the downloaded .ics, parsed with an independent
// parser (ical.js): the challenge's 7 days at the picked time, follow-ups of the people with a
// next date, one UID and DTSTAMP per event, UIDs stable across downloads, VALARM, CRLF line
// ends, no physical line over 75 octets. Contract: docs/tracker.md. Each test has its own context.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { show } from './lib/site.mjs';
import { eventually, stored, addDays } from './lib/tracker.mjs';
import {
  usePeopleSite, DAY0, ZONE, person, attempt, reply, letGo, withClock, setDate, seedV2, ph, openPeople,
} from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;


/** Clicks "Download the calendar file"; returns { name, text }. */
async function downloadIcs(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), ph(page, 'ics-download').click()]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text };
}

/** The file's physical lines: CRLF only, none over 75 octets. */
function checkLines(text) {
  assert.ok(text.endsWith('\r\n'), 'the file does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  const bare = lines.filter((l) => /[\r\n]/.test(l));
  assert.deepEqual(bare, [], 'bare CR or LF line ends');
  const long = lines.filter((l) => Buffer.byteLength(l, 'utf8') > 75);
  assert.deepEqual(long, [], `physical lines over 75 octets: ${show(long.map((l) => [Buffer.byteLength(l, 'utf8'), l]))}`);
  return lines;
}

/** Parses the file with ical.js: one VEVENT per entry, with what the tests look at. */
function events(text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  assert.equal(cal.name, 'vcalendar');
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  assert.ok(cal.getFirstPropertyValue('prodid'), 'no PRODID');
  return cal.getAllSubcomponents('vevent').map((ev) => {
    const start = ev.getFirstProperty('dtstart');
    const t = start.getFirstValue();
    return {
      uids: ev.getAllProperties('uid').map((p) => p.getFirstValue()),
      stamps: ev.getAllProperties('dtstamp').map((p) => p.getFirstValue()),
      start: t.toString(), // "YYYY-MM-DDTHH:MM:SS" as written
      startZone: start.getParameter('tzid') || (t.zone === ICAL.Timezone.utcTimezone ? 'UTC' : 'floating'),
      isDate: t.isDate,
      summary: ev.getFirstPropertyValue('summary'),
      alarms: ev.getAllSubcomponents('valarm').map((a) => ({ action: a.getFirstPropertyValue('action'), trigger: a.getFirstPropertyValue('trigger')?.toString() })),
    };
  });
}

test('the .ics: 7 challenge days from the start date at the picked time, follow-ups of the people with a next date, one UID/DTSTAMP each, stable UIDs, VALARM, CRLF, lines of at most 75 octets', async () => {
  const TODAY = DAY0; // the challenge starts today: all 7 days are ahead
  const ana = person({ name: 'Ana Lima', log: [attempt(addDays(DAY0, -9))] }); // due since DAY0-2: overdue
  const ben = person({ name: 'Ben Okafor', log: [attempt(addDays(DAY0, -4))] }); // next DAY0+3
  const cara = person({ name: 'Cara New' }); // no next date
  const dora = person({ name: 'Dora Gone', log: [attempt(addDays(DAY0, -20)), letGo(addDays(DAY0, -2))] });
  const long = 'Zoë Ångström-Łukasiewicz 🎉 Müller-Lüdenscheidt van der Berg-Ørsted, née Ñúñez';
  const eve = person({ name: long, log: [attempt(addDays(DAY0, -10)), reply(addDays(DAY0, -1))] }); // next DAY0+6
  await withClock(env, { date: TODAY }, async (page) => {
    await seedV2(page, env.site, site.key, { startedOn: DAY0, people: [ana, ben, cara, dora, eve] });
    await openPeople(page, site.people);
    const cal = ph(page, 'calendar');
    assert.ok(await cal.isVisible(), 'no calendar section');
    assert.equal(await ph(page, 'ics-days').isEnabled(), true, 'challenge days disabled although the challenge started');
    await ph(page, 'reminder-time').fill('07:30');
    const first = await downloadIcs(page);
    assert.match(first.name, /\.ics$/, first.name);
    checkLines(first.text);
    await eventually(async () => assert.deepEqual((await stored(page, site.key)).reminders, { time: '07:30' }));

    const evs = events(first.text);
    for (const e of evs) {
      assert.equal(e.uids.length, 1, `UIDs: ${show(e)}`);
      assert.equal(e.stamps.length, 1, `DTSTAMPs: ${show(e)}`);
      assert.equal(e.stamps[0].zone, ICAL.Timezone.utcTimezone, `DTSTAMP not in UTC: ${show(e)}`);
      assert.ok(e.alarms.length >= 1 && e.alarms.every((a) => a.action && a.trigger), `no VALARM: ${show(e)}`);
      assert.equal(e.isDate, false);
      assert.ok(e.startZone === 'floating' || e.startZone === ZONE, `the start time is not the visitor's local time: ${show(e)}`);
    }
    const uids = evs.map((e) => e.uids[0]);
    assert.equal(new Set(uids).size, uids.length, `duplicate UIDs: ${show(uids)}`);

    // The challenge: day n on startedOn + n - 1 at 07:30, named after the day.
    const isDay = (e) => site.data.days.some((d) => e.summary.includes(d.title));
    const days = evs.filter(isDay);
    assert.deepEqual(days.map((e) => e.start), site.data.days.map((d) => `${addDays(DAY0, d.day - 1)}T07:30:00`), show(evs.map((e) => [e.start, e.summary])));
    for (const [i, e] of days.entries()) assert.match(e.summary, new RegExp(`\\b${site.data.days[i].day}\\b`), e.summary);

    // People: Ana (overdue, so today), Ben and Eve on their next dates; nobody else.
    const rest = evs.filter((e) => !isDay(e));
    const forName = (list, n) => list.filter((e) => e.summary.includes(n));
    assert.equal(rest.length, 3, `person events: ${show(rest.map((e) => [e.start, e.summary]))}`);
    assert.deepEqual(forName(rest, 'Ana Lima').map((e) => e.start), [`${TODAY}T07:30:00`], 'Ana (overdue) is not on today');
    assert.deepEqual(forName(rest, 'Ben Okafor').map((e) => e.start), [`${addDays(DAY0, 3)}T07:30:00`]);
    assert.deepEqual(forName(rest, long).map((e) => e.start), [`${addDays(DAY0, 6)}T07:30:00`], `the long name did not survive folding: ${show(rest.map((e) => e.summary))}`);
    assert.deepEqual([...forName(rest, 'Cara New'), ...forName(rest, 'Dora Gone')], [], 'events for people with no next date');

    // A second download later the same day: the same UIDs.
    await setDate(page, TODAY, '11:45');
    await openPeople(page, site.people);
    assert.equal(await ph(page, 'reminder-time').inputValue(), '07:30', 'the picked time was not kept');
    const second = await downloadIcs(page);
    checkLines(second.text);
    assert.deepEqual(events(second.text).map((e) => e.uids[0]).sort(), [...uids].sort(), 'UIDs changed between two downloads');

    // Three days on: the days left and the same people, under the same UIDs.
    await setDate(page, addDays(DAY0, 3));
    await openPeople(page, site.people);
    const third = events((await downloadIcs(page)).text);
    for (const e of third) {
      const was = evs.find((x) => x.summary === e.summary);
      assert.ok(was, `a new event three days on: ${show(e)}`);
      assert.equal(e.uids[0], was.uids[0], `UID of "${e.summary}" changed three days on`);
    }
    assert.deepEqual(third.filter(isDay).map((e) => e.start), site.data.days.slice(3).map((d) => `${addDays(DAY0, d.day - 1)}T07:30:00`), 'the days left, from today');
    assert.equal(third.filter((e) => !isDay(e)).length, 3, 'the people events three days on');
  });
});

test('before the challenge starts the days cannot be chosen (and say why); the file holds the follow-ups only', async () => {
  const ana = person({ name: 'Ana Lima', log: [attempt(DAY0)] });
  await withClock(env, { date: addDays(DAY0, 3) }, async (page) => {
    await seedV2(page, env.site, site.key, { people: [ana] });
    await openPeople(page, site.people);
    assert.equal(await ph(page, 'ics-days').isDisabled(), true, 'challenge days can be chosen before the start');
    assert.ok(await ph(page, 'ics-days-note').isVisible(), 'no note saying why the days cannot be chosen');
    const { text } = await downloadIcs(page);
    checkLines(text);
    const evs = events(text);
    assert.deepEqual(evs.map((e) => [e.start, e.summary.includes('Ana Lima')]), [[`${addDays(DAY0, 7)}T09:00:00`, true]], show(evs));
  });
});

test('no page errors, console errors, CSP violations or off-site requests during the calendar tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
