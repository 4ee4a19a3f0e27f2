// Local calendar dates, day of the challenge and streaks in the visitor's time zone.
// Run plainly, this file checks the zone it runs in; its last test runs it again (a child
// `node --test`) with TZ set to several zones, including ones with DST changes and a UTC offset
// of +13, where the local date and the UTC date differ for hours every day.
import './strings.mjs';
import { test } from 'node:test';
import { tzMatrix } from './tz-matrix.mjs';
import assert from 'node:assert/strict';
import {
  localDate, addDays, daysBetween, msToNextDay, dayOfChallenge, streak, setTask, emptyState, isDate,
} from '../../themes/default/static/js/tracker-core.js';
import * as core from '../../themes/default/static/js/tracker-core.js';
import * as dates from '../../themes/default/static/js/dates.js';

const ZONE = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone;
const H = 3600e3;

/** What each zone must show: local dates of two instants, and its DST days (23 h and 25 h long). */
const EXPECT = {
  'America/Los_Angeles': { at0500Z: '2026-02-28', at1200Z: '2026-03-01', short: [2026, 2, 8], long: [2026, 10, 1] },
  'Europe/Berlin': { at0500Z: '2026-03-01', at1200Z: '2026-03-01', short: [2026, 2, 29], long: [2026, 9, 25] },
  'Pacific/Auckland': { at0500Z: '2026-03-01', at1200Z: '2026-03-02', short: [2026, 8, 27], long: [2026, 3, 5] },
  UTC: { at0500Z: '2026-03-01', at1200Z: '2026-03-01' },
};

test(`[${ZONE}] the time zone in effect is the one asked for`, () => {
  if (process.env.TZ) assert.equal(Intl.DateTimeFormat().resolvedOptions().timeZone, process.env.TZ);
});

test(`[${ZONE}] localDate is the wall-clock date, at any hour, on ordinary and DST days`, () => {
  const days = [
    [2026, 0, 1], [2026, 1, 28], [2026, 2, 1], [2026, 2, 8], [2026, 2, 29], [2026, 3, 5],
    [2026, 8, 27], [2026, 9, 25], [2026, 10, 1], [2026, 11, 31], [2028, 1, 29],
  ];
  for (const [y, m, d] of days) {
    const want = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    for (const [h, min] of [[0, 0], [0, 30], [1, 0], [12, 0], [23, 0], [23, 59]]) {
      assert.equal(localDate(new Date(y, m, d, h, min)), want, `${want} ${h}:${min}`);
    }
    // One second after the local midnight that ends the day is the next day.
    assert.equal(localDate(new Date(new Date(y, m, d + 1).getTime() + 1000)), addDays(want, 1), `${want} + midnight`);
  }
});

test(`[${ZONE}] localDate follows the zone, not UTC`, { skip: !EXPECT[ZONE] && 'no table for this zone' }, () => {
  const e = EXPECT[ZONE];
  assert.equal(localDate(new Date(Date.UTC(2026, 2, 1, 5, 0))), e.at0500Z);
  assert.equal(localDate(new Date(Date.UTC(2026, 2, 1, 12, 0))), e.at1200Z);
});

test(`[${ZONE}] msToNextDay: 24 h normally, 23 h and 25 h on the DST days`, () => {
  assert.equal(msToNextDay(new Date(2026, 0, 15)), 24 * H);
  assert.equal(msToNextDay(new Date(2026, 0, 15, 23, 59, 59)), 1000);
  const e = EXPECT[ZONE];
  if (e?.short) {
    assert.equal(msToNextDay(new Date(...e.short)), 23 * H, 'spring forward');
    assert.equal(msToNextDay(new Date(...e.long)), 25 * H, 'fall back');
    // A timer set at 23:00 the evening before a DST day still lands on the next local date.
    for (const day of [e.short, e.long]) {
      const eve = new Date(day[0], day[1], day[2], 23, 0);
      assert.equal(localDate(new Date(eve.getTime() + msToNextDay(eve) + 1000)), addDays(localDate(eve), 1));
    }
  }
});

test(`[${ZONE}] day of the challenge counts local calendar days across DST changes and month ends`, () => {
  for (const [y, m, d] of [[2026, 2, 7], [2026, 2, 28], [2026, 8, 26], [2026, 9, 24], [2026, 3, 4], [2026, 0, 30]]) {
    const startedOn = localDate(new Date(y, m, d, 23, 50)); // started late in the evening
    for (let k = 0; k < 9; k += 1) {
      // Shortly after midnight and late in the evening, k days later.
      for (const [h, min] of [[0, 10], [23, 50]]) {
        const t = localDate(new Date(y, m, d + k, h, min));
        assert.equal(dayOfChallenge(startedOn, t, 7), Math.min(7, k + 1), `${startedOn} + ${k} at ${h}:${min}`);
      }
    }
  }
});

test(`[${ZONE}] a streak built from local ticks across a DST change is unbroken`, () => {
  for (const [y, m, d] of [[2026, 2, 27], [2026, 9, 23], [2026, 3, 3], [2026, 8, 25]]) {
    let s = emptyState();
    for (let k = 0; k < 4; k += 1) s = setTask(s, `day-${k + 1}/a`, true, localDate(new Date(y, m, d + k, 23, 30)));
    const last = localDate(new Date(y, m, d + 3, 12));
    assert.deepEqual(streak(s.activity, last), { days: 4, today: true }, `${s.activity}`);
    assert.equal(daysBetween(s.activity[0], last), 3);
  }
});

test(`[${ZONE}] calendar arithmetic does not depend on the zone`, () => {
  assert.equal(addDays('2026-03-28', 2), '2026-03-30');
  assert.equal(addDays('2026-10-24', 2), '2026-10-26');
  assert.equal(daysBetween('2026-03-07', '2026-03-09'), 2);
  assert.equal(daysBetween('2026-12-31', '2027-01-01'), 1);
  assert.ok(isDate('2028-02-29') && !isDate('2026-02-29'));
});

test('tracker-core.js re-exports the calendar helpers of dates.js', () => {
  for (const name of ['isDate', 'localDate', 'addDays', 'daysBetween', 'msToNextDay']) assert.equal(core[name], dates[name], name);
  assert.equal(core.dayIndex, undefined, 'day numbers stay an internal detail of the pure modules');
  assert.equal(dates.dayIndex('1970-01-02'), 1);
});

tzMatrix(import.meta.url, ['America/Los_Angeles', 'Europe/Berlin', 'Pacific/Auckland', 'UTC']);
