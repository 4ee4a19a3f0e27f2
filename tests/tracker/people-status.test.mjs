// A person's status, derived from their log: counts, next date, due, step and "let go" offers.
// Run plainly, this file checks the zone it runs in; its last tests run it again (a child
// `node --test`) under TZ=America/New_York and TZ=Europe/Berlin, whose DST changes fall on
// 2026-03-08 / 2026-11-01 and 2026-03-29 / 2026-10-25: due dates must stay calendar-exact.
import './strings.mjs';
import { test } from 'node:test';
import { tzMatrix } from './tz-matrix.mjs';
import assert from 'node:assert/strict';
import { personStatus, STEPS } from '../../themes/default/static/js/people-core.js';
import { localDate } from '../../themes/default/static/js/dates.js';

const ZONE = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
const S = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };
const A = (date, channel = 'email') => ({ type: 'attempt', date, channel, note: '' });
const R = (date) => ({ type: 'reply', date, note: '' });
const C = (date) => ({ type: 'reconnected', date, note: '' });
const Z = (date, until) => ({ type: 'snooze', date, until });
const L = (date) => ({ type: 'let-go', date });
const who = (...log) => Object.freeze({ id: 'p-1', name: 'Ana', relation: 'boss', channel: 'email', contact: '', notes: '', addedOn: '2026-11-01', log: Object.freeze(log) });
const st = (log, today, settings = S) => personStatus(who(...log), today, settings);
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));

test('a new person: nothing logged yet, first contact suggested, no date', () => {
  assert.deepEqual(st([], '2026-11-23'), {
    status: 'new', attempts: 0, maxAttempts: 3, lastContact: null, firstAttempt: null, next: null,
    due: null, daysLate: 0, daysLeft: 0, snoozedUntil: null, offerLetGo: false, step: 'first-contact',
  });
  assert.equal(personStatus({ id: 'p-2', name: 'No log' }, '2026-11-23', S).status, 'new', 'a person without a log is new');
});

test('waiting, max_attempts 3: follow-up, then last try, then nothing to send and "let go" offered once the date comes', () => {
  const one = st([A('2026-11-02')], '2026-11-05');
  assert.deepEqual(pick(one, ['status', 'attempts', 'lastContact', 'firstAttempt', 'next', 'due', 'daysLeft', 'daysLate', 'step', 'offerLetGo']), {
    status: 'waiting', attempts: 1, lastContact: '2026-11-02', firstAttempt: '2026-11-02', next: '2026-11-09', due: 'later', daysLeft: 4, daysLate: 0, step: 'follow-up', offerLetGo: false,
  });
  assert.equal(st([A('2026-11-02')], '2026-11-09').due, 'today');
  assert.deepEqual(pick(st([A('2026-11-02')], '2026-11-12'), ['due', 'daysLate', 'daysLeft']), { due: 'overdue', daysLate: 3, daysLeft: 0 });
  const two = st([A('2026-11-02'), A('2026-11-09')], '2026-11-10');
  assert.deepEqual(pick(two, ['attempts', 'next', 'step', 'firstAttempt']), { attempts: 2, next: '2026-11-16', step: 'last-try', firstAttempt: '2026-11-02' });
  const three = [A('2026-11-02'), A('2026-11-09'), A('2026-11-16')];
  assert.deepEqual(pick(st(three, '2026-11-20'), ['status', 'attempts', 'step', 'offerLetGo', 'next']), { status: 'waiting', attempts: 3, step: null, offerLetGo: false, next: '2026-11-23' });
  assert.equal(st(three, '2026-11-23').offerLetGo, true, 'on the next date');
  assert.equal(st(three, '2026-12-20').offerLetGo, true, 'and after it');
  assert.equal(st([...three, A('2026-11-24')], '2026-12-20').offerLetGo, true, 'a fourth try is counted, never blocked');
  assert.equal(st([...three, A('2026-11-24')], '2026-12-20').attempts, 4);
});

test('max_attempts 1: the first try is the only one; let go is offered after the wait', () => {
  const one = { ...S, max_attempts: 1 };
  assert.equal(st([], '2026-11-02', one).step, 'first-contact');
  const s = st([A('2026-11-02')], '2026-11-03', one);
  assert.deepEqual(pick(s, ['status', 'attempts', 'maxAttempts', 'step', 'offerLetGo']), { status: 'waiting', attempts: 1, maxAttempts: 1, step: null, offerLetGo: false });
  assert.equal(st([A('2026-11-02')], '2026-11-09', one).offerLetGo, true);
  const two = { ...S, max_attempts: 2 };
  assert.equal(st([A('2026-11-02')], '2026-11-03', two).step, 'last-try', 'max 2: the second try is the last');
});

test('a reply after two attempts, then silence: replied, thank-you due, never "let go"', () => {
  const log = [A('2026-11-02'), A('2026-11-09'), R('2026-11-10')];
  const s = st(log, '2026-12-30');
  assert.deepEqual(pick(s, ['status', 'attempts', 'lastContact', 'next', 'due', 'daysLate', 'step', 'offerLetGo']), {
    status: 'replied', attempts: 0, lastContact: '2026-11-10', next: '2026-11-17', due: 'overdue', daysLate: 43, step: 'thank-you', offerLetGo: false,
  });
  const after = st([...log, A('2026-11-20')], '2026-11-21');
  assert.deepEqual(pick(after, ['status', 'attempts', 'step', 'firstAttempt']), { status: 'waiting', attempts: 1, step: 'follow-up', firstAttempt: '2026-11-02' }, 'attempts count again from the reply');
});

test('reconnected, then keep in touch: check-ins every keep_in_touch_days, never "let go"', () => {
  const log = [A('2026-11-02'), R('2026-11-03'), C('2026-11-10')];
  assert.deepEqual(pick(st(log, '2026-11-11'), ['status', 'next', 'step', 'due']), { status: 'reconnected', next: '2027-02-08', step: 'check-in', due: 'later' });
  const tries = [...log, A('2027-02-08'), A('2027-02-20'), A('2027-03-01'), A('2027-03-10')];
  const s = st(tries, '2027-09-01');
  assert.deepEqual(pick(s, ['status', 'attempts', 'lastContact', 'next', 'due', 'step', 'offerLetGo']), {
    status: 'keep-in-touch', attempts: 4, lastContact: '2027-03-10', next: '2027-06-08', due: 'overdue', step: 'check-in', offerLetGo: false,
  });
  assert.equal(st([...log, R('2027-01-01')], '2027-01-02').status, 'keep-in-touch', 'a reply after a reconnect');
  assert.equal(st([C('2026-11-10')], '2026-11-11').status, 'reconnected', 'a reconnect with nothing before it');
  assert.equal(st([...log, A('2027-02-08'), C('2027-02-10')], '2027-02-11').status, 'reconnected', 'the last contact is a reconnect again');
});

test('let go: no date, no step; attempts after it start a new count', () => {
  const log = [A('2026-11-02'), A('2026-11-09'), A('2026-11-16'), L('2026-11-23')];
  assert.deepEqual(pick(st(log, '2026-12-01'), ['status', 'attempts', 'next', 'due', 'step', 'offerLetGo', 'lastContact']), {
    status: 'let-go', attempts: 0, next: null, due: null, step: null, offerLetGo: false, lastContact: '2026-11-16',
  });
  const again = st([...log, A('2027-03-01')], '2027-03-02');
  assert.deepEqual(pick(again, ['status', 'attempts', 'step', 'next', 'firstAttempt']), { status: 'waiting', attempts: 1, step: 'follow-up', next: '2027-03-08', firstAttempt: '2026-11-02' });
  assert.equal(st([L('2026-11-02')], '2026-11-03').status, 'let-go', 'let go before any contact');
  assert.equal(st([C('2026-11-02'), L('2026-12-01'), A('2027-01-05')], '2027-01-06').status, 'waiting', 'a let-go ends the keep-in-touch chapter too');
  assert.equal(st([...log, Z('2026-11-24', '2026-11-27')], '2026-11-25').next, null, 'a snooze after a let-go does not bring a date back');
});

test('entries are read in date order; entries of one date in the order logged', () => {
  // A back-dated attempt logged after the reply is still before it.
  assert.equal(st([R('2026-11-10'), A('2026-11-02')], '2026-11-11').status, 'replied');
  assert.equal(st([A('2026-11-09'), A('2026-11-02')], '2026-11-11').firstAttempt, '2026-11-02');
  assert.equal(st([A('2026-11-09'), A('2026-11-02')], '2026-11-11').next, '2026-11-16');
  assert.equal(st([A('2026-11-10'), R('2026-11-10')], '2026-11-11').status, 'replied');
  assert.equal(st([R('2026-11-10'), A('2026-11-10')], '2026-11-11').status, 'waiting');
  assert.equal(st([A('2026-11-10'), L('2026-11-10')], '2026-11-11').status, 'let-go');
  assert.equal(st([L('2026-11-10'), A('2026-11-10')], '2026-11-11').status, 'waiting');
  const log = [A('2026-11-10'), R('2026-11-02')];
  const p = who(...log);
  personStatus(p, '2026-11-11', S);
  assert.deepEqual(p.log, log, 'the log itself is not reordered');
});

test('snooze: moves the next date only when it ends later, and is ignored once a later contact is logged', () => {
  const base = [A('2026-11-02')]; // next 2026-11-09
  const later = st([...base, Z('2026-11-08', '2026-11-11')], '2026-11-08');
  assert.deepEqual(pick(later, ['status', 'next', 'snoozedUntil', 'due', 'daysLeft', 'attempts']), { status: 'waiting', next: '2026-11-11', snoozedUntil: '2026-11-11', due: 'later', daysLeft: 3, attempts: 1 });
  assert.equal(st([...base, Z('2026-11-08', '2026-11-11')], '2026-11-11').due, 'today');
  assert.equal(st([...base, Z('2026-11-08', '2026-11-11')], '2026-11-11').snoozedUntil, null, 'over on its last day');
  const earlier = st([...base, Z('2026-11-03', '2026-11-06')], '2026-11-04');
  assert.deepEqual(pick(earlier, ['next', 'snoozedUntil']), { next: '2026-11-09', snoozedUntil: null }, 'ending before the next date: no change');
  const before = st([Z('2026-11-01', '2026-11-30'), A('2026-11-02')], '2026-11-05');
  assert.deepEqual(pick(before, ['next', 'snoozedUntil', 'attempts']), { next: '2026-11-09', snoozedUntil: null, attempts: 1 }, 'a snooze before a later attempt');
  assert.equal(st([A('2026-11-02'), Z('2026-11-03', '2026-11-20'), R('2026-11-04')], '2026-11-05').next, '2026-11-11', 'a reply after the snooze');
  assert.equal(st([...base, Z('2026-11-03', '2026-11-12'), Z('2026-11-04', '2026-11-10')], '2026-11-05').next, '2026-11-10', 'the last snooze counts');
});

test('a new person\'s snooze: hidden until it ends, then due', () => {
  const log = [Z('2026-11-20', '2026-11-23')];
  assert.deepEqual(pick(st(log, '2026-11-21'), ['status', 'next', 'snoozedUntil', 'due', 'daysLeft', 'step']), { status: 'new', next: '2026-11-23', snoozedUntil: '2026-11-23', due: 'later', daysLeft: 2, step: 'first-contact' });
  assert.deepEqual(pick(st(log, '2026-11-23'), ['next', 'snoozedUntil', 'due']), { next: '2026-11-23', snoozedUntil: null, due: 'today' });
  assert.deepEqual(pick(st(log, '2026-11-25'), ['due', 'daysLate', 'attempts']), { due: 'overdue', daysLate: 2, attempts: 0 });
});

test('every step value is one of STEPS', () => {
  const logs = [[], [A('2026-11-02')], [A('2026-11-02'), A('2026-11-03')], [R('2026-11-02')], [C('2026-11-02')]];
  assert.deepEqual(logs.map((l) => st(l, '2026-11-10').step), STEPS);
});

test('due dates across month ends, year ends and leap days', () => {
  const next = (log, settings = S) => st(log, '2020-01-01', settings).next;
  assert.equal(next([A('2026-01-31')]), '2026-02-07');
  assert.equal(next([A('2026-02-25')]), '2026-03-04', '2026 has no leap day');
  assert.equal(next([A('2028-02-25')]), '2028-03-03', '2028 has one');
  assert.equal(next([A('2028-02-29')]), '2028-03-07');
  assert.equal(next([A('2026-12-28')]), '2027-01-04');
  assert.equal(next([R('2026-12-31')]), '2027-01-07');
  assert.equal(next([C('2027-12-01')]), '2028-02-29', '90 days from Dec 1 lands on the leap day');
  assert.equal(next([C('2026-11-30')]), '2027-02-28');
  assert.equal(next([A('2026-04-30')], { ...S, follow_up_days: 1 }), '2026-05-01');
  assert.equal(st([A('2028-02-22')], '2028-03-01').daysLate, 1, '2028-02-29 counts as a day');
  assert.equal(st([A('2026-12-24')], '2027-01-01').daysLate, 1);
  assert.equal(st([Z('2028-02-27', '2028-03-01')], '2028-02-28').daysLeft, 2);
});

test(`[${ZONE}] due dates stay calendar-exact across DST changes, with "today" taken from the local clock`, () => {
  // [attempt, next, a day with a DST change in between]
  const cases = [
    ['2026-03-05', '2026-03-12'], // US spring forward on 03-08
    ['2026-03-25', '2026-04-01'], // EU spring forward on 03-29
    ['2026-10-22', '2026-10-29'], // EU fall back on 10-25
    ['2026-10-29', '2026-11-05'], // US fall back on 11-01
  ];
  for (const [at, want] of cases) {
    const [y, m, d] = at.split('-').map(Number);
    assert.equal(st([A(at)], at).next, want, at);
    for (let k = 0; k <= 10; k += 1) {
      for (const [h, min] of [[0, 5], [1, 30], [2, 30], [12, 0], [23, 55]]) {
        const today = localDate(new Date(y, m - 1, d + k, h, min));
        const s = st([A(at)], today);
        assert.equal(s.next, want);
        assert.equal(s.due, k < 7 ? 'later' : k === 7 ? 'today' : 'overdue', `${at} + ${k} at ${h}:${min} (${today})`);
        assert.equal(s.daysLeft - s.daysLate, 7 - k, `${at} + ${k} at ${h}:${min}`);
      }
    }
  }
  assert.equal(st([C('2026-03-01')], '2026-03-02').next, '2026-05-30');
  assert.equal(st([Z('2026-03-07', '2026-03-10')], '2026-03-09').daysLeft, 1);
  assert.equal(st([Z('2026-10-24', '2026-10-27')], '2026-10-27').due, 'today');
});

tzMatrix(import.meta.url, ['America/New_York', 'Europe/Berlin']);
