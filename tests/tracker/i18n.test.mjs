// i18n.js: lookup, placeholders, plurals by Intl.PluralRules, DOM pieces; every shipped table has
// the same keys as the English one; why stored data or a backup is damaged reads in the language.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setStrings, t, pieces, language, mergeStrings, has } from '../../themes/default/static/js/i18n.js';
import { readTable } from './strings.mjs';
import { lastBackupText, parseStored, migrate, MIGRATIONS } from '../../themes/default/static/js/tracker-core.js';
import { parseImport } from '../../themes/default/static/js/backup-core.js';

const flat = (obj, prefix = '', out = {}) => {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !('other' in v)) flat(v, key, out);
    else out[key] = v;
  }
  return out;
};

test('t: dotted keys, {placeholders}, plurals by the language, missing keys show themselves', () => {
  setStrings({ a: { b: 'Hi {name}, {name}!', n: { one: '{count} day', other: '{count} days' } } }, 'en');
  assert.equal(t('a.b', { name: 'Ana' }), 'Hi Ana, Ana!');
  assert.equal(t('a.n', { count: 1 }), '1 day');
  assert.equal(t('a.n', { count: 0 }), '0 days');
  assert.equal(t('a.missing'), 'a.missing');
  setStrings({ n: { one: '{count} jour', other: '{count} jours' } }, 'fr');
  assert.equal(t('n', { count: 0 }), '0 jour', 'French: zero is singular');
  assert.equal(language(), 'fr');
  setStrings({ n: { one: 'one', two: 'two', few: 'few', many: 'many', other: 'other' } }, 'ar');
  assert.deepEqual([2, 3, 11, 100].map((count) => t('n', { count })), ['two', 'few', 'many', 'other']);
  setStrings({ n: 'x' }, 'not a language!');
  assert.equal(t('n'), 'x', 'a bad language code falls back instead of throwing');
});

test('pieces: nodes stay nodes, text is filled in', () => {
  setStrings({ s: 'Add people to {link}, {name}.' }, 'en');
  const node = { tag: 'a' };
  assert.deepEqual(pieces('s', { link: node, name: 'Ana' }), ['Add people to ', node, ', Ana.']);
});

test('the pure modules speak the table they are given', () => {
  setStrings(readTable('es'), 'es');
  assert.equal(lastBackupText('2026-11-20', '2026-11-23'), 'Última copia: hace 3 días');
  setStrings(readTable('en'), 'en');
  assert.equal(lastBackupText('2026-11-20', '2026-11-23'), 'Last backup: 3 days ago');
});

test('every shipped table has exactly the English keys', () => {
  const en = Object.keys(flat(readTable('en'))).sort();
  for (const lang of ['es', 'fr', 'de', 'pt']) {
    assert.deepEqual(Object.keys(flat(readTable(lang))).sort(), en, lang);
  }
});

// One damaged value for each reason tracker-core gives (tracker.why), as stored text.
const ANA = { id: 'p-1', name: 'Ana', addedOn: '2026-11-20', log: [] };
const v2 = (fields) => JSON.stringify({ version: 2, startedOn: '2026-11-20', tasks: {}, activity: [], ...fields });
const DAMAGED = {
  not_object: '[1, 2]',
  version: '{"version":"2"}',
  newer: '{"version":3}',
  no_version: '{"hello":"world"}',
  date_field: v2({ startedOn: 'mañana' }),
  tasks: v2({ tasks: 'todas' }),
  task_date: v2({ tasks: { 'day-1/a': true } }),
  activity: v2({ activity: 'ayer' }),
  activity_date: v2({ activity: ['2026-13-01'] }),
  people: v2({ people: {} }),
  plan: v2({ plan: [] }),
  reminders: v2({ reminders: { time: '9:00' } }),
  person_object: v2({ people: ['Ana'] }),
  person_id: v2({ people: [{ name: 'Ana' }] }),
  person_same_id: v2({ people: [ANA, { ...ANA, name: 'Bo' }] }),
  person_name: v2({ people: [{ id: 'p-1', name: 7 }] }),
  person_text: v2({ people: [{ ...ANA, notes: ['x'] }] }),
  person_added: v2({ people: [{ ...ANA, addedOn: 'hoy' }] }),
  person_log: v2({ people: [{ ...ANA, log: {} }] }),
  entry_object: v2({ people: [{ ...ANA, log: [null] }] }),
  entry_kind: v2({ people: [{ ...ANA, log: [{ type: 'wave', date: '2026-11-20' }] }] }),
  entry_no_date: v2({ people: [{ ...ANA, log: [{ type: 'reply' }] }] }),
  entry_date: v2({ people: [{ ...ANA, log: [{ type: 'reply', date: '2026-02-30' }] }] }),
  snooze_until: v2({ people: [{ ...ANA, log: [{ type: 'snooze', date: '2026-11-20', until: 5 }] }] }),
  attempt_channel: v2({ people: [{ ...ANA, log: [{ type: 'attempt', date: '2026-11-20', channel: 1 }] }] }),
  entry_note: v2({ people: [{ ...ANA, log: [{ type: 'reply', date: '2026-11-20', note: {} }] }] }),
};

/** Each reason for DAMAGED plus a failing migration: { code: words } in the current table. */
function reasons() {
  const out = {};
  for (const [code, text] of Object.entries(DAMAGED)) {
    const r = parseStored(text, { today: '2026-11-23' });
    assert.equal(r.why?.code, code, `${text} gives ${JSON.stringify(r.why)}`);
    out[code] = r.error;
  }
  const kept = MIGRATIONS[1];
  MIGRATIONS[1] = () => { throw new TypeError('a bug'); };
  try {
    const r = migrate({ version: 1 }, { today: '2026-11-23' });
    assert.deepEqual(r.why, { code: 'migration', vars: { version: 1 } });
    out.migration = r.error;
  } finally {
    MIGRATIONS[1] = kept;
  }
  return out;
}

test('damaged-data reasons are codes put into words by the table: every code has words in every language', () => {
  setStrings(readTable('en'), 'en');
  const en = reasons();
  const codes = Object.keys(readTable('en').tracker.why).filter((k) => k !== 'person' && k !== 'person_named');
  assert.deepEqual(Object.keys(en).sort(), codes.sort(), 'each reason is tested');
  assert.equal(en.person_name, 'person 1 should have a name, not the number 7');
  assert.equal(en.entry_kind, 'person 1 ("Ana") has a log entry of an unknown kind (the text "wave")');
  const english = /\b(should|the text|the number|the value|an object|a list|person \d|log entry|not a date|whole number)\b/;
  for (const lang of ['es', 'fr', 'de', 'pt']) {
    setStrings(readTable(lang), lang);
    for (const [code, text] of Object.entries(reasons())) {
      assert.doesNotMatch(text, /tracker\.|\{\w+\}/, `${lang} ${code}: a missing key or placeholder: ${text}`);
      assert.doesNotMatch(text, english, `${lang} ${code} speaks English: ${text}`);
      assert.notEqual(text, en[code], `${lang} ${code}`);
    }
  }
  setStrings(readTable('es'), 'es');
  assert.equal(reasons().person_name, 'la persona 1 tendría que tener un nombre, pero tiene el número 7');
  const imp = parseImport(JSON.stringify({ app: 'reachout', data: JSON.parse(DAMAGED.tasks) }), { today: '2026-11-23' });
  assert.equal(imp.error, 'Esta copia está dañada y no se ha recuperado: «tasks» tendría que ser un objeto con tus tareas hechas, pero es el texto «todas».');
  setStrings(readTable('en'), 'en');
});

test('mergeStrings adds a page\'s words to a group without dropping the group\'s others; has() sees both', () => {
  const merged = mergeStrings({ tracker: { a: 'A', n: { one: '1', other: 'n' } }, people: { p: 'P' } }, { tracker: { b: 'B' }, composer: { c: 'C' } });
  assert.deepEqual(merged, { tracker: { a: 'A', b: 'B', n: { one: '1', other: 'n' } }, people: { p: 'P' }, composer: { c: 'C' } });
  assert.deepEqual(mergeStrings(null, { x: 'X' }), { x: 'X' });
  setStrings(merged, 'en');
  assert.equal(has('tracker.b'), true);
  assert.equal(has('tracker.n'), true);
  assert.equal(has('tracker.why'), false);
  assert.equal(t('composer.c'), 'C');
  setStrings(readTable('en'), 'en');
});
