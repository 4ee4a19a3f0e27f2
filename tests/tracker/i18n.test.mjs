// i18n.js: lookup, placeholders, plurals by Intl.PluralRules, DOM pieces; and every shipped
// table has the same keys as the English one.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setStrings, t, pieces, language } from '../../themes/default/static/js/i18n.js';
import { readTable } from './strings.mjs';
import { lastBackupText } from '../../themes/default/static/js/tracker-core.js';

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
