// The planning week, this week's picks and suggestions, who is due, and the summary counts.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weekOf, weekPlan, pick, unpick, suggest, peopleSummary } from '../../themes/default/static/js/people-core.js';
import { emptyState } from '../../themes/default/static/js/tracker-core.js';

const S = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };
const A = (date) => ({ type: 'attempt', date, channel: 'email', note: '' });
const R = (date) => ({ type: 'reply', date, note: '' });
const C = (date) => ({ type: 'reconnected', date, note: '' });
const Z = (date, until) => ({ type: 'snooze', date, until });
const L = (date) => ({ type: 'let-go', date });
const person = (id, ...log) => ({ id, name: id.toUpperCase(), relation: 'other', channel: 'email', contact: '', notes: '', addedOn: '2026-11-01', log });

function deepFreeze(o) {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

const state = (people, fields = {}) => deepFreeze({ ...emptyState(), startedOn: '2026-11-23', people, ...fields });

test('weekOf: 7-day weeks counted from the start date', () => {
  assert.deepEqual(weekOf('2026-11-23', '2026-11-23'), { start: '2026-11-23', end: '2026-11-29' });
  assert.deepEqual(weekOf('2026-11-29', '2026-11-23'), { start: '2026-11-23', end: '2026-11-29' });
  assert.deepEqual(weekOf('2026-11-30', '2026-11-23'), { start: '2026-11-30', end: '2026-12-06' });
  // Started on a Wednesday: weeks run Wednesday to Tuesday.
  assert.deepEqual(weekOf('2026-12-01', '2026-11-25'), { start: '2026-11-25', end: '2026-12-01' });
  assert.deepEqual(weekOf('2026-12-02', '2026-11-25'), { start: '2026-12-02', end: '2026-12-08' });
  assert.deepEqual(weekOf('2027-01-05', '2026-12-29'), { start: '2027-01-05', end: '2027-01-11' }, 'across a year end');
  assert.deepEqual(weekOf('2028-03-05', '2028-02-27'), { start: '2028-03-05', end: '2028-03-11' }, 'across a leap day');
  assert.deepEqual(weekOf('2028-03-04', '2028-02-27'), { start: '2028-02-27', end: '2028-03-04' });
  assert.deepEqual(weekOf('2026-04-01', '2026-03-04'), { start: '2026-04-01', end: '2026-04-07' }, 'across DST changes, four weeks later');
});

test('weekOf: before the challenge starts, Monday to Sunday of today', () => {
  assert.deepEqual(weekOf('2026-11-26', null), { start: '2026-11-23', end: '2026-11-29' }, 'a Thursday');
  assert.deepEqual(weekOf('2026-11-23', null), { start: '2026-11-23', end: '2026-11-29' }, 'a Monday');
  assert.deepEqual(weekOf('2026-11-29', null), { start: '2026-11-23', end: '2026-11-29' }, 'a Sunday');
  assert.deepEqual(weekOf('2026-11-26', '2026-12-01'), { start: '2026-11-23', end: '2026-11-29' }, 'a start date still to come');
  assert.deepEqual(weekOf('2026-12-31', null), { start: '2026-12-28', end: '2027-01-03' });
  assert.deepEqual(weekOf('2028-03-01', undefined), { start: '2028-02-28', end: '2028-03-05' });
  assert.deepEqual(weekOf('1970-01-01', null), { start: '1969-12-29', end: '1970-01-04' }, 'before day 0');
});

// Today is Wednesday 2026-12-02, in week 2 (2026-11-30 .. 2026-12-06).
const T = '2026-12-02';
const WEEK = { start: '2026-11-30', end: '2026-12-06' };
const PEOPLE = [
  person('a', A('2026-11-24')), // contacted last week: due 2026-12-01
  person('b', A('2026-11-30')), // contacted this week
  person('c'), // new
  person('d', Z('2026-12-01', '2026-12-04')), // new, snoozed
  person('e'), // new, picked
  person('f', A('2026-11-10'), R('2026-11-12')), // replied: due since 2026-11-19
  person('g', A('2026-12-06')), // first attempt dated later this week (back-filled plans count too)
  person('h', L('2026-11-25')), // let go
  person('i'), // new
  person('j', Z('2026-11-20', '2026-11-23')), // new, snooze over: due since 2026-11-23
  person('k'), // new
  person('l', A('2026-10-01'), R('2026-10-02'), C('2026-10-02'), A('2026-12-01')), // keep in touch, first attempt long ago
];

test('weekPlan: contacted, picks, free places, suggestions and due', () => {
  const s = state(PEOPLE, { plan: { week: WEEK.start, ids: ['e', 'b', 'gone'] } });
  const p = weekPlan(s, T, S);
  assert.deepEqual(p.week, WEEK);
  assert.equal(p.target, 5);
  assert.deepEqual(p.contacted, ['b', 'g']);
  assert.deepEqual(p.picked, ['e'], 'b was contacted since it was picked; "gone" is not on the list');
  assert.equal(p.free, 2);
  assert.deepEqual(p.suggestions, ['c', 'i'], 'the first new, un-snoozed, unpicked people, at most the free places');
  assert.deepEqual(p.due.map((x) => [x.id, x.next, x.status]), [
    ['f', '2026-11-19', 'replied'],
    ['j', '2026-11-23', 'new'],
    ['a', '2026-12-01', 'waiting'],
  ], 'oldest first; no new person without a snooze that ended, no let go');
  assert.deepEqual(Object.keys(p.due[0]).slice(0, 3), ['id', 'status', 'attempts']);
  assert.equal(p.due[0].due, 'overdue');
  assert.equal(p.due[0].daysLate, 13);
});

test('weekPlan: the snoozed person is suggested once the snooze is over, and the free places never go below 0', () => {
  const s = state(PEOPLE);
  assert.deepEqual(weekPlan(s, T, S).suggestions, ['c', 'e', 'i'], 'no plan: 3 free places');
  assert.deepEqual(weekPlan(s, '2026-12-04', S).suggestions, ['c', 'd', 'e'], 'd is no longer snoozed');
  const busy = state(['p', 'q', 'r', 's', 't', 'u'].map((id) => person(id, A('2026-12-01'))).concat([person('v')]));
  const p = weekPlan(busy, T, S);
  assert.equal(p.contacted.length, 6);
  assert.equal(p.free, 0);
  assert.deepEqual(p.suggestions, []);
});

test('weekPlan: a plan from another week is not this week\'s', () => {
  const s = state(PEOPLE, { plan: { week: '2026-11-23', ids: ['c', 'e'] } });
  assert.deepEqual(weekPlan(s, T, S).picked, []);
  assert.deepEqual(weekPlan(s, '2026-11-25', S).picked, ['c', 'e'], 'in its own week it is');
  assert.deepEqual(weekPlan(state([person('c')], { startedOn: null, plan: { week: '2026-11-30', ids: ['c'] } }), T, S).picked, ['c'], 'Monday weeks before the start');
});

test('pick: adds a new person to this week\'s plan, starting a fresh plan for a new week', () => {
  const s = state(PEOPLE, { plan: { week: '2026-11-23', ids: ['c', 'x'] } });
  const s1 = pick(s, 'i', T, S);
  assert.deepEqual(s1.plan, { week: WEEK.start, ids: ['i'] });
  const s2 = pick(s1, 'k', T, S);
  assert.deepEqual(s2.plan, { week: WEEK.start, ids: ['i', 'k'] });
  assert.deepEqual(s.plan, { week: '2026-11-23', ids: ['c', 'x'] }, 'the input is unchanged');
  assert.equal(s2.people, s.people);
  assert.deepEqual(pick(state(PEOPLE, { plan: { week: WEEK.start, ids: [], why: 'kept' } }), 'c', T, S).plan, { week: WEEK.start, ids: ['c'], why: 'kept' });
  assert.equal(pick(s2, 'i', T, S), s2, 'already picked');
  assert.equal(pick(s2, 'a', T, S), s2, 'not new (waiting)');
  assert.equal(pick(s2, 'h', T, S), s2, 'not new (let go)');
  assert.equal(pick(s2, 'nobody', T, S), s2, 'not on the list');
  const s3 = pick(s2, 'c', T, S);
  assert.equal(weekPlan(s3, T, S).free, 0);
  assert.equal(pick(s3, 'e', T, S), s3, 'no free place left');
});

test('unpick and suggest', () => {
  const s = state(PEOPLE, { plan: { week: WEEK.start, ids: ['e', 'c'] } });
  const s1 = unpick(s, 'e', T);
  assert.deepEqual(s1.plan, { week: WEEK.start, ids: ['c'] });
  assert.deepEqual(s.plan.ids, ['e', 'c']);
  assert.equal(unpick(s1, 'e', T), s1, 'not picked: no change');
  assert.equal(unpick(state(PEOPLE), 'e', T).plan, null);
  const s2 = suggest(s1, T, S);
  assert.deepEqual(s2.plan.ids, ['c', 'e', 'i'], 'the free places filled in list order');
  assert.equal(weekPlan(s2, T, S).free, 0);
  assert.deepEqual(suggest(state(PEOPLE, { plan: { week: '2026-11-23', ids: ['k'] } }), T, S).plan, { week: WEEK.start, ids: ['c', 'e', 'i'] }, 'a fresh plan for a new week');
  const full = suggest(s2, T, S);
  assert.equal(full, s2, 'nothing to suggest: no change');
});

test('peopleSummary: the counts for the overview', () => {
  const s = state(PEOPLE, { plan: { week: WEEK.start, ids: ['e'] } });
  assert.deepEqual(peopleSummary(s, T, S), {
    count: 12, listSize: 20, due: 3, overdue: 3, contactedThisWeek: 2, weeklyTarget: 5, picked: 1, waiting: 3, reconnected: 1,
  });
  assert.deepEqual(peopleSummary(state([]), T, { ...S, list_size: 10, weekly_target: 3 }), {
    count: 0, listSize: 10, due: 0, overdue: 0, contactedThisWeek: 0, weeklyTarget: 3, picked: 0, waiting: 0, reconnected: 0,
  });
  assert.equal(peopleSummary(s, '2026-12-01', S).overdue, 2, 'a is due today, not overdue');
  assert.equal(peopleSummary(s, '2026-12-01', S).due, 3);
});
