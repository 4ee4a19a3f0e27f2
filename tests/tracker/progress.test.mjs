// Derived views of the pure module: progress, day of the challenge, the kind streak, ticking.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  progress, dayOfChallenge, streak, setTask, start, emptyState, hasData, markBackup, lastBackupText, taskKey,
} from '../../themes/default/static/js/tracker-core.js';

const DAYS = [
  { day: 1, slug: 'day-1', url: '/d1/', title: 'One', tasks: ['a', 'b', 'c', 'd', 'e'] },
  { day: 2, slug: 'day-2', url: '/d2/', title: 'Two', tasks: ['a', 'b', 'c'] },
  { day: 3, slug: 'third', url: '/d3/', title: 'Three', tasks: ['x'] },
];
const T = '2026-11-23';
const withTasks = (keys, date = T) => ({ ...emptyState(), tasks: Object.fromEntries(keys.map((k) => [k, date])) });

test('progress: per day (3 of 5), overall, statuses, and completion', () => {
  const p = progress(withTasks(['day-1/a', 'day-1/b', 'day-1/c', 'day-2/a', 'day-2/b', 'day-2/c']), DAYS);
  assert.deepEqual(p.days.map((d) => [d.done, d.total, d.status]), [[3, 5, 'partial'], [3, 3, 'done'], [0, 1, 'none']]);
  assert.equal(p.done, 6);
  assert.equal(p.total, 9);
  assert.equal(p.complete, false);
  const all = progress(withTasks(DAYS.flatMap((d) => d.tasks.map((t) => taskKey(d.slug, t)))), DAYS);
  assert.equal(all.complete, true);
  assert.deepEqual(all.days.map((d) => d.status), ['done', 'done', 'done']);
});

test('progress: empty state, and ticks of tasks or days this site does not have are not counted (but kept)', () => {
  const p0 = progress(emptyState(), DAYS);
  assert.deepEqual([p0.done, p0.total, p0.complete], [0, 9, false]);
  const s = withTasks(['day-1/a', 'day-1/removed-task', 'day-9/a', 'day-3/x']);
  const p = progress(s, DAYS);
  assert.equal(p.done, 1, 'day-3/x is not a task: the third day has slug "third"');
  assert.equal(p.days[0].done, 1);
  assert.ok(s.tasks['day-1/removed-task']);
  assert.equal(progress(emptyState(), []).complete, false, 'no tasks at all is not "complete"');
});

test('progress follows the slug, not the day number: renumbered days keep their ticks', () => {
  const renumbered = [{ ...DAYS[2], day: 1 }, { ...DAYS[0], day: 2 }];
  const p = progress(withTasks(['third/x', 'day-1/a']), renumbered);
  assert.deepEqual(p.days.map((d) => [d.day, d.done]), [[1, 1], [2, 1]]);
});

test('day of the challenge: 1 on the start day, then one more per local calendar day, capped at the number of days', () => {
  assert.equal(dayOfChallenge(null, T, 7), null);
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-23', 7), 1);
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-25', 7), 3);
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-29', 7), 7);
  assert.equal(dayOfChallenge('2026-11-23', '2027-03-01', 7), 7);
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-30', 3), 3, 'the cap is the count passed in (from the data block)');
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-24', 12), 2);
  assert.equal(dayOfChallenge('2026-11-23', '2026-11-20', 7), 1, 'a clock set back never gives day 0');
  assert.equal(dayOfChallenge('2026-01-30', '2026-02-02', 7), 4, 'across a month end');
  assert.equal(dayOfChallenge('2026-12-30', '2027-01-02', 7), 4, 'across a year end');
  assert.equal(dayOfChallenge('2028-02-27', '2028-03-01', 7), 4, 'across a leap day');
  assert.equal(dayOfChallenge('2026-02-27', '2026-03-01', 7), 3, 'no leap day in 2026');
  assert.equal(dayOfChallenge('not a date', T, 7), null);
  assert.equal(dayOfChallenge(T, T, 0), null);
});

test('streak: consecutive active days', () => {
  assert.deepEqual(streak([], T), { days: 0, today: false });
  assert.deepEqual(streak(['2026-11-23'], T), { days: 1, today: true });
  assert.deepEqual(streak(['2026-11-21', '2026-11-22', '2026-11-23'], T), { days: 3, today: true });
  assert.deepEqual(streak(['2026-11-23', '2026-11-21', '2026-11-22', '2026-11-22'], T), { days: 3, today: true }, 'order and duplicates do not matter');
  assert.deepEqual(streak(['2026-11-21', '2026-11-22'], T), { days: 2, today: false }, 'nothing yet today: still alive');
});

test('streak: ONE skipped day does not break it, two in a row do', () => {
  assert.deepEqual(streak(['2026-11-20', '2026-11-21', '2026-11-23'], T), { days: 3, today: true }, 'skipped the 22nd');
  assert.deepEqual(streak(['2026-11-15', '2026-11-17', '2026-11-19', '2026-11-21', '2026-11-23'], T).days, 5, 'every other day is a streak');
  assert.deepEqual(streak(['2026-11-18', '2026-11-19', '2026-11-22', '2026-11-23'], T).days, 2, 'the 20th and 21st both skipped');
  assert.deepEqual(streak(['2026-11-20', '2026-11-21'], T), { days: 2, today: false }, 'yesterday skipped: alive, a tick today continues it');
  assert.deepEqual(streak(['2026-11-19', '2026-11-20'], T), { days: 0, today: false }, 'yesterday and the day before skipped: over');
});

test('streak across month, year and leap-day boundaries', () => {
  assert.equal(streak(['2026-01-30', '2026-01-31', '2026-02-01'], '2026-02-01').days, 3);
  assert.equal(streak(['2026-02-27', '2026-03-01'], '2026-03-01').days, 2, '2026-02-28 skipped: one day');
  assert.equal(streak(['2028-02-28', '2028-03-01'], '2028-03-01').days, 2, '2028-02-29 skipped: one day');
  assert.equal(streak(['2028-02-27', '2028-03-01'], '2028-03-01').days, 1, '28th and 29th skipped: broken');
  assert.equal(streak(['2026-12-30', '2026-12-31', '2027-01-02'], '2027-01-02').days, 3, 'new year, one skip');
  assert.equal(streak(['2026-04-30', '2026-05-02'], '2026-05-03').days, 2, 'month end skip, nothing today');
});

test('streak ignores junk and copes with a date after "today" (travel west, clock changes)', () => {
  assert.equal(streak(['2026-11-22', 'nope', '2026-02-30', '2026-11-23'], T).days, 2);
  assert.deepEqual(streak(['2026-11-22', '2026-11-24'], T), { days: 2, today: true });
});

test('setTask: a tick stores today and records an active day; an untick forgets today only if nothing else was ticked today', () => {
  const s0 = Object.freeze({ ...emptyState(), activity: Object.freeze(['2026-11-21']), tasks: Object.freeze({ 'day-1/a': '2026-11-21' }) });
  const s1 = setTask(s0, 'day-1/b', true, T);
  assert.deepEqual(s1.tasks, { 'day-1/a': '2026-11-21', 'day-1/b': T });
  assert.deepEqual(s1.activity, ['2026-11-21', T]);
  const s2 = setTask(s1, 'day-1/c', true, T);
  assert.deepEqual(setTask(s2, 'day-1/b', false, T).activity, ['2026-11-21', T], 'c is still ticked today');
  assert.deepEqual(setTask(s1, 'day-1/b', false, T).activity, ['2026-11-21'], 'nothing ticked today any more');
  assert.deepEqual(setTask(s1, 'day-1/a', false, T).activity, ['2026-11-21', T], 'unticking an old task keeps history');
  assert.equal(setTask(s1, 'day-1/a', true, T).tasks['day-1/a'], '2026-11-21', 'ticking again keeps the first date');
  assert.deepEqual(s0.tasks, { 'day-1/a': '2026-11-21' }, 'the input is not changed');
});

test('changes keep fields they do not know about', () => {
  const extra = { friends: [{ name: 'Ada' }], followUps: { x: { due: '2027-01-01' } } };
  let s = { ...emptyState(), ...extra };
  s = start(s, T);
  s = setTask(s, 'day-1/a', true, T);
  s = markBackup(s, T);
  assert.deepEqual(s.friends, extra.friends);
  assert.deepEqual(s.followUps, extra.followUps);
  assert.equal(s.startedOn, T);
  assert.equal(start(s, '2027-01-01').startedOn, T, 'starting again keeps the first start date');
});

test('hasData and the last-backup text', () => {
  assert.equal(hasData(emptyState()), false);
  assert.equal(hasData({ ...emptyState(), lastBackupOn: T }), false);
  assert.equal(hasData(start(emptyState(), T)), true);
  assert.equal(hasData(setTask(emptyState(), 'day-1/a', true, T)), true);
  assert.equal(lastBackupText(null, T), 'No backup yet');
  assert.equal(lastBackupText(T, T), 'Last backup: today');
  assert.equal(lastBackupText('2026-11-22', T), 'Last backup: yesterday');
  assert.equal(lastBackupText('2026-11-20', T), 'Last backup: 3 days ago');
  assert.equal(lastBackupText('2026-10-31', '2026-11-01'), 'Last backup: yesterday', 'across a month end');
});

/** The pure modules and the only modules each may import (no cycles: dates.js imports nothing). */
const PURE = {
  'dates.js': [],
  'i18n.js': [],
  'tracker-core.js': ['./dates.js', './i18n.js'],
  'people-core.js': ['./dates.js', './i18n.js'],
  'ics.js': ['./dates.js', './people-core.js', './i18n.js'],
  'backup-core.js': ['./tracker-core.js', './i18n.js'],
};

for (const [file, allowed] of Object.entries(PURE)) {
  test(`${file} is pure: no DOM, no storage, no network, no clock`, () => {
    const src = readFileSync(new URL(`../../themes/default/static/js/${file}`, import.meta.url), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    for (const word of ['document', 'window', 'localStorage', 'sessionStorage', 'navigator', 'fetch', 'innerHTML', 'globalThis', 'import(', 'Date.now', 'Math.random']) {
      assert.ok(!src.includes(word), `${file} uses ${word}`);
    }
    const imports = [...src.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]);
    assert.deepEqual([...new Set(imports)].filter((x) => !allowed.includes(x)), [], `${file} imports only ${allowed.join(', ') || 'nothing'}`);
  });
}
