// Backup import under mutation: thousands of damaged, hostile or odd variants of a real backup
// file (seeded, so every run checks the same ones). parseImport never throws, answers every
// bad file with a sentence, touches no prototype, and what it accepts round-trips unchanged.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyState, setTask } from '../../themes/default/static/js/tracker-core.js';
import { parseImport, makeExport } from '../../themes/default/static/js/backup-core.js';

const T = '2026-11-23';
const ctx = { today: T };
const KEY = 'reachout:/reach-out/';
const DAYS = [{ day: 1, slug: 'day-1', url: '/d1/', title: 'One', tasks: ['list-20'] }];

const STATE = {
  ...setTask(emptyState(), 'day-1/list-20', true, T),
  people: [
    { id: 'p-00000001', name: 'Ana <b>', relation: 'boss', channel: 'email', contact: 'ana@example.com', notes: 'met in 2019', addedOn: '2026-11-20', log: [{ type: 'attempt', date: '2026-11-21', channel: 'email', note: 'no answer yet' }, { type: 'reply', date: '2026-11-22', note: '' }] },
    { id: 'p-00000002', name: 'Bo', relation: 'peer', channel: 'text', contact: '+1 555 0100', notes: '', addedOn: T, log: [] },
  ],
};
const BASE = JSON.stringify(makeExport(STATE, KEY, new Date(Date.UTC(2026, 10, 23))), null, 1);

const TOKENS = ['{', '}', '[', ']', ',', ':', '"', '\\', 'null', 'true', '1e308', '-0', '-1', '2026-02-30', '"__proto__":{"polluted":1},',
  '"constructor":{"prototype":{"polluted":1}},', '\ud800', '\u2028', '\0', '"version":3,', '"version":"2",', '"people":{},', '"log":null,', '[[[[[[[[', ' '];

/** xorshift32: the same stream on every machine. */
function rng(seed) {
  let x = seed | 1;
  return (n) => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) % n;
  };
}

function mutate(text, r) {
  let s = text;
  for (let k = 0, n = 1 + r(3); k < n; k += 1) {
    const i = r(s.length + 1);
    switch (r(5)) {
      case 0: s = s.slice(0, i) + TOKENS[r(TOKENS.length)] + s.slice(i); break;
      case 1: s = s.slice(0, i) + s.slice(i + 1 + r(30)); break;
      case 2: s = s.slice(0, i) + String.fromCharCode(r(0x3000)) + s.slice(i + 1); break;
      case 3: s = s.slice(0, i); break;
      default: s = s.slice(0, i) + TOKENS[r(TOKENS.length)].repeat(1 + r(2000)) + s.slice(i);
    }
  }
  return s;
}

test('3,000 mutated backups: no throw, a sentence for each refusal, no prototype touched, accepted ones round-trip', () => {
  const r = rng(20261204);
  const seeds = ['['.repeat(200000) + ']'.repeat(200000), `{"app":"reachout","data":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`, BASE];
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < 3000; i += 1) {
    const text = i < seeds.length ? seeds[i] : mutate(BASE, r);
    let result;
    assert.doesNotThrow(() => { result = parseImport(text, ctx, DAYS); }, `case ${i} threw: ${text.slice(0, 200)}`);
    assert.equal(Object.prototype.polluted, undefined, `case ${i} polluted Object.prototype`);
    if (result.ok) {
      accepted += 1;
      const again = parseImport(JSON.stringify(makeExport(result.state, KEY, new Date())), ctx, DAYS);
      assert.equal(again.ok, true, `case ${i}: what was accepted does not import again: ${again.error}`);
      assert.deepEqual(again.state, result.state, `case ${i}: the round trip changed the state`);
    } else {
      refused += 1;
      assert.equal(typeof result.error, 'string', `case ${i}`);
      assert.ok(result.error.length > 10 && !/\[object /.test(result.error), `case ${i}: ${result.error}`);
    }
  }
  // Both kinds happen, or the mutations test nothing.
  assert.ok(accepted > 50 && refused > 50, `accepted ${accepted}, refused ${refused}`);
});
