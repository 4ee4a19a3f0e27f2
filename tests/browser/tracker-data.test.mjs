// The tracker's data: export / import / reset, corrupt or unavailable storage, and the
// localStorage namespace (one key per site, even for several sites on one origin).
// Contract: /work/spec/TRACKER.md. Every test has its own browser context (empty localStorage).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, readFile, writeFile, rm, cp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { show, PREFIX, SITE_ROOT, buildSite, createStaticServer, launch } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import {
  state, eventually, trackerData, totalTasks, dayUrl, seed, stored, allStorage, pageToday,
  hook, hookText, taskBox, progressOf,
  withPage as withPageIn, loadTrackerData,
} from './lib/tracker.mjs';

/** Resolves once every task the page had queued has run: its event handlers have finished.
 * A positive signal to check "nothing changed" against, instead of a fixed wait. */
const settled = (page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));

const env = useSite();
let data;
let KEY;

before(async () => {
  data = await loadTrackerData(env);
  KEY = data.key;
});

const withPage = (opts, fn) => withPageIn(env, opts, fn);

const taskKey = (n, i) => `${data.days[n - 1].slug}/${data.days[n - 1].tasks[i]}`;

/** The file input of hook `name` (the hook itself or the input inside it). */
async function fileInput(page, name) {
  const h = hook(page, name).first();
  return (await h.evaluate((el) => el.matches('input[type="file"]'))) ? h : h.locator('input[type="file"]').first();
}

async function openDay(page, n) {
  await page.goto(dayUrl(env.site, data, n));
  await eventually(async () => assert.equal(await page.locator('li.task input[type="checkbox"]').count(), data.days[n - 1].tasks.length));
}

/** Seeds a started state with ticks on days 1 and 2; returns it. */
async function seedStarted(page) {
  await page.goto(`${env.site.origin}${PREFIX}robots.txt`);
  const today = await pageToday(page);
  const s = state({
    startedOn: today,
    tasks: { [taskKey(1, 0)]: today, [taskKey(1, 1)]: today, [taskKey(2, 0)]: today },
    activity: [today],
  });
  await seed(page, env.site, { [KEY]: s });
  return s;
}

/** What the visitor sees of their progress on home. */
async function homeView(page) {
  const p = await progressOf(page, 'overall');
  return { overall: p.value, max: p.max, started: !(await hook(page, 'start').isVisible()) };
}

test('export -> clear storage -> import restores the ticks and the start date', async () => {
  await withPage({}, async (page) => {
    page.on('dialog', (d) => d.accept());
    await page.goto(env.urls.home);
    const today = await pageToday(page);
    await hook(page, 'start').click();
    await openDay(page, 1);
    await taskBox(page, data.days[0].tasks[0]).check();
    await taskBox(page, data.days[0].tasks[2]).check();
    await openDay(page, 2);
    await taskBox(page, data.days[1].tasks[0]).check();
    await eventually(async () => assert.equal(Object.keys((await stored(page, KEY)).tasks).length, 3));

    // A field of a future feature rides along through export and import.
    const friends = [{ name: 'Ada', tries: 2 }];
    await page.evaluate(([k, p]) => {
      const s = JSON.parse(localStorage.getItem(k));
      localStorage.setItem(k, JSON.stringify({ ...s, friends: p }));
    }, [KEY, friends]);

    await page.goto(env.urls.home);
    await hook(page, 'data').waitFor({ state: 'visible' });
    assert.equal(await hook(page, 'restore').isVisible(), false, 'restore (empty state) is shown although there is data');
    assert.equal(await hook(page, 'message').getAttribute('role'), 'status', '[data-tracker=message] role');
    assert.match(await hookText(page, 'last-backup'), /no backup/i, 'last-backup before the first export');
    const [download] = await Promise.all([page.waitForEvent('download'), hook(page, 'export').click()]);
    assert.equal(download.suggestedFilename(), `reachout-backup-${today}.json`);
    const file = await download.path();
    const text = await readFile(file, 'utf8');
    const backup = JSON.parse(text);
    assert.equal(backup.app, 'reachout', show(backup));
    assert.equal(backup.key, KEY, show(backup));
    assert.ok(!Number.isNaN(Date.parse(backup.exportedAt)), `exportedAt: ${backup.exportedAt}`);
    assert.equal(backup.data.version, 2);
    assert.equal(backup.data.startedOn, today);
    assert.deepEqual(
      backup.data.tasks,
      { [taskKey(1, 0)]: today, [taskKey(1, 2)]: today, [taskKey(2, 0)]: today },
      show(backup.data),
    );
    assert.deepEqual(backup.data.activity, [today]);
    assert.deepEqual(backup.data.friends, friends, 'unknown field "friends" missing from the export');
    await eventually(async () => {
      assert.equal((await stored(page, KEY)).lastBackupOn, today, 'lastBackupOn after the export');
      assert.deepEqual(backup.data, await stored(page, KEY), 'the export\'s data is not the stored object');
      assert.doesNotMatch(await hookText(page, 'last-backup'), /no backup/i, 'last-backup after an export');
    });
    assert.ok((await hookText(page, 'message')).length > 0, 'no message after the export');
    const before = await homeView(page);
    assert.deepEqual(before, { overall: 3, max: totalTasks(data), started: true });

    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await hook(page, 'start').waitFor({ state: 'visible' });
    assert.equal((await homeView(page)).overall, 0, 'progress after clearing storage');

    // The data panel (import) or the empty-state restore control.
    const via = (await hook(page, 'data').isVisible()) ? 'import' : 'restore';
    assert.ok(await hook(page, via).isVisible(), 'neither import nor restore is visible on an empty home');
    await (await fileInput(page, via)).setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(text) });
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.equal(s?.startedOn, today, `after import (${via}): ${show(s)}`);
      assert.deepEqual(s.tasks, backup.data.tasks);
      assert.deepEqual(s.activity, backup.data.activity);
      assert.deepEqual(s.friends, friends, 'unknown field "friends" not restored');
    });
    await eventually(async () => assert.deepEqual(await homeView(page), before, 'home after import'));
    await page.reload();
    await eventually(async () => assert.deepEqual(await homeView(page), before, 'home after import + reload'));
    await openDay(page, 1);
    const ticks = await page.$$eval('li.task input[type="checkbox"]', (bs) => bs.map((b) => b.checked));
    assert.deepEqual(ticks, data.days[0].tasks.map((_, i) => i === 0 || i === 2), 'day 1 ticks after import');
  });
});

test('the empty home offers "Restore from a backup" (a .json file input)', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const r = hook(page, 'restore');
    await r.waitFor({ state: 'visible' });
    assert.match(await r.textContent(), /restore/i);
    const input = await fileInput(page, 'restore');
    assert.match(await input.getAttribute('accept'), /\.json/);
    const labelled = await input.evaluate((el) => el.labels.length > 0 || el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby'));
    assert.ok(labelled, 'the restore file input has no label');
  });
});

const BAD_FILES = [
  { why: 'not JSON', body: 'this is not a backup {' },
  { why: 'empty file', body: '' },
  { why: 'a JSON array', body: '[1, 2, 3]' },
  { why: 'JSON of another app', body: (today) => JSON.stringify({ app: 'something-else', exportedAt: new Date().toISOString(), data: { version: 1, startedOn: today, tasks: {}, activity: [], lastBackupOn: null } }) },
  { why: 'no data object', body: () => JSON.stringify({ app: 'reachout', exportedAt: new Date().toISOString(), key: `reachout:${PREFIX}` }) },
  {
    why: 'wrong types everywhere',
    body: () => JSON.stringify({ app: 'reachout', exportedAt: new Date().toISOString(), key: `reachout:${PREFIX}`, data: { version: 1, startedOn: 20260101, tasks: { 'day-1/list-20': true }, activity: 'yesterday', lastBackupOn: null } }),
  },
  {
    // A valid start date with broken tasks: nothing of it may be applied.
    why: 'valid startedOn but tasks is a string',
    body: () => JSON.stringify({ app: 'reachout', exportedAt: new Date().toISOString(), key: `reachout:${PREFIX}`, data: { version: 1, startedOn: '2020-01-01', tasks: 'all of them', activity: [], lastBackupOn: null } }),
  },
  {
    why: 'startedOn is not a date',
    body: () => JSON.stringify({ app: 'reachout', exportedAt: new Date().toISOString(), key: `reachout:${PREFIX}`, data: { version: 1, startedOn: 'next tuesday', tasks: {}, activity: [], lastBackupOn: null } }),
  },
];

test('bad import files are refused with a message and change nothing', async (t) => {
  await withPage({}, async (page) => {
    page.on('dialog', (d) => d.accept());
    const seeded = await seedStarted(page);
    const messages = [];
    const failures = [];
    for (const bad of BAD_FILES) {
      await page.goto(env.urls.home);
      await hook(page, 'data').waitFor({ state: 'visible' });
      const beforeView = await eventually(async () => {
        const v = await homeView(page);
        assert.equal(v.overall, 3);
        return v;
      });
      const before = await stored(page, KEY);
      const body = typeof bad.body === 'function' ? bad.body(seeded.startedOn) : bad.body;
      await (await fileInput(page, 'import')).setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(body) });
      try {
        const msg = await eventually(async () => {
          const m = await hookText(page, 'message');
          assert.ok(m.length > 0 && (await hook(page, 'message').isVisible()), `no visible message for a file with ${bad.why}`);
          return m;
        });
        messages.push(`${bad.why}: ${msg}`);
        // The message is the import's last step: a write it made would be in storage now.
        await settled(page);
        assert.deepEqual(await stored(page, KEY), before, `stored data changed by a file with ${bad.why}`);
        assert.deepEqual(await homeView(page), beforeView, `home changed by a file with ${bad.why}`);
        await page.reload();
        await eventually(async () => assert.deepEqual(await homeView(page), beforeView, `home after reload, file with ${bad.why}`));
      } catch (err) {
        failures.push(err.message);
      }
    }
    for (const m of messages) t.diagnostic(`message for ${m}`);
    assert.deepEqual(failures, [], failures.join('\n\n'));
  });
});

test('reset asks for confirmation: dismiss keeps everything, accept clears it', async () => {
  await withPage({}, async (page) => {
    await seedStarted(page);
    await page.goto(env.urls.home);
    await hook(page, 'data').waitFor({ state: 'visible' });
    const before = await stored(page, KEY);
    const view = await homeView(page);
    assert.equal(view.overall, 3);

    const dialogs = [];
    let answer = 'dismiss';
    page.on('dialog', async (d) => {
      dialogs.push({ type: d.type(), message: d.message() });
      if (answer === 'accept') await d.accept();
      else await d.dismiss();
    });
    await hook(page, 'reset').click();
    await eventually(async () => assert.equal(dialogs.length, 1, 'reset asked no question'));
    assert.equal(dialogs[0].type, 'confirm', show(dialogs));
    assert.ok(dialogs[0].message.length > 10, show(dialogs));
    // The dismissed confirm() returned false and the click handler ran to its end.
    await settled(page);
    assert.deepEqual(await stored(page, KEY), before, 'data changed although the reset was dismissed');
    assert.deepEqual(await homeView(page), view);

    answer = 'accept';
    await hook(page, 'reset').click();
    await eventually(async () => assert.equal(dialogs.length, 2));
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.ok(s === null || (s.startedOn === null && Object.keys(s.tasks).length === 0), `after reset: ${show(s)}`);
    });
    await eventually(async () => assert.ok(await hook(page, 'start').isVisible(), 'no start button after the reset'));
    await page.reload();
    await hook(page, 'start').waitFor({ state: 'visible' });
    const p = await progressOf(page, 'overall');
    assert.ok(p.value === 0 || !p.visible, `overall after reset + reload: ${show(p)}`);
  });
});

test('a corrupt stored value is moved to a backup key, the visitor is told, and the tracker still works', async () => {
  await withPage({}, async (page) => {
    const corrupt = '{not json';
    await seed(page, env.site, { [KEY]: corrupt });
    await page.goto(env.urls.home);
    const warning = hook(page, 'storage-warning');
    await eventually(async () => assert.ok(await warning.isVisible(), 'no storage warning for corrupt data'));
    const all = await allStorage(page);
    const backups = Object.keys(all).filter((k) => k.startsWith(`${KEY}:backup:`));
    assert.equal(backups.length, 1, `backup keys: ${show(all)}`);
    assert.equal(all[backups[0]], corrupt, 'the backup does not hold the corrupt text');
    const stamp = backups[0].slice(`${KEY}:backup:`.length);
    assert.ok(!Number.isNaN(Date.parse(stamp)), `backup key suffix "${stamp}" is not an ISO timestamp`);
    if (all[KEY] !== undefined) assert.doesNotThrow(() => JSON.parse(all[KEY]), `${KEY} still holds ${all[KEY]}`);
    const text = await hookText(page, 'storage-warning');
    assert.ok(text.includes(backups[0]), `the warning does not name the key the data is kept under: "${text}"`);

    await hook(page, 'start').click();
    const today = await pageToday(page);
    await eventually(async () => assert.equal((await stored(page, KEY))?.startedOn, today));
    await openDay(page, 1);
    await taskBox(page, data.days[0].tasks[0]).check();
    await eventually(async () => assert.equal((await stored(page, KEY)).tasks[taskKey(1, 0)], today));
    const after = await allStorage(page);
    assert.deepEqual(Object.keys(after).filter((k) => k.startsWith(`${KEY}:backup:`)), backups, 'backups after more use');
    assert.equal(after[backups[0]], corrupt);
  });
});

for (const [why, value] of [
  ['a JSON array', '[1,2]'],
  ['a JSON string', '"hello"'],
  ['null', 'null'],
  ['tasks of the wrong type', JSON.stringify({ version: 1, startedOn: 5, tasks: 'x', activity: {} })],
]) {
  test(`stored JSON of the wrong shape (${why}) does not break the tracker`, async () => {
    const mark = env.b.events.pageErrors.length;
    await withPage({}, async (page) => {
      await seed(page, env.site, { [KEY]: value });
      await page.goto(env.urls.home);
      await hook(page, 'start').click();
      await eventually(async () => assert.match(await hookText(page, 'today'), new RegExp(`Day 1 of ${data.days.length}`)));
      await openDay(page, 1);
      await taskBox(page, data.days[0].tasks[0]).check();
      await eventually(async () => assert.ok((await stored(page, KEY))?.tasks?.[taskKey(1, 0)], show(await allStorage(page))));
      if (value !== 'null') {
        const kept = Object.entries(await allStorage(page)).filter(([k, v]) => k.startsWith(`${KEY}:backup:`) && v === value);
        assert.equal(kept.length, 1, `the unreadable value was not kept under ${KEY}:backup:…: ${show(await allStorage(page))}`);
      }
    });
    assert.deepEqual(env.b.events.pageErrors.slice(mark), [], show(env.b.events.pageErrors.slice(mark)));
  });
}

test('a myth page carries only the words any page shows; a corrupt-data warning waits for the data file, whose words it needs', async () => {
  await withPage({}, async (page, context) => {
    await seed(page, env.site, { [KEY]: '{not json' });
    let release;
    const held = new Promise((r) => { release = r; });
    await context.route(/\/js\/data-[^/]*\.json$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(env.urls.myth);
    const words = await page.evaluate(() => ({
      inline: JSON.parse(document.getElementById('reachout-data').textContent).strings,
      blocks: document.querySelectorAll('script[data-strings]').length,
    }));
    assert.equal(words.blocks, 0, 'a myth page adds no words block');
    assert.deepEqual(Object.keys(words.inline.tracker).sort(), ['download', 'load_error', 'no_storage', 'undo'], `inline words: ${show(words.inline)}`);
    // The data is set aside at once, whatever the words.
    await eventually(async () => assert.equal(Object.keys(await allStorage(page)).filter((k) => k.startsWith(`${KEY}:backup:`)).length, 1));
    assert.equal(await hook(page, 'storage-warning').isVisible(), false, 'a warning without its words');
    release();
    await eventually(async () => assert.match(await hookText(page, 'storage-warning'), /couldn’t read \(it is not valid JSON\)/));
    const kept = Object.keys(await allStorage(page)).find((k) => k.startsWith(`${KEY}:backup:`));
    assert.ok((await hookText(page, 'storage-warning')).includes(kept), 'the warning names the key');
  });
});

test('corrupt data and a data file that cannot come: the warning says a part could not load and still offers the download', async () => {
  await withPage({}, async (page, context) => {
    await seed(page, env.site, { [KEY]: '{not json' });
    await context.route(/\/js\/data-[^/]*\.json$/, (route) => route.abort());
    await page.goto(env.urls.myth);
    await eventually(async () => assert.match(await hookText(page, 'storage-warning'), /could not load/));
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      hook(page, 'storage-warning').getByRole('button', { name: 'Download it' }).click(),
    ]);
    const saved = await readFile(await file.path(), 'utf8');
    assert.equal(saved, '{not json', 'the download holds the unreadable text');
  });
});

test('corrupt data and no room to set it aside: it is left untouched, with a warning', async () => {
  await withPage({}, async (page, context) => {
    await seed(page, env.site, { [KEY]: '{not json' });
    await context.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function setItem(k, v) {
        if (String(k).includes(':backup:')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    await openDay(page, 1);
    await eventually(async () => assert.ok(await hook(page, 'storage-warning').isVisible(), 'no warning'));
    await taskBox(page, data.days[0].tasks[0]).check();
    await eventually(async () => assert.equal((await progressOf(page, 'day-progress')).value, 1, 'the tick did not count in memory'));
    await settled(page);
    assert.equal((await allStorage(page))[KEY], '{not json', 'the unreadable data was overwritten without a backup');
  });
});

test('data saved by a newer version is left untouched, with a warning', async () => {
  await withPage({}, async (page) => {
    const future = JSON.stringify({ version: 3, startedOn: '2026-01-01', tasks: { [taskKey(1, 0)]: '2026-01-01' }, contacts: { shape: 'new' } });
    await seed(page, env.site, { [KEY]: future });
    await openDay(page, 1);
    await eventually(async () => assert.ok(await hook(page, 'storage-warning').isVisible(), 'no warning for data of a newer version'));
    await taskBox(page, data.days[0].tasks[1]).check();
    // The tick was handled (storage writes are synchronous in the change handler).
    await settled(page);
    assert.equal((await allStorage(page))[KEY], future, 'data of a newer version was overwritten');
  });
});

const BLOCKERS = {
  'getItem/setItem/removeItem throw': () => {
    for (const m of ['getItem', 'setItem', 'removeItem', 'clear', 'key']) {
      Storage.prototype[m] = function blocked() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    }
  },
  'reading window.localStorage throws': () => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException("Failed to read the 'localStorage' property from 'Window': Access is denied for this document.", 'SecurityError');
      },
    });
  },
  'setItem throws QuotaExceededError': () => {
    Storage.prototype.setItem = function full() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  },
};

for (const [why, blocker] of Object.entries(BLOCKERS)) {
  test(`storage unavailable (${why}): works in memory and shows the storage warning`, async () => {
    const mark = env.b.events.pageErrors.length;
    await withPage({}, async (page, context) => {
      await context.addInitScript(blocker);
      await page.goto(env.urls.home);
      await hook(page, 'start').click();
      await eventually(async () => {
        assert.match(await hookText(page, 'today'), new RegExp(`Day 1 of ${data.days.length}`));
        assert.ok(await hook(page, 'storage-warning').isVisible(), 'no storage warning on home');
      });
      assert.match(await hookText(page, 'storage-warning'), /\S/);

      await openDay(page, 1);
      const before = await hookText(page, 'live');
      await taskBox(page, data.days[0].tasks[0]).check();
      await taskBox(page, data.days[0].tasks[1]).check();
      await eventually(async () => {
        const dp = await progressOf(page, 'day-progress');
        assert.equal(dp.value, 2, `day-progress: ${show(dp)}`);
        const o = await progressOf(page, 'overall');
        assert.equal(o.value, 2, `overall: ${show(o)}`);
        assert.ok(await hook(page, 'storage-warning').isVisible(), 'no storage warning on the day page');
        assert.notEqual(await hookText(page, 'live'), before, 'the live region said nothing');
      });
      await taskBox(page, data.days[0].tasks[1]).uncheck();
      await eventually(async () => assert.equal((await progressOf(page, 'day-progress')).value, 1));

      // The warning's way out: a backup of what is in memory, from the last day's data panel.
      const last = data.days.length;
      await openDay(page, last);
      await taskBox(page, data.days[last - 1].tasks[0]).check();
      await hook(page, 'data').waitFor({ state: 'visible' });
      const [download] = await Promise.all([page.waitForEvent('download'), hook(page, 'export').click()]);
      const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
      assert.deepEqual(Object.keys(backup.data.tasks), [taskKey(last, 0)], `export without storage: ${show(backup)}`);
    });
    assert.deepEqual(env.b.events.pageErrors.slice(mark), [], show(env.b.events.pageErrors.slice(mark)));
  });
}

test('namespace: the key is "reachout:" + base path, and the tracker writes only that key (and its backups)', async () => {
  assert.equal(KEY, `reachout:${PREFIX}`);
  assert.equal(data.base_path, PREFIX);
  await withPage({}, async (page) => {
    const foreign = {
      'reachout:/other-site/': JSON.stringify(state({ startedOn: '2020-01-01', tasks: { 'day-1/list-20': '2020-01-01' } })),
      'reachout:/': JSON.stringify(state({ startedOn: '2021-01-01' })),
      unrelated: 'keep me',
    };
    await seed(page, env.site, foreign);
    await page.goto(env.urls.home);
    page.on('dialog', (d) => d.accept());
    await hook(page, 'start').click();
    await openDay(page, 1);
    await taskBox(page, data.days[0].tasks[0]).check();
    await page.goto(env.urls.home);
    await hook(page, 'data').waitFor({ state: 'visible' });
    await Promise.all([page.waitForEvent('download'), hook(page, 'export').click()]);
    await openDay(page, 2);
    await taskBox(page, data.days[1].tasks[0]).check();
    await eventually(async () => assert.equal(Object.keys((await stored(page, KEY)).tasks).length, 2));
    const all = await allStorage(page);
    for (const [k, v] of Object.entries(foreign)) assert.equal(all[k], v, `the tracker changed localStorage["${k}"]`);
    const mine = Object.keys(all).filter((k) => !(k in foreign));
    for (const k of mine) assert.ok(k === KEY || k.startsWith(`${KEY}:backup:`), `the tracker wrote localStorage["${k}"]: ${show(all)}`);
    assert.ok(mine.includes(KEY));
  });
});

test('namespace: two sites on one origin (/reach-out/ and /second/) and a tracker.namespace override keep separate progress', async () => {
  const tmp = await mkdtemp(path.join(tmpdir(), 'reachout-ns-'));
  const prefixes = { a: PREFIX, b: '/second/', c: '/third/' };
  const outs = {};
  const servers = Object.fromEntries(Object.entries(prefixes).map(([k, p]) => [k, createStaticServer(() => outs[k], { prefix: p })]));
  const front = http.createServer((req, res) => {
    const hit = Object.entries(prefixes).find(([, p]) => (req.url || '/').startsWith(p));
    if (hit) servers[hit[0]].emit('request', req, res);
    else {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Not Found\n');
    }
  });
  await new Promise((resolve) => front.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${front.address().port}`;
  let b;
  try {
    // Site c: the same site with `tracker.namespace` set in its site.yaml.
    const rootC = path.join(tmp, 'site-c');
    for (const entry of await readdir(SITE_ROOT, { withFileTypes: true })) {
      if (['target', 'public', 'tests', 'src', 'node_modules', 'scripts'].includes(entry.name) || entry.name.startsWith('.')) continue;
      if (entry.isDirectory() || /\.(ya?ml)$/.test(entry.name)) await cp(path.join(SITE_ROOT, entry.name), path.join(rootC, entry.name), { recursive: true });
    }
    const yaml = await readFile(path.join(rootC, 'site.yaml'), 'utf8');
    assert.match(yaml, /^tracker:\s*$/m, 'site.yaml has no `tracker:` block to add the namespace to');
    await writeFile(path.join(rootC, 'site.yaml'), yaml.replace(/^tracker:\s*$/m, 'tracker:\n  namespace: "reachout-custom-ns"'));
    for (const [k, p] of Object.entries(prefixes)) {
      outs[k] = path.join(tmp, `out-${k}`);
      await buildSite({ root: k === 'c' ? rootC : SITE_ROOT, out: outs[k], baseUrl: `${origin}${p}` });
    }
    b = await launch({ origin });
    const context = await b.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const home = (k) => `${origin}${prefixes[k]}`;
    const keys = {};
    const first = {};
    for (const k of Object.keys(prefixes)) {
      await page.goto(home(k));
      const d = await trackerData(page);
      keys[k] = d.key;
      first[k] = d;
      assert.equal(d.base_path, prefixes[k]);
      for (const day of d.days) assert.ok(day.url.startsWith(prefixes[k]), `${k}: ${day.url}`);
    }
    assert.deepEqual(keys, { a: `reachout:${PREFIX}`, b: 'reachout:/second/', c: 'reachout-custom-ns' });

    const dayPage = async (k, n) => {
      await page.goto(new URL(first[k].days[n - 1].url, origin).href);
      await eventually(async () => assert.equal(await page.locator('li.task input[type="checkbox"]').count(), first[k].days[n - 1].tasks.length));
      return first[k].days[n - 1].tasks;
    };
    // a: start and tick the first task of day 1.
    await page.goto(home('a'));
    await hook(page, 'start').click();
    let ids = await dayPage('a', 1);
    await taskBox(page, ids[0]).check();
    await eventually(async () => assert.ok((await stored(page, keys.a))?.tasks?.[`day-1/${ids[0]}`]));

    // b: a fresh visitor, as far as b knows.
    await page.goto(home('b'));
    await hook(page, 'start').waitFor({ state: 'visible' });
    const pb = await progressOf(page, 'overall');
    assert.ok(pb.value === 0 || !pb.visible, `site b shows site a's progress: ${show(pb)}`);
    await hook(page, 'start').click();
    ids = await dayPage('b', 1);
    assert.equal(await taskBox(page, ids[0]).isChecked(), false, 'site b shows site a\'s tick');
    await taskBox(page, ids[1]).check();

    // c: its own key.
    await page.goto(home('c'));
    await hook(page, 'start').waitFor({ state: 'visible' });
    await hook(page, 'start').click();
    ids = await dayPage('c', 2);
    await taskBox(page, ids[0]).check();
    await eventually(async () => assert.ok((await stored(page, 'reachout-custom-ns'))?.tasks?.[`day-2/${ids[0]}`]));

    // a is untouched by b and c.
    ids = await dayPage('a', 1);
    const boxes = await page.$$eval('li.task input[type="checkbox"]', (bs) => bs.map((x) => x.checked));
    assert.deepEqual(boxes, ids.map((_, i) => i === 0), 'site a\'s day 1 after using sites b and c');
    const all = await allStorage(page);
    assert.deepEqual(Object.keys(all).sort(), [keys.a, keys.b, keys.c].sort(), `localStorage: ${show(all)}`);
    assert.deepEqual(Object.keys(JSON.parse(all[keys.a]).tasks), [`day-1/${ids[0]}`]);
    assert.deepEqual(Object.keys(JSON.parse(all[keys.b]).tasks), [`day-1/${ids[1]}`]);
    assert.deepEqual(Object.keys(JSON.parse(all[keys.c]).tasks), [`day-2/${first.c.days[1].tasks[0]}`]);
    assert.deepEqual(b.events.pageErrors, [], show(b.events.pageErrors));
    assert.deepEqual(b.events.console, [], show(b.events.console));
  } finally {
    await b?.close();
    front.closeAllConnections?.();
    await new Promise((resolve) => front.close(() => resolve()));
    await rm(tmp, { recursive: true, force: true });
  }
});

test('no page errors, CSP violations or off-site requests during the data tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
