// The data a page holds (issue 17): the inline block, the days the page inlines, and the site's
// data file once fetched; and the progress a page shows before the file is in.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { siteData, pageProgress, progress, emptyState } from '../../themes/default/static/js/tracker-core.js';

const DAYS = [
  { day: 1, slug: 'day-1', url: '/d1/', title: 'One', tasks: ['a', 'b'] },
  { day: 2, slug: 'day-2', url: '/d2/', title: 'Two', tasks: ['a', 'b', 'c'] },
  { day: 3, slug: 'third', url: '/d3/', title: 'Three', tasks: ['x'] },
];
const INLINE = { schema: 3, key: 'reachout:/', data_url: '/js/data-en.0123456789abcdef.json', day_count: 3, task_count: 6, lang: 'en' };
const FILE = { schema: 3, days: DAYS, messages: [{ step: 'follow-up', url: '/m/', title: 'M', channel: 'email' }] };
const ticked = (...keys) => ({ ...emptyState(), tasks: Object.fromEntries(keys.map((k) => [k, '2026-11-23'])) });

test('siteData: a day page holds its own day, is not complete, and waits for the file', () => {
  const d = siteData(INLINE, [DAYS[1]], null);
  assert.deepEqual(d.days, [DAYS[1]]);
  assert.equal(d.day_count, 3);
  assert.equal(d.complete, false);
  assert.equal(d.loaded, false);
  assert.deepEqual(d.messages, []);
});

test('siteData: a page that lists every day is complete but has no messages until the file', () => {
  const d = siteData(INLINE, DAYS, null);
  assert.equal(d.complete, true);
  assert.equal(d.loaded, false);
});

test('siteData: the file brings every day and message; a file of another schema is refused', () => {
  const d = siteData(INLINE, [DAYS[1]], FILE);
  assert.equal(d.days.length, 3);
  assert.equal(d.messages.length, 1);
  assert.equal(d.complete && d.loaded, true);
  const old = siteData(INLINE, [DAYS[1]], { ...FILE, schema: 2 });
  assert.equal(old.loaded, false);
  assert.equal(old.days.length, 1);
});

test('siteData: no usable inline block gives null; a block of the old shape (days inline) still works', () => {
  assert.equal(siteData(null, null, null), null);
  assert.equal(siteData({ schema: 3 }, DAYS, FILE), null);
  const old = siteData({ schema: 2, key: 'k', days: DAYS, messages: FILE.messages }, null, null);
  assert.equal(old.complete && old.loaded, true);
  assert.equal(old.messages.length, 1);
});

test('pageProgress: before the file, the own day exactly and the whole from the inlined counts', () => {
  const s = ticked('day-2/a', 'day-2/b', 'day-1/a', 'third/x');
  const partial = pageProgress(s, siteData(INLINE, [DAYS[1]], null));
  assert.deepEqual(partial.days.map((d) => [d.day, d.done, d.total]), [[2, 2, 3]]);
  assert.equal(partial.done, 4);
  assert.equal(partial.total, 6);
  assert.equal(partial.complete, false);
  // Once the file is in, the same as progress() over every day.
  const full = pageProgress(s, siteData(INLINE, [DAYS[1]], FILE));
  assert.deepEqual(full, progress(s, DAYS));
});

test('pageProgress: every task ticked is never "complete" before every day is known', () => {
  const s = ticked('day-1/a', 'day-1/b', 'day-2/a', 'day-2/b', 'day-2/c', 'third/x');
  assert.equal(pageProgress(s, siteData(INLINE, [DAYS[1]], null)).complete, false);
  assert.equal(pageProgress(s, siteData(INLINE, [DAYS[1]], FILE)).complete, true);
});

test('siteData: the file\'s words join the inline ones group by group, and the inline ones stay until then', () => {
  const inline = { ...INLINE, strings: { tracker: { no_storage: 'No room', download: 'Get it' } } };
  const file = { ...FILE, strings: { tracker: { why: { tasks: 'bad tasks' } }, backup: { save: 'Save' } } };
  assert.deepEqual(siteData(inline, [DAYS[1]], null).strings, inline.strings);
  assert.deepEqual(siteData(inline, [DAYS[1]], file).strings, {
    tracker: { no_storage: 'No room', download: 'Get it', why: { tasks: 'bad tasks' } },
    backup: { save: 'Save' },
  });
  assert.deepEqual(siteData(inline, [DAYS[1]], { ...file, schema: 2 }).strings, inline.strings, 'a refused file brings no words');
});
