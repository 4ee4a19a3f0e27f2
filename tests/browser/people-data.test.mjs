// The people in "Your data": export -> clear -> import brings people and their logs back; reset
// clears them and Undo restores them; a version 1 object is upgraded to version 2 (old shape kept
// aside) on the people page; a corrupt people array is set aside with a warning, not wiped, and
// the challenge's progress stays.
// Contract: docs/tracker.md. Every test has its own browser context (empty localStorage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { show } from './lib/site.mjs';
import {
  state, eventually, seed, stored, allStorage, addDays, hook, hookText, progressOf,
} from './lib/tracker.mjs';
import {
  usePeopleSite, DAY0, person, attempt, reply, withClock, seedV2, ph, openPeople, card, idsIn, cardFacts,
  storedPeople, addPerson, recordDialogs,
} from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;


const taskKey = (n, i) => `${site.data.days[n - 1].slug}/${site.data.days[n - 1].tasks[i]}`;
const backups = (all) => Object.keys(all).filter((k) => k.startsWith(`${site.key}:backup:`));

test('export -> clear storage -> import brings back the people, their logs, the week\'s picks and the reminder time', async () => {
  const start = addDays(DAY0, -1);
  const ana = person({ name: 'Ana Lima', contact: 'ana@example.com', notes: 'Met at the 2019 offsite', log: [attempt(addDays(DAY0, -9), 'email', 'the catch-up email'), reply(addDays(DAY0, -2), 'said hi back')] });
  const ben = person({ name: 'Ben Okafor', relation: 'boss', channel: 'linkedin' });
  await withClock(env, { date: DAY0 }, async (page) => {
    const seeded = await seedV2(page, env.site, site.key, {
      startedOn: start,
      tasks: { [taskKey(1, 0)]: start },
      activity: [start],
      people: [ana, ben],
      plan: { week: start, ids: [ben.id] },
      reminders: { time: '08:15' },
    });
    await openPeople(page, site.people);
    await hook(page, 'data').waitFor({ state: 'visible' });
    const [download] = await Promise.all([page.waitForEvent('download'), hook(page, 'export').click()]);
    const text = await readFile(await download.path(), 'utf8');
    const backup = JSON.parse(text);
    assert.equal(backup.app, 'reachout');
    assert.equal(backup.data.version, 2, show(backup.data));
    assert.deepEqual(backup.data.people, [ana, ben], 'the export does not hold the people as stored');
    assert.deepEqual({ ...backup.data, lastBackupOn: null }, { ...seeded, lastBackupOn: null }, show(backup.data));
    await eventually(async () => assert.deepEqual(await stored(page, site.key), backup.data, 'the export is not the stored object'));

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await ph(page, 'app').waitFor({ state: 'visible' });
    assert.deepEqual(await idsIn(page, 'list'), [], 'people shown after clearing storage');

    await hook(page, 'import').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await eventually(async () => {
      assert.deepEqual(await stored(page, site.key), backup.data, 'stored after the import');
      assert.deepEqual(await idsIn(page, 'list'), [ana.id, ben.id], 'the list after the import');
      assert.deepEqual(await idsIn(page, 'picks'), [ben.id], 'this week\'s picks after the import');
    });
    assert.match(await hookText(page, 'message'), /\b2 people\b/, 'the import message does not count the people');
    const f = await cardFacts(card(page, 'list', ana.id));
    assert.equal(f.status, 'replied', show(f));
    assert.match(await card(page, 'list', ana.id).locator('.person-history').textContent(), /said hi back/, 'the log notes did not come back');
    assert.equal(await ph(page, 'reminder-time').inputValue(), '08:15');
    await page.reload();
    await ph(page, 'app').waitFor({ state: 'visible' });
    assert.deepEqual(await idsIn(page, 'list'), [ana.id, ben.id], 'the list after import + reload');
  });
});

test('reset (confirmed) clears the people too, and Undo brings them back', async () => {
  const ana = person({ name: 'Ana Lima', log: [attempt(addDays(DAY0, -3))] });
  const ben = person({ name: 'Ben Okafor' });
  await withClock(env, { date: DAY0 }, async (page) => {
    const seeded = await seedV2(page, env.site, site.key, { startedOn: DAY0, people: [ana, ben] });
    const dlg = recordDialogs(page, 'accept');
    await openPeople(page, site.people);
    await hook(page, 'reset').click();
    await eventually(async () => {
      assert.equal(dlg.dialogs.length, 1, 'reset asked no question');
      assert.equal(dlg.dialogs[0].type, 'confirm');
      assert.match(dlg.dialogs[0].message, /people/i, `the question does not say the people go too: ${dlg.dialogs[0].message}`);
      assert.deepEqual(await storedPeople(page, site.key), [], 'people still stored after the reset');
      assert.deepEqual(await idsIn(page, 'list'), [], 'people still shown after the reset');
      assert.ok(await ph(page, 'empty').isVisible(), 'no empty-list message after the reset');
    });
    await hook(page, 'message').getByRole('button', { name: /undo/i }).click();
    await eventually(async () => {
      assert.deepEqual(await stored(page, site.key), seeded, 'Undo did not restore the stored object');
      assert.deepEqual(await idsIn(page, 'list'), [ana.id, ben.id], 'Undo did not bring the people back');
    });
    assert.equal((await cardFacts(card(page, 'list', ana.id))).status, 'waiting');
  });
});

test('a version 1 object (an unknown field, and a "people" field of another shape) opened on the people page: upgraded to version 2, tasks kept, the old "people" under before_v2, the old shape kept aside; people can be added', async () => {
  const d1 = addDays(DAY0, -2);
  const d2 = addDays(DAY0, -1);
  const v1 = state({
    startedOn: d1,
    tasks: { [taskKey(1, 0)]: d1, [taskKey(1, 1)]: d1, [taskKey(2, 0)]: d2 },
    activity: [d1, d2],
    coachNote: { keep: 'me', n: [1, 2] },
    people: [{ name: 'Ada', tries: 1 }], // another script's field of that name, before version 2
  });
  const raw = JSON.stringify(v1);
  await withClock(env, { date: DAY0 }, async (page) => {
    await seed(page, env.site, { [site.key]: raw });
    await openPeople(page, site.people);
    const up = await eventually(async () => {
      const s = await stored(page, site.key);
      assert.equal(s?.version, 2, `not upgraded: ${show(s)}`);
      return s;
    });
    const { people: foreign, ...rest } = v1;
    assert.deepEqual(up, { ...rest, version: 2, people: [], plan: null, reminders: null, before_v2: { people: foreign } },
      'the upgrade changed more than the version and the new fields (an old "people" goes under before_v2)');
    const all = await allStorage(page);
    const kept = backups(all);
    assert.equal(kept.length, 1, `backup keys: ${show(all)}`);
    assert.equal(all[kept[0]], raw, 'the old shape was not kept aside as it was');
    assert.equal(await hook(page, 'storage-warning').isVisible(), false, 'an upgrade is reported as a problem');

    const id = await addPerson(page, site.key, { name: 'First Person' });
    const after = await stored(page, site.key);
    assert.deepEqual({ ...after, people: [] }, up, 'adding a person changed the rest of the object');
    assert.deepEqual(after.people.map((p) => [p.id, p.name, p.addedOn, p.log]), [[id, 'First Person', DAY0, []]]);
    assert.deepEqual(backups(await allStorage(page)), kept, 'more backups after adding a person');

    await page.goto(env.urls.home);
    await eventually(async () => assert.equal((await progressOf(page, 'overall')).value, 3, 'home lost the ticks after the upgrade'));
  });
});

test('a corrupt people array is set aside under a backup key with a warning naming it, not wiped; the progress stays and the page still works', async () => {
  const good = person({ name: 'Good Person' });
  const corrupt = [good, { id: 42, name: { first: 'Not' }, log: 'yesterday' }];
  const v2 = { version: 2, startedOn: DAY0, tasks: { [taskKey(1, 0)]: DAY0 }, activity: [DAY0], lastBackupOn: null, people: corrupt, plan: null, reminders: null };
  const raw = JSON.stringify(v2);
  await withClock(env, { date: DAY0 }, async (page) => {
    await seed(page, env.site, { [site.key]: raw });
    await openPeople(page, site.people);
    const warning = hook(page, 'storage-warning');
    await eventually(async () => assert.ok(await warning.isVisible(), 'no storage warning for a corrupt people array'));
    const all = await allStorage(page);
    const kept = backups(all);
    assert.equal(kept.length, 1, `backup keys: ${show(all)}`);
    let aside;
    try {
      aside = JSON.parse(all[kept[0]]);
    } catch {
      aside = null;
    }
    const keptPeople = Array.isArray(aside) ? aside : aside?.people;
    assert.deepEqual(keptPeople, corrupt, `the backup does not hold the people as they were: ${all[kept[0]]}`);
    assert.ok((await hookText(page, 'storage-warning')).includes(kept[0]), 'the warning does not name the backup key');
    await eventually(async () => {
      const live = await stored(page, site.key);
      assert.equal(live?.startedOn, DAY0, `the start date was lost with the people: ${show(live)}`);
      assert.deepEqual(live.tasks, v2.tasks, 'the ticks were lost with the people');
      assert.deepEqual(live.people, [], 'the unreadable people are still read');
    });

    await addPerson(page, site.key, { name: 'New Person' });
    const after = await allStorage(page);
    assert.equal(after[kept[0]], all[kept[0]], 'the backup changed after adding a person');
    assert.deepEqual(await idsIn(page, 'list'), (await storedPeople(page, site.key)).map((p) => p.id));
  });
});

test('no page errors, console errors, CSP violations or off-site requests during the people data tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
