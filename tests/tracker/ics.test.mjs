// The calendar file (RFC 5545): escaping, folding, line ends, events of the challenge and of
// the people list, stable UIDs.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, foldLine, calendar, challengeEvents, peopleEvents, siteHash, icsFileName } from '../../themes/default/static/js/ics.js';
import { emptyState } from '../../themes/default/static/js/tracker-core.js';

const S = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 5, 7, 123));
const KEY = 'reachout:/reach-out/';
const ORIGIN = 'https://coach.example';
const HOSTILE = 'Ana; Bob, "C" \\ <img src=x onerror=alert(1)>\nBEGIN:VEVENT';
const octets = (s) => Buffer.byteLength(s, 'utf8');
const unfold = (s) => s.replace(/\r\n[ \t]/g, '');
const A = (date) => ({ type: 'attempt', date, channel: 'email', note: '' });

test('escapeText: backslash, semicolon, comma and line breaks', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
  assert.equal(escapeText(HOSTILE), 'Ana\\; Bob\\, "C" \\\\ <img src=x onerror=alert(1)>\\nBEGIN:VEVENT');
  assert.equal(escapeText('tab\there, bell\x07, nul\x00'), 'tab\there\\, bell\\, nul', 'control characters other than tab are dropped');
  assert.equal(escapeText('colon: fine'), 'colon: fine');
  assert.equal(escapeText(42), '42');
});

test('foldLine: physical lines of at most 75 octets, continuation lines start with a space', () => {
  assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75), '75 octets fit');
  assert.equal(foldLine('x'.repeat(76)), `${'x'.repeat(75)}\r\n x`);
  const long = `DESCRIPTION:${'y'.repeat(300)}`;
  const lines = foldLine(long).split('\r\n');
  assert.deepEqual(lines.map(octets), [75, 75, 75, 75, 16]);
  assert.ok(lines.slice(1).every((l) => l.startsWith(' ')));
  assert.equal(unfold(foldLine(long)), long);
  assert.equal(foldLine(''), '');
});

test('foldLine never splits a UTF-8 character or a surrogate pair', () => {
  for (const ch of ['é', '€', '😀', '👩‍👩‍👧']) {
    for (let pad = 0; pad < 8; pad += 1) {
      const line = `SUMMARY:${'a'.repeat(60 + pad)}${ch.repeat(20)}`;
      const folded = foldLine(line);
      assert.equal(unfold(folded), line, `${ch} + ${pad}`);
      for (const l of folded.split('\r\n')) {
        assert.ok(octets(l) <= 75, `${octets(l)} octets: ${l}`);
        assert.ok(!/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/.test(l), 'a surrogate pair is split');
        assert.ok(!l.includes('\uFFFD'));
      }
      // Full lines are filled as far as the next whole character allows.
      const parts = folded.split('\r\n');
      for (const l of parts.slice(0, -1)) assert.ok(octets(l) > 75 - Buffer.byteLength([...ch][0]), `${octets(l)} octets`);
    }
  }
  const cafe = foldLine(`${'x'.repeat(74)}é`);
  assert.equal(cafe, `${'x'.repeat(74)}\r\n é`, 'a 2-octet character at octet 75 moves to the next line whole');
});

const DAYS = [
  { day: 1, slug: 'day-1', url: '/reach-out/days/list/', title: 'Make your list', goal: 'Write down 20 names.', minutes: 20 },
  { day: 2, slug: 'day-2', url: '/reach-out/days/pick/', title: 'Pick five', goal: 'Choose five people, this week.', minutes: 0 },
  { day: 3, slug: 'day-3', url: '/reach-out/days/write/', title: 'Write; then send, gently', goal: '' },
];

test('challengeEvents: one per day from the start date, across a month end', () => {
  const ev = challengeEvents({ startedOn: '2026-01-30', days: DAYS, time: '08:30', origin: ORIGIN, key: KEY });
  assert.deepEqual(ev.map((e) => e.date), ['2026-01-30', '2026-01-31', '2026-02-01']);
  assert.deepEqual(ev[0], {
    uid: `day-day-1-${siteHash(KEY)}@reachout`,
    date: '2026-01-30',
    time: '08:30',
    minutes: 20,
    summary: 'Reach Out, day 1: Make your list',
    description: `Write down 20 names.\n${ORIGIN}/reach-out/days/list/`,
    url: `${ORIGIN}/reach-out/days/list/`,
  });
  assert.equal(ev[1].minutes, 15, 'no minutes: 15');
  assert.equal(ev[2].description, `${ORIGIN}/reach-out/days/write/`, 'no goal: just the link');
  assert.deepEqual(challengeEvents({ startedOn: '2028-02-28', days: [{ ...DAYS[0], day: 3 }], time: '08:30', origin: ORIGIN, key: KEY })[0].date, '2028-03-01', 'day 3 after a leap day');
});

test('calendar: the header, one VEVENT per event with one UID and DTSTAMP, CRLF everywhere', () => {
  const events = challengeEvents({ startedOn: '2026-12-30', days: DAYS, time: '08:30', origin: ORIGIN, key: KEY });
  const ics = calendar({ name: 'Reach Out, with Ana', events, now: NOW });
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.doesNotMatch(ics.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
  const lines = unfold(ics).split('\r\n').slice(0, -1);
  assert.deepEqual(lines.slice(0, 6), [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Reach Out//Tracker//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Reach Out\\, with Ana',
  ]);
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  const blocks = unfold(ics).split('BEGIN:VEVENT\r\n').slice(1).map((b) => b.split('END:VEVENT')[0].split('\r\n').filter(Boolean));
  assert.equal(blocks.length, 3);
  for (const b of blocks) {
    assert.equal(b.filter((l) => l.startsWith('UID:')).length, 1);
    assert.equal(b.filter((l) => l.startsWith('DTSTAMP:')).length, 1);
    assert.ok(b.includes('DTSTAMP:20261123T090507Z'));
    assert.ok(b.includes(`SEQUENCE:${Math.floor(NOW.getTime() / 60000)}`));
    assert.deepEqual(b.slice(b.indexOf('BEGIN:VALARM')), ['BEGIN:VALARM', 'ACTION:DISPLAY', b.find((l) => l.startsWith('SUMMARY:')).replace('SUMMARY', 'DESCRIPTION'), 'TRIGGER:PT0S', 'END:VALARM']);
  }
  assert.deepEqual(blocks[0].slice(0, 8), [
    `UID:day-day-1-${siteHash(KEY)}@reachout`,
    'DTSTAMP:20261123T090507Z',
    'DTSTART:20261230T083000',
    'DURATION:PT20M',
    'SUMMARY:Reach Out\\, day 1: Make your list',
    `DESCRIPTION:Write down 20 names.\\n${ORIGIN}/reach-out/days/list/`,
    `URL:${ORIGIN}/reach-out/days/list/`,
    `SEQUENCE:${Math.floor(NOW / 60000)}`,
  ]);
  assert.ok(blocks[2].includes('DTSTART:20270101T083000'), 'across a year end');
  assert.ok(blocks[2].includes('SUMMARY:Reach Out\\, day 3: Write\\; then send\\, gently'));
  // Every physical line is short enough.
  for (const l of ics.split('\r\n')) assert.ok(octets(l) <= 75, l);
  assert.equal(calendar({ name: 'Empty', events: [], now: NOW }), 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Reach Out//Tracker//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Empty\r\nEND:VCALENDAR\r\n');
});

test('calendar: a hostile name cannot add lines or properties; a URL is not TEXT-escaped', () => {
  const ics = calendar({
    name: HOSTILE,
    events: [{ uid: 'x\r\nATTACH:evil', date: '2026-11-23', time: '09:00', minutes: 10, summary: HOSTILE, description: HOSTILE, url: 'https://x.example/a,b;c?q=1 2\r\nATTACH:evil' }],
    now: NOW,
  });
  const lines = unfold(ics).split('\r\n');
  assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
  assert.ok(!lines.some((l) => l.startsWith('ATTACH')));
  assert.ok(lines.includes('SUMMARY:Ana\\; Bob\\, "C" \\\\ <img src=x onerror=alert(1)>\\nBEGIN:VEVENT'));
  assert.ok(lines.includes('URL:https://x.example/a,b;c?q=1%202%0D%0AATTACH:evil'));
  assert.ok(lines.includes('UID:x\\nATTACH:evil'));
});

test('siteHash: FNV-1a 32-bit in base 36; file name', () => {
  assert.equal(siteHash(''), (0x811c9dc5).toString(36));
  assert.equal(siteHash('a'), (0xe40c292c).toString(36));
  assert.equal(siteHash('foobar'), (0xbf9cf968).toString(36));
  assert.notEqual(siteHash('reachout:/a/'), siteHash('reachout:/b/'));
  assert.match(siteHash(KEY), /^[0-9a-z]{1,7}$/);
  assert.equal(icsFileName('2026-11-23'), 'reachout-reminders-2026-11-23.ics');
});

const person = (id, name, ...log) => ({ id, name, relation: 'other', channel: 'email', contact: '', notes: '', addedOn: '2026-11-01', log });

test('peopleEvents: one event per person with a next date, worded by status', () => {
  const T = '2026-11-23';
  const state = {
    ...emptyState(),
    people: [
      person('p-late', 'Ana', A('2026-11-02')), // waiting, overdue since 11-09
      person('p-last', 'Bo', A('2026-11-16'), A('2026-11-20')), // last try due 11-27
      person('p-max', 'Cy', A('2026-11-01'), A('2026-11-08'), A('2026-11-15')), // 3 of 3: due today
      person('p-gone', 'Di', A('2026-11-01'), { type: 'let-go', date: '2026-11-20' }),
      person('p-new', 'Ed'),
      person('p-snz', 'Fa', { type: 'snooze', date: '2026-11-22', until: '2026-11-25' }),
      person('p-rep', 'Gi', A('2026-11-10'), { type: 'reply', date: '2026-11-11', note: '' }),
      person('p-con', 'Hu', { type: 'reconnected', date: '2026-11-11', note: '' }),
      person('p-kit', 'Io', { type: 'reconnected', date: '2026-08-01', note: '' }, A('2026-08-10')),
    ],
  };
  const args = { state, today: T, settings: S, time: '09:00', origin: ORIGIN, peopleUrl: '/reach-out/people/', key: KEY };
  const ev = peopleEvents(args);
  const h = siteHash(KEY);
  assert.deepEqual(ev.map((e) => [e.uid, e.date, e.summary]), [
    [`person-p-late-${h}@reachout`, T, 'Follow up with Ana'],
    [`person-p-last-${h}@reachout`, '2026-11-27', 'Last try: Bo'],
    [`person-p-max-${h}@reachout`, T, 'Follow up with Cy'],
    [`person-p-snz-${h}@reachout`, '2026-11-25', 'Reach out to Fa'],
    [`person-p-rep-${h}@reachout`, T, 'Reply to Gi'],
    [`person-p-con-${h}@reachout`, '2027-02-09', 'Check in with Hu'],
    [`person-p-kit-${h}@reachout`, T, 'Check in with Io'],
  ], 'no event for the let-go or the new person; overdue dates move to today');
  assert.deepEqual(ev[0], {
    uid: `person-p-late-${h}@reachout`, date: T, time: '09:00', minutes: 10, summary: 'Follow up with Ana',
    description: `Attempt 1 of 3, no answer yet.\n${ORIGIN}/reach-out/people/`, url: `${ORIGIN}/reach-out/people/`,
  });
  assert.match(ev[1].description, /^Attempt 2 of 3, no answer yet\.\n/);
  assert.match(ev[2].description, /^Attempt 3 of 3, no answer yet\. You can let go/);
  assert.match(ev[4].description, /^They answered on 2026-11-11\./);
  assert.deepEqual(peopleEvents(args), ev, 'the same input gives the same events (stable UIDs)');
  const later = peopleEvents({ ...args, today: '2026-11-26' });
  assert.deepEqual(later.map((e) => e.uid), ev.map((e) => e.uid), 'a later file updates the same events');
  const noPage = peopleEvents({ ...args, peopleUrl: null });
  assert.equal(noPage[0].url, undefined);
  assert.equal(noPage[0].description, 'Attempt 1 of 3, no answer yet.');
  const hostile = peopleEvents({ ...args, state: { people: [person('p-x', HOSTILE, A('2026-11-20'))] } });
  const ics = calendar({ name: 'R', events: hostile, now: NOW });
  assert.equal(unfold(ics).split('\r\n').filter((l) => l === 'BEGIN:VEVENT').length, 1, 'a name cannot start another event');
  assert.equal(peopleEvents({ ...args, state: emptyState() }).length, 0);
});

test('two calls give the same file but for DTSTAMP and SEQUENCE, which grow', () => {
  const events = challengeEvents({ startedOn: '2026-11-23', days: DAYS, time: '08:30', origin: ORIGIN, key: KEY });
  const a = calendar({ name: 'R', events, now: NOW });
  const b = calendar({ name: 'R', events, now: new Date(NOW.getTime() + 3600e3) });
  const strip = (s) => s.replace(/^(DTSTAMP|SEQUENCE):.*$/gm, '');
  assert.equal(strip(a), strip(b));
  const seq = (s) => Number(/SEQUENCE:(\d+)/.exec(s)[1]);
  assert.equal(seq(b) - seq(a), 60);
});
