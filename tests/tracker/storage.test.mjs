// Stored data and files: the versioned schema, migrations from every earlier version, corrupt and
// future data, import validation, export round trips and the backup key naming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  VERSION, APP, MAX_IMPORT, MIGRATIONS, migrate, parseStored, parseImport, makeExport, exportFileName, backupKey,
  emptyState, setTask, isDate,
} from '../../themes/default/static/js/tracker-core.js';

const T = '2026-11-23';
const ctx = { today: T };
const KEY = 'reachout:/reach-out/';
const DAYS = [
  { day: 1, slug: 'day-1', url: '/d1/', title: 'One', tasks: ['list-20', 'note-context'] },
  { day: 2, slug: 'day-2', url: '/d2/', title: 'Two', tasks: ['pick-five'] },
];

function deepFreeze(o) {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

/** One stored object of each earlier version, and what it must become. */
const EARLIER = {
  0: {
    stored: { 'day-1/list-20': true, 'day-1/note-context': '2026-11-20', 'day-2/pick-five': false, 'day-2/gone': '2026-11-21', 'day-1/unticked': null },
    v1: {
      version: 1,
      startedOn: '2026-11-20',
      tasks: { 'day-1/list-20': T, 'day-1/note-context': '2026-11-20', 'day-2/gone': '2026-11-21' },
      activity: ['2026-11-20', '2026-11-21'],
      lastBackupOn: null,
    },
  },
};

test('there is a migration from every earlier version, and a test fixture for each', () => {
  assert.equal(MIGRATIONS.length, VERSION, 'MIGRATIONS[n] goes from n to n+1');
  for (let v = 0; v < VERSION; v += 1) assert.ok(EARLIER[v], `no fixture for version ${v}: add one to EARLIER`);
});

for (const [v, { stored, v1 }] of Object.entries(EARLIER)) {
  test(`version ${v} -> ${VERSION}: migrated, written back as version ${VERSION}, input untouched`, () => {
    const input = deepFreeze(structuredClone(stored));
    const r = migrate(input, ctx);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.from, Number(v));
    assert.deepEqual(r.state, v1);
    assert.deepEqual(input, stored);
    const p = parseStored(JSON.stringify(stored), ctx);
    assert.equal(p.status, 'migrated');
    assert.deepEqual(p.state, v1);
    // Migrating the migrated state again changes nothing.
    assert.deepEqual(parseStored(JSON.stringify(p.state), ctx), { status: 'ok', state: v1, from: VERSION });
  });
}

test('version 0: the unversioned legacy shape (a plain object of done task keys)', () => {
  assert.deepEqual(parseStored('{}', ctx), { status: 'migrated', state: emptyState(), from: 0 });
  const onlyTrue = parseStored(JSON.stringify({ 'day-1/list-20': true }), ctx);
  assert.deepEqual(onlyTrue.state.tasks, { 'day-1/list-20': T }, 'a dateless tick is done as of the migration');
  assert.deepEqual(onlyTrue.state.activity, [], 'no made-up active days');
  assert.equal(onlyTrue.state.startedOn, null);
  assert.equal(parseStored(JSON.stringify({ version: 0, 'day-1/a': '2026-01-02' }), ctx).state.startedOn, '2026-01-02', 'explicit version 0');
  // Something without a version that is not a map of done tasks is not silently turned into nothing.
  for (const odd of [{ hello: 'world' }, { 'day-1/a': 42 }, { 'day-1/a': '2026-02-30' }, { startedOn: '2026-01-01', tasks: {} }]) {
    const r = parseStored(JSON.stringify(odd), ctx);
    assert.equal(r.status, 'corrupt', JSON.stringify(odd));
    assert.match(r.error, /no version number/);
  }
});

test('version 1 passes through; missing fields get defaults; unknown fields (nested too) are preserved', () => {
  const extra = { people: [{ name: 'Ada', tries: 2, channel: 'email', notes: { x: [1, 2] } }], followUps: { a: { due: '2030-01-01' } }, note: null, flag: false };
  const stored = { version: 1, startedOn: T, tasks: { 'day-1/list-20': T, 'day-9/unknown-task': '2026-01-01' }, activity: [T, '2026-11-01', T], lastBackupOn: null, ...extra };
  const r = parseStored(JSON.stringify(stored), ctx);
  assert.equal(r.status, 'ok');
  for (const [k, v] of Object.entries(extra)) assert.deepEqual(r.state[k], v, k);
  assert.deepEqual(r.state.activity, ['2026-11-01', T], 'sorted, without duplicates');
  assert.equal(r.state.tasks['day-9/unknown-task'], '2026-01-01', 'unknown task keys are kept');
  // ...and survive a change and a write.
  const again = parseStored(JSON.stringify(setTask(r.state, 'day-2/pick-five', true, T)), ctx).state;
  for (const [k, v] of Object.entries(extra)) assert.deepEqual(again[k], v, k);
  assert.deepEqual(parseStored('{"version":1}', ctx).state, emptyState());
});

test('an unknown future version is refused (status "future": kept as it is, not overwritten)', () => {
  const r = parseStored(JSON.stringify({ version: VERSION + 1, startedOn: T, tasks: {}, shiny: true }), ctx);
  assert.equal(r.status, 'future');
  assert.match(r.error, /newer version/);
  assert.deepEqual(r.state, emptyState());
  assert.equal(migrate({ version: 99 }, ctx).reason, 'future');
});

test('corrupt stored data: not JSON, not an object, bad version, wrong types', () => {
  const cases = [
    ['{oops', /not valid JSON/],
    ['', /not valid JSON/],
    ['null', /null, not an object/],
    ['[1,2]', /a list, not an object/],
    ['"hello"', /the text "hello", not an object/],
    ['42', /the number 42/],
    ['{"version":"1"}', /"version" should be a whole number/],
    ['{"version":1.5}', /"version" should be a whole number/],
    ['{"version":-1}', /"version" should be a whole number/],
    ['{"version":1,"startedOn":20260101}', /"startedOn" should be a date/],
    ['{"version":1,"startedOn":"next tuesday"}', /"startedOn" should be a date/],
    ['{"version":1,"startedOn":"2026-02-30"}', /"startedOn" should be a date/],
    ['{"version":1,"tasks":[]}', /"tasks" should be an object/],
    ['{"version":1,"tasks":"all of them"}', /"tasks" should be an object/],
    ['{"version":1,"tasks":{"day-1/a":true}}', /task "day-1\/a" should have the date/],
    ['{"version":1,"activity":"yesterday"}', /"activity" should be a list/],
    ['{"version":1,"activity":{}}', /"activity" should be a list/],
    ['{"version":1,"activity":["2026-13-01"]}', /"activity" should only hold dates/],
    ['{"version":1,"lastBackupOn":true}', /"lastBackupOn" should be a date/],
  ];
  for (const [text, why] of cases) {
    const r = parseStored(text, ctx);
    assert.equal(r.status, 'corrupt', text);
    assert.match(r.error, why, text);
    assert.deepEqual(r.state, emptyState(), `${text}: a fresh state to go on with`);
  }
  assert.deepEqual(parseStored(null, ctx), { status: 'empty', state: emptyState() });
});

test('backup key naming: `${key}:backup:${ISO timestamp}`, never overwriting an earlier backup', () => {
  const now = new Date(Date.UTC(2026, 10, 23, 9, 5, 7, 123));
  const k = backupKey(KEY, now);
  assert.equal(k, 'reachout:/reach-out/:backup:2026-11-23T09:05:07.123Z');
  assert.ok(k.startsWith(`${KEY}:backup:`));
  assert.ok(!Number.isNaN(Date.parse(k.slice(`${KEY}:backup:`.length))));
  const taken = new Set([k, `${k}-2`]);
  assert.equal(backupKey(KEY, now, (x) => taken.has(x)), `${k}-3`);
  assert.equal(backupKey('coach-ana', now), 'coach-ana:backup:2026-11-23T09:05:07.123Z', 'a namespace override works the same');
});

test('export file: app marker, ISO time, key, the stored object; file name has the local date', () => {
  const state = { ...setTask(emptyState(), 'day-1/list-20', true, T), people: ['x'] };
  const now = new Date(Date.UTC(2026, 10, 23, 22, 0));
  const file = makeExport(state, KEY, now);
  assert.deepEqual(file, { app: APP, exportedAt: '2026-11-23T22:00:00.000Z', key: KEY, data: state });
  assert.equal(exportFileName(T), 'reachout-backup-2026-11-23.json');
  const back = parseImport(JSON.stringify(file, null, 2), ctx, DAYS);
  assert.equal(back.ok, true, back.error);
  assert.deepEqual(back.state, state, 'a round trip changes nothing, extra fields included');
  assert.equal(back.key, KEY);
  assert.deepEqual(back.unknown, []);
});

const good = (data) => JSON.stringify({ app: 'reachout', exportedAt: '2026-11-23T10:00:00.000Z', key: KEY, data });

test('import validation: each bad file gets a clear sentence saying what is wrong', () => {
  const v1 = { version: 1, startedOn: T, tasks: {}, activity: [], lastBackupOn: null };
  const cases = [
    ['', /empty/],
    ['   \n', /empty/],
    ['this is not a backup {', /not JSON/],
    ['[1, 2, 3]', /no "app": "reachout" marker/],
    ['"reachout"', /no "app": "reachout" marker/],
    ['null', /no "app": "reachout" marker/],
    [JSON.stringify({ app: 'something-else', data: v1 }), /not a Reach Out backup/],
    [JSON.stringify({ data: v1 }), /not a Reach Out backup/],
    [JSON.stringify({ app: 'reachout', key: KEY }), /no "data"/],
    [good(null), /damaged.*null, not an object/],
    [good([]), /damaged.*a list/],
    [good({ ...v1, startedOn: 20260101 }), /damaged.*"startedOn" should be a date like 2026-11-23 or null, not the number 20260101/],
    [good({ ...v1, tasks: 'all of them' }), /damaged.*"tasks" should be an object of done tasks, not the text "all of them"/],
    [good({ ...v1, tasks: { 'day-1/list-20': true } }), /damaged.*task "day-1\/list-20" should have the date it was done/],
    [good({ ...v1, activity: 'yesterday' }), /damaged.*"activity" should be a list of dates/],
    [good({ ...v1, version: 7 }), /newer version of this site/],
    [good({ hello: 1 }), /damaged.*no version number/],
    [`${good(v1)} trailing`, /not JSON/],
    [' '.repeat(MAX_IMPORT + 1), /too large/],
  ];
  for (const [text, why] of cases) {
    const r = parseImport(text, ctx, DAYS);
    assert.equal(r.ok, false, `accepted: ${text.slice(0, 80)}`);
    assert.equal(r.state, undefined, 'nothing to half-apply');
    assert.match(r.error, why, text.slice(0, 80));
    assert.match(r.error, /^[A-Z].*\.$/, `one sentence (or two): ${r.error}`);
  }
});

test('import: unknown task keys are kept and reported; legacy data inside a file is migrated', () => {
  const r = parseImport(good({ version: 1, startedOn: T, tasks: { 'day-1/list-20': T, 'day-1/old-id': T, 'day-8/x': T }, activity: [T] }), ctx, DAYS);
  assert.equal(r.ok, true, r.error);
  assert.deepEqual(Object.keys(r.state.tasks).sort(), ['day-1/list-20', 'day-1/old-id', 'day-8/x']);
  assert.deepEqual(r.unknown.sort(), ['day-1/old-id', 'day-8/x']);
  const legacy = parseImport(good({ 'day-1/list-20': '2026-11-01' }), ctx, DAYS);
  assert.equal(legacy.ok, true, legacy.error);
  assert.equal(legacy.state.version, VERSION);
  assert.equal(legacy.state.startedOn, '2026-11-01');
  const otherSite = parseImport(JSON.stringify({ app: 'reachout', key: 'reachout:/other/', data: { version: 1 } }), ctx, DAYS);
  assert.equal(otherSite.ok, true, 'a backup from another site (key) can still be imported');
  assert.equal(otherSite.key, 'reachout:/other/');
});

test('dates are validated as real calendar dates', () => {
  for (const d of ['2026-11-23', '2028-02-29', '2026-12-31', '1999-01-01']) assert.ok(isDate(d), d);
  for (const d of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-11-31', '2026-1-1', '26-11-23', '2026-11-23T00:00', 20261123, null, undefined]) {
    assert.ok(!isDate(d), String(d));
  }
});
