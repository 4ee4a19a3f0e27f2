// The client-side progress tracker: start, day counting in the visitor's local time, ticking,
// day marks, keyboard, aria-live, two tabs, completion, streak, and no JavaScript.
// Contract: /work/spec/TRACKER.md. Every test has its own browser context (empty localStorage).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { show, PREFIX } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import {
  state, eventually, trackerData, totalTasks, dayUrl, seed, stored, pageToday, addDays, zonedInstant, zoneDate,
  hook, hookText, taskBox, progressOf, dayMark, STATUS_TEXT,
  withPage as withPageIn, loadTrackerData,
} from './lib/tracker.mjs';

const env = useSite();
let data; // the data block of the home page
let KEY;

before(async () => {
  data = await loadTrackerData(env);
  KEY = data.key;
});

const withPage = (opts, fn) => withPageIn(env, opts, fn);

/** `today` shows "Day n of <days in the data block>" and links to day n. */
async function expectToday(page, n) {
  await eventually(async () => {
    const t = hook(page, 'today').first();
    assert.ok(await t.isVisible(), `${page.url()}: [data-tracker=today] is not visible`);
    const text = await hookText(page, 'today');
    assert.match(text, new RegExp(`\\bDay ${n} of ${data.days.length}\\b`), `${page.url()}: today says "${text}"`);
    const hrefs = await t.locator('a[href]').evaluateAll((as) => as.map((a) => a.href.split('#')[0]));
    assert.ok(
      hrefs.includes(dayUrl(env.site, data, n)),
      `${page.url()}: today links to ${show(hrefs)}, not day ${n} (${dayUrl(env.site, data, n)})`,
    );
  });
}

/** Waits until the day page's checkboxes are there, and returns the day's task ids. */
async function openDay(page, n) {
  const res = await page.goto(dayUrl(env.site, data, n));
  assert.equal(res.status(), 200);
  const ids = data.days[n - 1].tasks;
  await eventually(async () => {
    assert.equal(
      await page.locator('li.task input[type="checkbox"]').count(),
      ids.length,
      `${page.url()}: expected ${ids.length} checkboxes in li.task`,
    );
  });
  return ids;
}

async function tick(page, id, checked = true) {
  const box = taskBox(page, id);
  if (checked) await box.check();
  else await box.uncheck();
}

test('the data block: schema 3, this site\'s key, 7 days with their tasks (from the data file), matching each day page', async () => {
  assert.equal(data.schema, 3);
  assert.match(data.data_url, new RegExp(`^${PREFIX}js/data-en\\.[0-9a-f]{16}\\.json$`));
  assert.equal(data.day_count, 7);
  assert.equal(data.task_count, totalTasks(data));
  assert.equal(data.key, `reachout:${PREFIX}`);
  assert.equal(data.base_path, PREFIX);
  assert.equal(data.days.length, 7, show(data.days.map((d) => d.url)));
  for (const [i, d] of data.days.entries()) {
    assert.equal(d.day, i + 1, `day numbers: ${show(data.days.map((x) => x.day))}`);
    assert.ok(d.url.startsWith(PREFIX), `day url ${d.url}`);
    assert.ok(d.tasks.length >= 1, `day ${d.day} has no tasks`);
  }
  // The static list on each day page has exactly the data block's tasks, in order.
  await withPage({ javaScriptEnabled: false }, async (page) => {
    for (const [i, d] of data.days.entries()) {
      await page.goto(dayUrl(env.site, data, i + 1));
      const ids = await page.$$eval('li.task[data-task-id]', (lis) => lis.map((li) => li.dataset.taskId));
      assert.deepEqual(ids, d.tasks, `${d.url}: li.task ids vs the data block`);
      const kind = await page.evaluate(() => [document.body.dataset.kind, document.body.dataset.day]);
      assert.deepEqual(kind, ['day', String(d.day)], `${d.url}: <body data-kind data-day>`);
    }
    await page.goto(env.urls.home);
    assert.equal(await page.evaluate(() => document.body.dataset.kind), 'home');
  });
});

test('start: the home button stores today as the start date; home and day pages then show "Day 1 of 7" linking to day 1', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const start = hook(page, 'start');
    await start.waitFor({ state: 'visible' });
    assert.equal(await start.evaluate((el) => el.localName), 'button');
    assert.match(await start.textContent(), /start the challenge/i);
    const before = await stored(page, KEY);
    assert.ok(before === null || before.startedOn === null, `state before start: ${show(before)}`);

    await start.click();
    const today = await pageToday(page);
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.equal(s?.startedOn, today, `stored after start: ${show(s)}`);
      assert.equal(s.version, 2);
    });
    await eventually(async () => assert.equal(await start.isVisible(), false, 'the start button is still visible'));
    await expectToday(page, 1);

    await page.reload();
    await expectToday(page, 1);
    assert.equal(await start.isVisible(), false, 'the start button came back after a reload');

    for (const n of [1, 4, data.days.length]) {
      await openDay(page, n);
      await expectToday(page, 1);
    }
  });
});

for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
  test(`local dates in ${zone}: started yesterday shows Day 2; past local midnight focus / visibilitychange move it on without a reload; ticks store the local date`, async () => {
    const D = '2026-03-10';
    const t0 = zonedInstant(zone, `${D}T23:50`);
    const t1 = zonedInstant(zone, `${addDays(D, 1)}T00:10`);
    const t2 = zonedInstant(zone, `${addDays(D, 2)}T00:10`);
    // The UTC date differs from the local one at t0 (Los Angeles) or at t1 (Auckland).
    assert.ok(
      new Date(t0).toISOString().slice(0, 10) !== D || new Date(t1).toISOString().slice(0, 10) !== addDays(D, 1),
      'the chosen instants do not tell local from UTC dates',
    );
    await withPage({ timezoneId: zone }, async (page, context) => {
      await context.clock.install({ time: t0 });
      await seed(page, env.site, { [KEY]: state({ startedOn: addDays(D, -1), activity: [] }) });
      assert.equal(await pageToday(page), D, 'timezone emulation / clock did not apply');
      assert.equal(zoneDate(t0, zone), D);

      const ids = await openDay(page, 2);
      await expectToday(page, 2);
      await page.evaluate(() => {
        window.__sameDocument = true;
      });
      await tick(page, ids[0]);
      await eventually(async () => {
        const s = await stored(page, KEY);
        assert.equal(s.tasks[`${data.days[1].slug}/${ids[0]}`], D, `tick at ${zone} 23:50 on ${D}: ${show(s)}`);
        assert.deepEqual(s.activity, [D], `activity: ${show(s.activity)}`);
      });

      // Past local midnight; the tab regains focus.
      await page.clock.setSystemTime(t1);
      assert.equal(await pageToday(page), addDays(D, 1));
      await page.evaluate(() => window.dispatchEvent(new Event('focus')));
      await expectToday(page, 3);
      await tick(page, ids[1] ?? ids[0], true);
      await eventually(async () => {
        const s = await stored(page, KEY);
        if (ids[1]) {
          assert.equal(s.tasks[`${data.days[1].slug}/${ids[1]}`], addDays(D, 1), `tick at 00:10 on ${addDays(D, 1)}: ${show(s)}`);
        }
        assert.deepEqual(s.activity, [D, addDays(D, 1)], `activity: ${show(s.activity)}`);
      });

      // Another midnight; the tab becomes visible again.
      await page.clock.setSystemTime(t2);
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expectToday(page, 4);
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was reloaded');

      await page.goto(env.urls.home);
      await expectToday(page, 4);
    });
  });
}

test('local dates across a daylight-saving change (America/Los_Angeles, 8 March 2026): started on the 7th, the 9th is Day 3', async () => {
  const zone = 'America/Los_Angeles';
  await withPage({ timezoneId: zone }, async (page, context) => {
    await context.clock.install({ time: zonedInstant(zone, '2026-03-09T00:30') });
    await seed(page, env.site, { [KEY]: state({ startedOn: '2026-03-07' }) });
    assert.equal(await pageToday(page), '2026-03-09');
    await page.goto(env.urls.home);
    await expectToday(page, 3);
    await page.clock.setSystemTime(zonedInstant(zone, '2026-03-09T23:30'));
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expectToday(page, 3);
  });
});

test('ticking tasks on two days: saved, survives a reload, overall progress, day marks (done/partial/none)', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    await hook(page, 'start').click();
    const today = await pageToday(page);

    // Day 1: every task, labelled real checkboxes.
    const ids1 = await openDay(page, 1);
    for (const id of ids1) {
      const box = taskBox(page, id);
      assert.equal(await box.count(), 1, `no checkbox #task-${id}`);
      const label = await page.locator(`label[for="task-${id}"]`).textContent();
      assert.ok(label && label.trim().length > 0, `#task-${id} has no label`);
      assert.equal(await page.getByRole('checkbox', { name: label.trim(), exact: true }).count(), 1, `checkbox named "${label.trim()}"`);
      assert.equal(await box.isChecked(), false, `#task-${id} starts ticked`);
      await tick(page, id);
    }
    const dp1 = await eventually(async () => {
      const p = await progressOf(page, 'day-progress');
      assert.equal(p.value, ids1.length, show(p));
      assert.equal(p.max, ids1.length, show(p));
      assert.match(p.text, new RegExp(`\\b${ids1.length} of ${ids1.length} tasks?\\b`), show(p));
      return p;
    });
    assert.ok(dp1.visible, 'day-progress is not visible');

    // Day 2: one task, then a second one unticked again.
    const ids2 = await openDay(page, 2);
    await tick(page, ids2[0]);
    if (ids2.length > 1) {
      await tick(page, ids2[1]);
      await tick(page, ids2[1], false);
    }
    await eventually(async () => {
      const p = await progressOf(page, 'day-progress');
      assert.equal(p.value, 1, show(p));
      assert.match(p.text, new RegExp(`\\b1 of ${ids2.length} tasks?\\b`), show(p));
    });

    const done = ids1.length + 1;
    const s = await eventually(async () => {
      const st = await stored(page, KEY);
      const expected = Object.fromEntries([
        ...ids1.map((id) => [`${data.days[0].slug}/${id}`, today]),
        [`${data.days[1].slug}/${ids2[0]}`, today],
      ]);
      assert.deepEqual(st.tasks, expected, `stored tasks: ${show(st)}`);
      return st;
    });
    assert.deepEqual(s.activity, [today], `activity: ${show(s.activity)}`);
    assert.equal(s.startedOn, today);

    // The prev/next links on day 2 carry marks too.
    const pager = await page.evaluate(() => {
      const mark = (a) => (a ? a.getAttribute('data-status') ?? a.closest('li')?.getAttribute('data-status') ?? a.querySelector('[data-status]')?.getAttribute('data-status') ?? null : 'missing');
      return { prev: mark(document.querySelector('a[rel="prev"]')), next: mark(document.querySelector('a[rel="next"]')) };
    });
    assert.deepEqual(pager, { prev: 'done', next: 'none' }, 'day 2 pager marks (prev = day 1, next = day 3)');

    await page.reload();
    await openDay(page, 2);
    assert.equal(await taskBox(page, ids2[0]).isChecked(), true, 'day 2 tick lost on reload');
    if (ids2.length > 1) assert.equal(await taskBox(page, ids2[1]).isChecked(), false, 'untick lost on reload');
    await openDay(page, 1);
    for (const id of ids1) assert.equal(await taskBox(page, id).isChecked(), true, `day 1 #task-${id} lost on reload`);
    const o = await progressOf(page, 'overall');
    assert.equal(o.value, done, `overall on day 1: ${show(o)}`);

    await page.goto(env.urls.home);
    await eventually(async () => {
      const p = await progressOf(page, 'overall');
      assert.equal(p.value, done, `overall: ${show(p)}`);
      assert.equal(p.max, totalTasks(data), `overall max: ${show(p)}`);
      assert.match(p.text, new RegExp(`\\b${done} of ${totalTasks(data)} tasks?\\b`), show(p));
      assert.ok(p.visible, 'overall is not visible');
    });
    for (const url of [env.urls.home, env.urls.daysIndex]) {
      if (page.url() !== url) await page.goto(url);
      for (let n = 1; n <= data.days.length; n += 1) {
        const want = n === 1 ? 'done' : n === 2 ? 'partial' : 'none';
        await eventually(async () => {
          const m = await dayMark(page, n);
          assert.equal(m.status, want, `${url} day ${n}: ${show(m)}`);
          assert.ok(m.text.includes(STATUS_TEXT[want]), `${url} day ${n}: no "${STATUS_TEXT[want]}" text: ${show(m)}`);
        });
      }
    }
    assert.equal(await hook(page, 'complete').isVisible(), false, 'the completion message shows with 6 days to go');
  });
});

test('unknown fields of the stored object are kept untouched', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const today = await pageToday(page);
    const extra = { friends: [{ name: 'Ada', tries: 1, channel: 'email' }], followUps: { 'x-1': { due: '2030-01-01' } }, note: null };
    const first = `${data.days[0].slug}/${data.days[0].tasks[0]}`;
    await seed(page, env.site, { [KEY]: state({ startedOn: today, tasks: { [first]: today }, activity: [today], ...extra }) });
    const ids = await openDay(page, 1);
    assert.equal(await taskBox(page, ids[0]).isChecked(), true, 'the seeded tick is not shown');
    await tick(page, ids[1]);
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.ok(s.tasks[`${data.days[0].slug}/${ids[1]}`], show(s));
      for (const [k, v] of Object.entries(extra)) assert.deepEqual(s[k], v, `"${k}" changed: ${show(s)}`);
      assert.equal(s.tasks[first], today);
    });
  });
});

test('keyboard only: Tab reaches a task checkbox with a visible focus indicator, Space ticks it and it is saved', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const today = await pageToday(page);
    await seed(page, env.site, { [KEY]: state({ startedOn: today }) });
    const ids = await openDay(page, 1);
    let found = null;
    for (let i = 0; i < 120 && !found; i += 1) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.matches('li.task input[type="checkbox"]') ? el.id : null;
      });
    }
    assert.ok(found, 'Tab never reached a task checkbox');
    assert.equal(found, `task-${ids[0]}`, 'the first checkbox Tab reaches is not the first task');

    const look = () =>
      page.evaluate(() => {
        const box = document.activeElement?.matches('input') ? document.activeElement : document.getElementById(window.__boxId);
        window.__boxId = box.id;
        const els = { box, label: document.querySelector(`label[for="${box.id}"]`), li: box.closest('li') };
        const out = {};
        for (const [k, el] of Object.entries(els)) {
          const s = getComputedStyle(el);
          out[k] = { outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
        }
        return out;
      });
    const focused = await look();
    await page.evaluate(() => document.activeElement.blur());
    const blurred = await look();
    const indicator = Object.keys(focused).filter((k) => {
      const f = focused[k];
      const ring = (f.style !== 'none' && f.width > 0) || f.shadow !== 'none';
      return ring && (f.outline !== blurred[k].outline || f.shadow !== blurred[k].shadow);
    });
    assert.ok(indicator.length > 0, `no visible focus indicator on the checkbox, its label or item: focused ${show(focused)} blurred ${show(blurred)}`);

    await page.locator(`#${found}`).focus();
    await page.keyboard.press('Space');
    assert.equal(await taskBox(page, ids[0]).isChecked(), true, 'Space did not tick the checkbox');
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.equal(s?.tasks?.[`${data.days[0].slug}/${ids[0]}`], today, `not saved: ${show(s)}`);
    });
    await page.keyboard.press('Space');
    assert.equal(await taskBox(page, ids[0]).isChecked(), false, 'Space did not untick the checkbox');
    await eventually(async () => {
      const s = await stored(page, KEY);
      assert.equal(s.tasks[`${data.days[0].slug}/${ids[0]}`], undefined, `untick not saved: ${show(s)}`);
    });
  });
});

test('aria-live: the polite live region announces a tick', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    await seed(page, env.site, { [KEY]: state({ startedOn: await pageToday(page) }) });
    const ids = await openDay(page, 1);
    const live = hook(page, 'live');
    assert.equal(await live.count(), 1, '[data-tracker=live] count');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    const before = await hookText(page, 'live');
    await tick(page, ids[0]);
    const after = await eventually(async () => {
      const t = await hookText(page, 'live');
      assert.ok(t.length > 0 && t !== before, `live region text "${t}" (before: "${before}")`);
      return t;
    });
    await tick(page, ids[1]);
    await eventually(async () => {
      const t = await hookText(page, 'live');
      assert.ok(t.length > 0 && t !== after, `live region after a second tick: "${t}" (was "${after}")`);
    });
  });
});

test('two tabs: a tick in one updates the other (storage event) without a reload', async () => {
  await withPage({}, async (a, context) => {
    await a.goto(env.urls.home);
    const today = await pageToday(a);
    await seed(a, env.site, { [KEY]: state({ startedOn: today }) });
    const ids = await openDay(a, 1);
    const b = await context.newPage();
    await openDay(b, 1);
    const c = await context.newPage();
    await c.goto(env.urls.home);
    await eventually(async () => assert.equal((await progressOf(c, 'overall')).value, 0));
    for (const p of [b, c]) {
      await p.evaluate(() => {
        window.__sameDocument = true;
      });
    }

    await tick(a, ids[0]);
    await eventually(async () => {
      assert.equal(await taskBox(b, ids[0]).isChecked(), true, 'the other tab did not tick');
      assert.equal((await progressOf(b, 'day-progress')).value, 1, 'day-progress of the other tab');
      assert.equal((await progressOf(b, 'overall')).value, 1, 'overall of the other tab');
      assert.equal((await progressOf(c, 'overall')).value, 1, 'overall of the home tab');
      assert.equal((await dayMark(c, 1)).status, 'partial', 'day 1 mark of the home tab');
    });
    await tick(b, ids[0], false);
    await eventually(async () => assert.equal(await taskBox(a, ids[0]).isChecked(), false, 'untick did not reach the first tab'));
    for (const p of [b, c]) assert.equal(await p.evaluate(() => window.__sameDocument), true, 'a tab was reloaded');
  });
});

test('two tabs: a tab that missed the other tab\'s tick does not overwrite it (read, change, write)', async () => {
  await withPage({}, async (a, context) => {
    await a.goto(env.urls.home);
    const today = await pageToday(a);
    await seed(a, env.site, { [KEY]: state({ startedOn: today }) });
    const ids = await openDay(a, 1);
    const b = await context.newPage();
    // Tab b hears no storage events: its view goes stale, as if the event had not arrived yet.
    await b.addInitScript(() => window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
    await openDay(b, 1);
    await tick(a, ids[0]);
    await eventually(async () => assert.ok((await stored(a, KEY)).tasks[`${data.days[0].slug}/${ids[0]}`]));
    assert.equal(await taskBox(b, ids[0]).isChecked(), false, 'storage events were not blocked in tab b');
    await tick(b, ids[1]);
    await tick(a, ids[2]);
    await eventually(async () => {
      const s = await stored(a, KEY);
      assert.deepEqual(Object.keys(s.tasks).sort(), [0, 1, 2].map((i) => `${data.days[0].slug}/${ids[i]}`).sort(), show(s));
    });
  });
});

test('every task of every day done: the completion message shows on home and on the last day', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const today = await pageToday(page);
    const tasks = {};
    for (const d of data.days) for (const id of d.tasks) tasks[`${d.slug}/${id}`] = today;
    await seed(page, env.site, { [KEY]: state({ startedOn: addDays(today, -6), tasks, activity: [today] }) });
    await page.goto(env.urls.home);
    await eventually(async () => {
      assert.ok(await hook(page, 'complete').isVisible(), 'no completion message on home');
      const p = await progressOf(page, 'overall');
      assert.equal(p.value, totalTasks(data), show(p));
      assert.equal(p.max, totalTasks(data), show(p));
    });
    assert.ok((await hookText(page, 'complete')).length > 20, `completion message: "${await hookText(page, 'complete')}"`);
    for (let n = 1; n <= data.days.length; n += 1) assert.equal((await dayMark(page, n)).status, 'done', `day ${n}`);
    await openDay(page, data.days.length);
    await eventually(async () => assert.ok(await hook(page, 'complete').isVisible(), 'no completion message on the last day'));
  });
});

test('streak: ticks on the two previous days and one today make a 3-day streak', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.urls.home);
    const T = await pageToday(page);
    const [d1, d2] = data.days;
    await seed(page, env.site, {
      [KEY]: state({
        startedOn: addDays(T, -2),
        tasks: { [`${d1.slug}/${d1.tasks[0]}`]: addDays(T, -2), [`${d2.slug}/${d2.tasks[0]}`]: addDays(T, -1) },
        activity: [addDays(T, -2), addDays(T, -1)],
      }),
    });
    const ids = await openDay(page, 3);
    await expectToday(page, 3);
    await tick(page, ids[0]);
    await eventually(async () => {
      assert.ok(await hook(page, 'streak').first().isVisible(), 'the streak is not visible');
      const t = await hookText(page, 'streak');
      assert.match(t, /\b3\b/, `streak text: "${t}"`);
    });
    await eventually(async () => assert.deepEqual((await stored(page, KEY)).activity, [addDays(T, -2), addDays(T, -1), T]));
  });
});

test('without JavaScript: no tracker hook is visible and the checklist is a plain list', async () => {
  await withPage({ javaScriptEnabled: false }, async (page) => {
    for (const url of [env.urls.home, env.urls.daysIndex, dayUrl(env.site, data, 1), dayUrl(env.site, data, data.days.length)]) {
      await page.goto(url);
      const hooks = await page.$$eval('[data-tracker]', (els) =>
        els.map((el) => ({
          name: el.dataset.tracker,
          hiddenAttr: el.closest('[hidden]') !== null,
          visible: el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 1,
        })),
      );
      const names = hooks.map((h) => h.name);
      if (url === env.urls.home) {
        for (const n of ['start', 'today', 'overall', 'streak', 'data', 'storage-warning', 'live']) {
          assert.ok(names.includes(n), `home has no [data-tracker=${n}] container: ${show(names)}`);
        }
      }
      const shown = hooks.filter((h) => h.visible);
      assert.deepEqual(shown, [], `${url}: tracker hooks visible without JavaScript`);
      for (const h of hooks.filter((x) => x.name !== 'live')) {
        assert.ok(h.hiddenAttr, `${url}: [data-tracker=${h.name}] is not rendered hidden`);
      }
      const marks = await page.$$eval('[data-status]', (els) => els.length);
      assert.equal(marks, 0, `${url}: day marks without JavaScript`);
    }
    await page.goto(dayUrl(env.site, data, 1));
    assert.equal(await page.locator('input[type="checkbox"]').count(), 0, 'checkboxes without JavaScript');
    const tree = await page.locator('ul.checklist').first().ariaSnapshot();
    assert.match(tree, /^- list/m, tree);
    assert.equal((tree.match(/^\s*- listitem/gm) || []).length, data.days[0].tasks.length, tree);
    assert.ok(!/checkbox/.test(tree), tree);
  });
});

test('checkboxes keep the task text and its links', async () => {
  await withPage({}, async (page) => {
    const plain = await withPage({ javaScriptEnabled: false }, async (p) => {
      const all = [];
      for (let n = 1; n <= data.days.length; n += 1) {
        await p.goto(dayUrl(env.site, data, n));
        all.push(
          await p.$$eval('li.task[data-task-id]', (lis) =>
            lis.map((li) => ({ id: li.dataset.taskId, text: li.textContent.replace(/\s+/g, ' ').trim(), links: [...li.querySelectorAll('a[href]')].map((a) => a.href) })),
          ),
        );
      }
      return all;
    });
    for (let n = 1; n <= data.days.length; n += 1) {
      await openDay(page, n);
      for (const t of plain[n - 1]) {
        const label = page.locator(`li.task label[for="task-${t.id}"]`);
        assert.equal(await label.count(), 1, `day ${n}: no label for task-${t.id}`);
        const got = await label.evaluate((l) => ({ text: l.textContent.replace(/\s+/g, ' ').trim(), links: [...l.querySelectorAll('a[href]')].map((a) => a.href) }));
        assert.equal(got.text, t.text, `day ${n} task ${t.id}: label text`);
        assert.deepEqual(got.links, t.links, `day ${n} task ${t.id}: links`);
      }
    }
  });
});

test('no page errors or console errors during the tracker tests', () => {
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});

test('first visit to a day page, the data file held back: the checkboxes work at once; the file then completes the progress', async () => {
  await withPage({}, async (page, context) => {
    let release;
    const held = new Promise((r) => { release = r; });
    let asked = 0;
    await context.route(/\/js\/data-[^/]*\.json$/, async (route) => {
      asked += 1;
      await held;
      await route.continue();
    });
    await page.goto(dayUrl(env.site, data, 3));
    const d = data.days[2];
    // The day inlines its own tasks: every box is there and ticks are stored with no file.
    await eventually(async () => assert.equal(await page.locator('li.task input[type="checkbox"]').count(), d.tasks.length));
    await tick(page, d.tasks[0]);
    assert.ok((await stored(page, KEY)).tasks[`${d.slug}/${d.tasks[0]}`], 'the tick is stored before the file is in');
    const mine = await progressOf(page, 'day-progress');
    assert.equal(mine.value, 1);
    assert.equal(mine.max, d.tasks.length);
    // The overall bar counts every day's tasks from the inlined count already.
    const before = await progressOf(page, 'overall');
    assert.equal(before.max, totalTasks(data));
    assert.equal(before.value, 1);
    assert.ok(asked >= 1, 'the page asked for the data file');
    assert.equal(await page.locator('.pager a[data-day][data-status]').count(), 0, 'no marks for days the page does not know yet');
    release();
    // Once in, the prev/next day marks appear (they need the other days' tasks).
    await eventually(async () => {
      const marks = await page.locator('.pager a[data-day][data-status]').count();
      assert.ok(marks >= 1, 'pager day marks after the data file');
    });
    const after = await progressOf(page, 'overall');
    assert.deepEqual([after.value, after.max], [1, totalTasks(data)]);
  });
});
