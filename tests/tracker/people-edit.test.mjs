// Editing the list: the person form, adding, updating, removing, logging, snoozing, letting go;
// plus the suggested message and the contact links.
import './strings.mjs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RELATIONS, CHANNELS, SNOOZE_DAYS, cleanPerson, addPerson, updatePerson, removePerson, findPerson, logEntry, removeEntry,
  snooze, letGo, personStatus,
} from '../../themes/default/static/js/people-core.js';
import { messageFor, contactLinks } from '../../themes/default/static/js/people-links.js';
import { emptyState, parseStored } from '../../themes/default/static/js/tracker-core.js';

const T = '2026-11-23';
const S = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };

function deepFreeze(o) {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

const ANA = { name: 'Ana', relation: 'boss', channel: 'email', contact: 'ana@example.com', notes: 'Ran the 2019 launch.' };
const withAna = () => deepFreeze(addPerson({ ...emptyState(), extra: { kept: true } }, ANA, 'p-ana', T));

test('cleanPerson trims, requires a name, and maps unknown choices to "other" / "unknown"', () => {
  assert.deepEqual(cleanPerson({ name: '  Ana Lima ', relation: ' mentor ', channel: 'linkedin', contact: ' ana@x.org ', notes: '\n met at the conference \n' }), {
    ok: true, person: { name: 'Ana Lima', relation: 'mentor', channel: 'linkedin', contact: 'ana@x.org', notes: 'met at the conference' },
  });
  assert.deepEqual(cleanPerson({ name: 'Bo' }), { ok: true, person: { name: 'Bo', relation: 'other', channel: 'unknown', contact: '', notes: '' } });
  assert.deepEqual(cleanPerson({ name: 'Bo', relation: 'neighbour', channel: 'fax' }).person, { name: 'Bo', relation: 'other', channel: 'unknown', contact: '', notes: '' });
  assert.deepEqual(cleanPerson({ name: 'Bo', relation: 'BOSS', channel: 42 }).person.relation, 'other', 'exact values only');
  for (const name of ['', '   ', '\n\t', undefined, null, 7]) {
    const r = cleanPerson({ name, relation: 'boss' });
    assert.equal(r.ok, false, String(name));
    assert.equal(r.person, undefined);
    assert.match(r.errors.name, /^Add a name.*\.$/);
  }
  assert.equal(cleanPerson({ name: 'x'.repeat(200) }).ok, true, '200 characters are fine');
  const long = cleanPerson({ name: ` ${'x'.repeat(201)} ` });
  assert.equal(long.ok, false);
  assert.match(long.errors.name, /200 characters/);
  for (const r of RELATIONS) assert.equal(cleanPerson({ name: 'A', relation: r }).person.relation, r);
  for (const c of CHANNELS) assert.equal(cleanPerson({ name: 'A', channel: c }).person.channel, c);
});

test('cleanPerson cuts contact to 200 and notes to 2000 characters, never through an emoji', () => {
  const p = cleanPerson({ name: 'A', contact: 'c'.repeat(250), notes: 'n'.repeat(2500) }).person;
  assert.equal(p.contact.length, 200);
  assert.equal(p.notes.length, 2000);
  const emoji = cleanPerson({ name: 'A', notes: `${'n'.repeat(1999)}😀 and more` }).person.notes;
  assert.equal(emoji, 'n'.repeat(1999), 'half an emoji is dropped, not kept');
  assert.ok(cleanPerson({ name: 'A', notes: `${'n'.repeat(1998)}😀 more` }).person.notes.endsWith('😀'));
});

test('addPerson appends {id, fields, addedOn, log: []}; the input is unchanged, other fields kept', () => {
  const s0 = deepFreeze({ ...emptyState(), people: [{ id: 'p-first', name: 'First', log: [] }], extra: 1 });
  const s = addPerson(s0, cleanPerson({ name: 'Ana', relation: 'boss' }).person, 'p-k3x9q2m1', T);
  assert.deepEqual(s.people[1], { id: 'p-k3x9q2m1', name: 'Ana', relation: 'boss', channel: 'unknown', contact: '', notes: '', addedOn: T, log: [] });
  assert.deepEqual(Object.keys(s.people[1]), ['id', 'name', 'relation', 'channel', 'contact', 'notes', 'addedOn', 'log']);
  assert.equal(s.people[0], s0.people[0]);
  assert.equal(s0.people.length, 1);
  assert.equal(s.extra, 1);
  assert.equal(addPerson({ version: 2 }, ANA, 'p-1', T).people.length, 1, 'a state without a list yet');
  // The result is valid stored data.
  assert.equal(parseStored(JSON.stringify(s), { today: T }).status, 'ok');
});

test('updatePerson replaces the editable fields and keeps id, addedOn, log and unknown fields', () => {
  let s = withAna();
  s = logEntry(s, 'p-ana', { type: 'attempt', date: T });
  s = { ...s, people: [{ ...s.people[0], birthday: '04-05' }] };
  const u = updatePerson(deepFreeze(s), 'p-ana', { name: 'Ana L.', relation: 'mentor', channel: 'text', contact: '+1 555', notes: '' });
  assert.deepEqual(u.people[0], {
    id: 'p-ana', name: 'Ana L.', relation: 'mentor', channel: 'text', contact: '+1 555', notes: '', addedOn: T, log: s.people[0].log, birthday: '04-05',
  });
  assert.equal(s.people[0].name, 'Ana');
  assert.equal(updatePerson(s, 'p-nobody', ANA), s, 'no such person: no change');
  assert.equal(u.extra.kept, true);
});

test('removePerson removes them, from this week\'s picks too; findPerson', () => {
  let s = addPerson(withAna(), ANA, 'p-bo', T);
  s = deepFreeze({ ...s, plan: { week: T, ids: ['p-bo', 'p-ana'], note: 'x' } });
  assert.equal(findPerson(s, 'p-bo').id, 'p-bo');
  assert.equal(findPerson(s, 'p-nobody'), null);
  assert.equal(findPerson(emptyState(), 'p-bo'), null);
  const r = removePerson(s, 'p-bo');
  assert.deepEqual(r.people.map((p) => p.id), ['p-ana']);
  assert.deepEqual(r.plan, { week: T, ids: ['p-ana'], note: 'x' });
  assert.equal(findPerson(r, 'p-bo'), null);
  assert.equal(s.people.length, 2);
  assert.equal(removePerson(withAna(), 'p-ana').plan, null, 'no plan stays no plan');
});

test('logEntry appends attempts, replies and reconnects with trimmed notes', () => {
  const s0 = withAna();
  let s = logEntry(s0, 'p-ana', { type: 'attempt', date: '2026-11-20', channel: 'linkedin', note: '  Sent a short hello. ' });
  s = logEntry(s, 'p-ana', { type: 'attempt', date: T });
  s = logEntry(s, 'p-ana', { type: 'reply', date: T, note: 'Coffee next week!', channel: 'email', extra: 1 });
  s = logEntry(s, 'p-ana', { type: 'reconnected', date: '2026-11-30' });
  assert.deepEqual(s.people[0].log, [
    { type: 'attempt', date: '2026-11-20', channel: 'linkedin', note: 'Sent a short hello.' },
    { type: 'attempt', date: T, channel: 'email', note: '' }, // the person's channel when none is given
    { type: 'reply', date: T, note: 'Coffee next week!' },
    { type: 'reconnected', date: '2026-11-30', note: '' },
  ]);
  assert.deepEqual(s0.people[0].log, [], 'the input is unchanged');
  assert.equal(personStatus(s.people[0], '2026-12-01', S).status, 'reconnected');
  const long = logEntry(s0, 'p-ana', { type: 'reply', date: T, note: 'x'.repeat(1500) });
  assert.equal(long.people[0].log[0].note.length, 1000);
  assert.equal(logEntry(s0, 'p-nobody', { type: 'reply', date: T }), s0, 'no such person: no change');
});

test('logEntry refuses what is not an attempt, a reply or a reconnect, or has no real date', () => {
  const s = withAna();
  for (const entry of [{ type: 'snooze', date: T, until: T }, { type: 'let-go', date: T }, { type: 'wave', date: T }, { date: T }]) {
    assert.throws(() => logEntry(s, 'p-ana', entry), (e) => e instanceof Error && /^A log entry is an attempt, a reply or a reconnect\.$/.test(e.message), JSON.stringify(entry));
  }
  for (const date of [undefined, '', '2026-02-30', 'yesterday', 20261123]) {
    assert.throws(() => logEntry(s, 'p-ana', { type: 'attempt', date }), /^Error: Pick the date it happened\.$/, String(date));
  }
});

test('removeEntry, snooze and letGo', () => {
  let s = withAna();
  s = logEntry(s, 'p-ana', { type: 'attempt', date: '2026-11-20', note: 'one' });
  s = logEntry(s, 'p-ana', { type: 'attempt', date: '2026-11-21', note: 'two' });
  s = deepFreeze(logEntry(s, 'p-ana', { type: 'reply', date: '2026-11-22', note: 'three' }));
  assert.deepEqual(removeEntry(s, 'p-ana', 1).people[0].log.map((e) => e.note), ['one', 'three']);
  assert.equal(s.people[0].log.length, 3);
  assert.equal(removeEntry(s, 'p-ana', 9).people[0].log.length, 3, 'out of range: nothing removed');
  assert.equal(SNOOZE_DAYS, 3);
  assert.deepEqual(snooze(s, 'p-ana', '2026-11-30').people[0].log[3], { type: 'snooze', date: '2026-11-30', until: '2026-12-03' });
  assert.deepEqual(snooze(s, 'p-ana', '2028-02-28', 2).people[0].log[3], { type: 'snooze', date: '2028-02-28', until: '2028-03-01' });
  assert.deepEqual(letGo(s, 'p-ana', T).people[0].log[3], { type: 'let-go', date: T });
  assert.equal(personStatus(letGo(s, 'p-ana', T).people[0], T, S).status, 'let-go');
  assert.equal(snooze(s, 'p-nobody', T), s);
  assert.equal(parseStored(JSON.stringify(letGo(snooze(s, 'p-ana', T), 'p-ana', T)), { today: T }).status, 'ok', 'still valid stored data');
});

const MESSAGES = [
  { step: 'first-contact', url: '/m/hello-email/', title: 'Hello', channel: 'email' },
  { step: 'first-contact', url: '/m/hello-text/', title: 'Hello (text)', channel: 'text' },
  { step: 'follow-up', url: '/m/nudge/', title: 'Nudge', channel: 'linkedin' },
];

test('messageFor prefers the person\'s channel, then the nearest channel, else the first example of that step', () => {
  assert.equal(messageFor('first-contact', 'text', MESSAGES).url, '/m/hello-text/');
  assert.equal(messageFor('first-contact', 'email', MESSAGES).url, '/m/hello-email/');
  assert.equal(messageFor('first-contact', 'unknown', MESSAGES).url, '/m/hello-email/');
  assert.equal(messageFor('follow-up', 'email', MESSAGES).url, '/m/nudge/');
  assert.equal(messageFor('last-try', 'email', MESSAGES), null);
  assert.equal(messageFor(null, 'email', MESSAGES), null);
  assert.equal(messageFor('follow-up', 'email', []), null);
});

test('messageFor falls back to the nearest channel: chat-like channels share, a call gets a text, in person a card, unknown email', () => {
  const all = [
    { step: 'thank-you', url: '/m/thanks-email/', title: 'Thanks', channel: 'email' },
    { step: 'thank-you', url: '/m/thanks-text/', title: 'Thanks (text)', channel: 'text' },
    { step: 'thank-you', url: '/m/card/', title: 'Card', channel: 'card' },
    { step: 'thank-you', url: '/m/thanks-linkedin/', title: 'Thanks (LinkedIn)', channel: 'linkedin' },
  ];
  const pick = (channel) => messageFor('thank-you', channel, all).url;
  assert.equal(pick('messaging'), '/m/thanks-text/', 'a messaging app borrows the text');
  assert.equal(pick('phone'), '/m/thanks-text/', 'after a call, a text');
  assert.equal(pick('in-person'), '/m/card/', 'after meeting in person, a card');
  assert.equal(pick('unknown'), '/m/thanks-email/', 'unknown channel: email');
  assert.equal(pick('linkedin'), '/m/thanks-linkedin/', 'its own channel first');
  const noText = all.filter((m) => m.channel !== 'text');
  assert.equal(messageFor('thank-you', 'messaging', noText).url, '/m/thanks-linkedin/', 'then LinkedIn');
  assert.equal(messageFor('thank-you', 'email', [all[1]]).url, '/m/thanks-text/', 'else the first of the step');
});

test('contactLinks: an email address or a phone number, when the contact looks like one', () => {
  const links = (contact) => contactLinks({ contact });
  assert.deepEqual(links('ana@example.com'), { email: 'ana@example.com', phone: null });
  assert.deepEqual(links('  ana.lima@mail.example.co.uk '), { email: 'ana.lima@mail.example.co.uk', phone: null });
  assert.deepEqual(links('+1 (415) 555-0100'), { email: null, phone: '+14155550100' });
  assert.deepEqual(links('06.12.34.56.78'), { email: null, phone: '0612345678' });
  assert.deepEqual(links('[030] 1234-5678'), { email: null, phone: '03012345678' });
  for (const odd of ['', 'ana', 'ana@example', 'ana @example.com', 'a@b@c.com', '@example.com', 'ana@.', '1234', '+1 555 CALL NOW', '12+345678', 'linkedin.com/in/ana', 'mailto:ana@example.com?x=1 2']) {
    assert.deepEqual(links(odd), { email: null, phone: null }, odd);
  }
  assert.deepEqual(contactLinks({ name: 'No contact' }), { email: null, phone: null });
});

test('contactLinks: an address that would add headers or change the recipient in a mailto: URL is not an email', () => {
  const email = (contact) => contactLinks({ contact }).email;
  for (const odd of [
    'ana@example.com?bcc=spy%40evil.example', 'ana@example.com&cc=x@y.z', 'ana@example.com#x', 'ana%40x@example.com',
    'ana@example.com/path', 'ana@exa mple.com', 'ana@example.c', 'ana@example..com', 'ana@-', 'a<b>@example.com', 'ana@example.com\nBcc: x@y.z',
  ]) assert.equal(email(odd), null, odd);
  for (const ok of ["o'brien@example.ie", 'ana+reach@example.com', 'josé@correo.example.es', 'ana_lima-2@sub.example.co.uk']) assert.equal(email(ok), ok, ok);
});
