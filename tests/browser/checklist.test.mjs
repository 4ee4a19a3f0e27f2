// The day checklist without JavaScript: a plain, visible list with stable unique ids.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';

const env = useSite();
let days = [];

before(async () => {
  await env.ready();
  const page = await env.b.newPage();
  await page.goto(env.urls.daysIndex);
  const base = new URL(env.urls.daysIndex).pathname;
  days = [
    ...new Set(
      (await page.$$eval('main a[href]', (as) => as.map((a) => a.href.split('#')[0]))).filter((h) => {
        const p = new URL(h).pathname;
        return p.startsWith(base) && /^[^/]+\/$/.test(p.slice(base.length));
      }),
    ),
  ];
  await page.context().close();
});

test('the days index links to 7 days', () => {
  assert.equal(days.length, 7, show(days));
});

test('without JavaScript, every day\'s checklist is a visible list of tasks with unique ids', async () => {
  const context = await env.b.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 800 } });
  const page = await context.newPage();
  try {
    for (const url of days) {
      const res = await page.goto(url);
      assert.equal(res.status(), 200, url);
      const tasks = page.locator('li.task[data-task-id]');
      const n = await tasks.count();
      assert.ok(n >= 1, `${url}: no li.task[data-task-id]`);
      const ids = [];
      for (let i = 0; i < n; i += 1) {
        const li = tasks.nth(i);
        const id = await li.getAttribute('data-task-id');
        const text = (await li.innerText()).trim();
        assert.ok(await li.isVisible(), `${url}: task ${id} is not visible`);
        const box = await li.boundingBox();
        assert.ok(box && box.width > 0 && box.height > 0, `${url}: task ${id} has no size`);
        assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${url}: task id "${id}"`);
        assert.ok(text.length > 0, `${url}: task ${id} has no text`);
        assert.ok(!/\{#/.test(text), `${url}: task ${id} shows its {#id}: "${text}"`);
        ids.push(id);
      }
      const dups = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(dups, [], `${url}: duplicate task ids`);
      // Every task sits in a real list, and the accessibility tree reads it as list > listitem.
      const parents = await tasks.evaluateAll((lis) => [...new Set(lis.map((li) => li.parentElement))].map((p) => p.localName));
      for (const p of parents) assert.ok(p === 'ul' || p === 'ol', `${url}: a task's parent is <${p}>`);
      const lists = page.locator(':is(ul, ol):has(> li.task[data-task-id])');
      let items = 0;
      for (let i = 0; i < (await lists.count()); i += 1) {
        const tree = await lists.nth(i).ariaSnapshot();
        assert.match(tree, /^- list/m, `${url}: the checklist is not read as a list:\n${tree}`);
        items += (tree.match(/^\s*- listitem/gm) || []).length;
      }
      assert.equal(items, n, `${url}: ${n} tasks but ${items} list items in the accessibility tree`);
      // The "N tasks" count shown under the title matches the list.
      const meta = await page.locator('main .page-head .meta').first().textContent().catch(() => null);
      if (meta && /(\d+) tasks?/.test(meta)) {
        assert.equal(Number(meta.match(/(\d+) tasks?/)[1]), n, `${url}: meta says "${meta}"`);
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
});
