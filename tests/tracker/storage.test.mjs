// Stored data and files: the versioned schema, migrations from every earlier version, corrupt and
// future data, import validation, export round trips and the backup key naming.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  VERSION, MIGRATIONS, migrate, parseStored, backupKey,
  emptyState, setTask, isDate, setReminderTime, hasData,
} from '../../themes/default/static/js/tracker-core.js';
import { APP, MAX_IMPORT, parseImport, makeExport, exportFileName } from '../../themes/default/static/js/backup-core.js';

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

const V2_NEW = { people: [], plan: null, reminders: null };

/** One stored object of each earlier version, and what it must become. */
const EARLIER = {
  0: {
    stored: { 'day-1/list-20': true, 'day-1/note-context': '2026-11-20', 'day-2/pick-five': false, 'day-2/gone': '2026-11-21', 'day-1/unticked': null },
    want: {
      version: 2,
      startedOn: '2026-11-20',
      tasks: { 'day-1/list-20': T, 'day-1/note-context': '2026-11-20', 'day-2/gone': '2026-11-21' },
      activity: ['2026-11-20', '2026-11-21'],
      lastBackupOn: null,
      ...V2_NEW,
    },
  },
  1: {
    stored: { version: 1, startedOn: '2026-11-20', tasks: { 'day-1/list-20': '2026-11-21' }, activity: ['2026-11-21'], lastBackupOn: '2026-11-22', theme: { dark: true } },
    want: { version: 2, startedOn: '2026-11-20', tasks: { 'day-1/list-20': '2026-11-21' }, activity: ['2026-11-21'], lastBackupOn: '2026-11-22', theme: { dark: true }, ...V2_NEW },
  },
};

test('there is a migration from every earlier version, and a test fixture for each', () => {
  assert.equal(MIGRATIONS.length, VERSION, 'MIGRATIONS[n] goes from n to n+1');
  for (let v = 0; v < VERSION; v += 1) assert.ok(EARLIER[v], `no fixture for version ${v}: add one to EARLIER`);
});

for (const [v, { stored, want }] of Object.entries(EARLIER)) {
  test(`version ${v} -> ${VERSION}: migrated, written back as version ${VERSION}, input untouched`, () => {
    const input = deepFreeze(structuredClone(stored));
    const r = migrate(input, ctx);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.from, Number(v));
    assert.deepEqual(r.state, want);
    assert.deepEqual(input, stored);
    const p = parseStored(JSON.stringify(stored), ctx);
    assert.equal(p.status, 'migrated');
    assert.deepEqual(p.state, want);
    // Migrating the migrated state again changes nothing.
    assert.deepEqual(parseStored(JSON.stringify(p.state), ctx), { status: 'ok', state: want, from: VERSION });
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

test('version 2 passes through; missing fields get defaults; unknown fields (nested too) are preserved', () => {
  const extra = { friends: [{ name: 'Ada', tries: 2, notes: { x: [1, 2] } }], followUps: { a: { due: '2030-01-01' } }, note: null, flag: false };
  const stored = { version: 2, startedOn: T, tasks: { 'day-1/list-20': T, 'day-9/unknown-task': '2026-01-01' }, activity: [T, '2026-11-01', T], lastBackupOn: null, ...extra };
  const r = parseStored(JSON.stringify(stored), ctx);
  assert.equal(r.status, 'ok');
  for (const [k, v] of Object.entries(extra)) assert.deepEqual(r.state[k], v, k);
  assert.deepEqual(r.state.activity, ['2026-11-01', T], 'sorted, without duplicates');
  assert.equal(r.state.tasks['day-9/unknown-task'], '2026-01-01', 'unknown task keys are kept');
  // ...and survive a change and a write.
  const again = parseStored(JSON.stringify(setTask(r.state, 'day-2/pick-five', true, T)), ctx).state;
  for (const [k, v] of Object.entries(extra)) assert.deepEqual(again[k], v, k);
  assert.deepEqual(parseStored('{"version":1}', ctx).state, emptyState());
  assert.deepEqual(parseStored('{"version":2}', ctx), { status: 'ok', state: emptyState(), from: 2 });
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
  const state = {
    ...setTask(emptyState(), 'day-1/list-20', true, T),
    people: [{ id: 'p-1', name: 'Ana', relation: 'boss', channel: 'email', contact: '', notes: '', addedOn: T, log: [], pet: 'cat' }],
    shiny: [1],
  };
  const now = new Date(Date.UTC(2026, 10, 23, 22, 0));
  const file = makeExport(state, KEY, now);
  assert.deepEqual(file, { app: APP, exportedAt: '2026-11-23T22:00:00.000Z', key: KEY, data: state });
  assert.equal(exportFileName(T), 'reachout-backup-2026-11-23.json');
  const back = parseImport(JSON.stringify(file, null, 2), ctx, DAYS);
  assert.equal(back.ok, true, back.error);
  assert.deepEqual(back.state, state, 'a round trip changes nothing, extra fields included');
  assert.equal(back.key, KEY);
  assert.deepEqual(back.unknown, []);
  assert.equal(back.people, 1, 'the count of people, for the confirmation');
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

// ---- Version 2: people, the weekly plan, reminders ----

const ANA = { id: 'p-k3x9q2m1', name: 'Ana', relation: 'boss', channel: 'email', contact: 'ana@example.com', notes: '', addedOn: T, log: [] };
const v2 = (fields) => JSON.stringify({ version: 2, startedOn: T, tasks: {}, activity: [], lastBackupOn: null, ...fields });

test('version 1 -> 2 sets aside "people", "plan" and "reminders" fields that were not ours, and keeps the ticks', () => {
  // In version 1 these names meant nothing to the tracker: whatever held them is kept, not read.
  const foreign = [{ name: 'Ada', tries: 2 }];
  const r = parseStored(JSON.stringify({ version: 1, startedOn: T, tasks: { 'day-1/a': T }, activity: [T], people: foreign, reminders: 'weekly', other: 1 }), ctx);
  assert.equal(r.status, 'migrated');
  assert.deepEqual(r.state.tasks, { 'day-1/a': T });
  assert.deepEqual(r.state.people, []);
  assert.equal(r.state.plan, null);
  assert.equal(r.state.reminders, null);
  assert.deepEqual(r.state.before_v2, { people: foreign, reminders: 'weekly' });
  assert.equal(r.state.other, 1);
  assert.equal('before_v2' in MIGRATIONS[1]({ version: 1, tasks: {} }), false, 'nothing to set aside: no extra field');
});

test('version 3 is "future": left alone', () => {
  const r = parseStored(v2({ version: 3, people: 'something new' }), ctx);
  assert.equal(r.status, 'future');
  assert.match(r.error, /data version 3; this page reads version 2/);
});

test('version 2: valid people keep unknown relations, channels and fields; plan and reminders are checked', () => {
  const odd = { ...ANA, id: 'p-2', relation: 'neighbour', channel: 'carrier pigeon', birthday: '05-04', log: [
    { type: 'attempt', date: T }, { type: 'snooze', date: T, until: '2026-11-26' }, { type: 'reply', date: '2026-11-24', note: 'yes', mood: 'happy' },
    { type: 'reconnected', date: '2026-11-25' }, { type: 'let-go', date: '2026-11-26' },
  ] };
  const minimal = { id: 'p-3', name: 'Bo' };
  const text = v2({ people: [ANA, odd, minimal], plan: { week: T, ids: ['p-2', 'gone'] }, reminders: { time: '23:59' } });
  const r = parseStored(text, ctx);
  assert.equal(r.status, 'ok', r.error);
  assert.deepEqual(r.state.people, [ANA, odd, minimal]);
  assert.deepEqual(r.state.plan, { week: T, ids: ['p-2', 'gone'] });
  const imp = parseImport(good(JSON.parse(text)), ctx, DAYS);
  assert.equal(imp.ok, true, imp.error);
  assert.equal(imp.people, 3);
});

test('version 2: a malformed person, plan or reminder is repaired (that part reset, the progress kept), with a sentence naming it', () => {
  const cases = [
    [{ people: {} }, /"people" should be a list of people, not an object/],
    [{ people: ['Ana'] }, /person 1 should be an object, not the text "Ana"/],
    [{ people: [ANA, { name: 'Bo' }] }, /person 2 \("Bo"\) should have a text id, not the value undefined/],
    [{ people: [ANA, { ...ANA, name: 'Bo' }] }, /person 2 \("Bo"\) has the same id as person 1/],
    [{ people: [{ id: 'p-1', name: '  ' }] }, /person 1 should have a name, not the text " {2}"/],
    [{ people: [{ id: 'p-1', name: 7 }] }, /person 1 should have a name, not the number 7/],
    [{ people: [{ ...ANA, relation: 3 }] }, /person 1 \("Ana"\) should have text as "relation", not the number 3/],
    [{ people: [{ ...ANA, notes: ['x'] }] }, /person 1 \("Ana"\) should have text as "notes", not a list/],
    [{ people: [{ ...ANA, addedOn: 'today' }] }, /person 1 \("Ana"\) should have a date like 2026-11-23 as "addedOn"/],
    [{ people: [{ ...ANA, log: {} }] }, /person 1 \("Ana"\) should have a list of log entries, not an object/],
    [{ people: [ANA, { ...ANA, id: 'p-2' }, { ...ANA, id: 'p-3', log: [{ type: 'reply' }] }] }, /person 3 \("Ana"\) has a log entry with no date/],
    [{ people: [{ ...ANA, log: [{ type: 'reply', date: '2026-02-30' }] }] }, /person 1 \("Ana"\) has a log entry dated the text "2026-02-30", not a date/],
    [{ people: [{ ...ANA, log: [{ type: 'wave', date: T }] }] }, /person 1 \("Ana"\) has a log entry of an unknown kind \(the text "wave"\)/],
    [{ people: [{ ...ANA, log: [null] }] }, /person 1 \("Ana"\) has a log entry that is null, not an object/],
    [{ people: [{ ...ANA, log: [{ type: 'snooze', date: T }] }] }, /person 1 \("Ana"\) has a snooze that ends on the value undefined/],
    [{ people: [{ ...ANA, log: [{ type: 'attempt', date: T, channel: 1 }] }] }, /person 1 \("Ana"\) has an attempt whose channel is the number 1, not text/],
    [{ people: [{ ...ANA, log: [{ type: 'reply', date: T, note: {} }] }] }, /note is an object, not text/],
    [{ plan: [] }, /"plan" should be null or a week’s date with a list of ids, not a list/],
    [{ plan: { week: 'now', ids: [] } }, /"plan" should be null/],
    [{ plan: { week: T, ids: [1] } }, /"plan" should be null/],
    [{ reminders: { time: '9:00' } }, /"reminders" should be null or a time like 09:00, not an object/],
    [{ reminders: { time: '24:00' } }, /"reminders" should be null/],
    [{ reminders: '09:00' }, /"reminders" should be null/],
  ];
  for (const [fields, why] of cases) {
    const text = v2({ tasks: { 'day-1/a': T }, activity: [T], kept: 1, ...fields });
    const r = parseStored(text, ctx);
    assert.equal(r.status, 'repaired', text);
    assert.match(r.error, why, text);
    const [field] = Object.keys(fields);
    assert.deepEqual(r.fields, [field], text);
    assert.deepEqual(r.state[field], field === 'people' ? [] : null, `${field} back to its default`);
    assert.deepEqual(r.state.tasks, { 'day-1/a': T }, 'the ticks are kept');
    assert.equal(r.state.startedOn, T);
    assert.equal(r.state.kept, 1, 'unknown fields are kept');
    const imp = parseImport(good(JSON.parse(text)), ctx, DAYS);
    assert.match(imp.error, /^This backup is damaged and was not restored: .*\.$/, text);
  }
  const both = parseStored(v2({ people: 'x', reminders: 5, plan: { week: T, ids: [] } }), ctx);
  assert.deepEqual(both.fields, ['people', 'reminders'], 'every unreadable part is named; the good plan stays');
  assert.deepEqual(both.state.plan, { week: T, ids: [] });
  const broken = parseStored(v2({ people: 'x', tasks: 'all' }), ctx);
  assert.equal(broken.status, 'corrupt', 'unreadable progress is still corrupt as a whole');
  const long = parseStored(v2({ people: [{ id: 'p-1', name: 'A'.repeat(40), log: 1 }] }), ctx);
  assert.match(long.error, /person 1 \("A{30}…"\)/, 'a long name is shortened');
});

test('setReminderTime sets "HH:MM" and ignores anything else; hasData counts people', () => {
  const s = Object.freeze(emptyState());
  assert.deepEqual(setReminderTime(s, '07:45').reminders, { time: '07:45' });
  assert.deepEqual(setReminderTime({ ...s, reminders: { time: '09:00', days: 'weekdays' } }, '18:00').reminders, { time: '18:00', days: 'weekdays' });
  for (const bad of ['7:45', '24:00', '12:60', '', null, '07:45:00']) assert.equal(setReminderTime(s, bad), s, String(bad));
  assert.equal(s.reminders, null);
  assert.equal(hasData(s), false);
  assert.equal(hasData({ ...s, people: [ANA] }), true);
});
