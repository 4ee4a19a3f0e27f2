// Helpers for the tracker tests (tracker*.test.mjs): the data block, stored state, seeding,
// local dates in a time zone, and polling assertions. Contract: /work/spec/TRACKER.md.
import assert from 'node:assert/strict';
import { PREFIX } from './site.mjs';

/** The stored state shape of the contract, with `over` merged in. */
export function state(over = {}) {
  return { version: 1, startedOn: null, tasks: {}, activity: [], lastBackupOn: null, ...over };
}

/**
 * A version 2 stored object (docs/tracker.md: people, the weekly plan and the reminder time),
 * with `over` merged in. `state()` above stays version 1 for the tests of the older shape.
 */
export function stateV2(over = {}) {
  return { ...state(), version: 2, people: [], plan: null, reminders: null, ...over };
}

/**
 * Retries `fn` (which asserts) until it passes or `timeout` ms pass; then throws its last error.
 * Returns what `fn` returned.
 */
export async function eventually(fn, { timeout = 5000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > end) throw err;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * The tracker's data as the script holds it once the data file is in: the parsed
 * `<script type="application/json" id="reachout-data">` of the current page, with `days` and
 * `messages` from the data file it names (`data_url`, docs/src/themes/tracker.md).
 */
export async function trackerData(page) {
  const text = await page.evaluate(() => document.getElementById('reachout-data')?.textContent ?? null);
  assert.ok(text !== null, `${page.url()}: no <script id="reachout-data"> data block`);
  const data = JSON.parse(text);
  if (data.data_url === undefined) return data; // a build from before the data file (schema 2)
  const file = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return r.ok ? r.json() : null;
  }, data.data_url);
  assert.ok(file && Array.isArray(file.days), `${page.url()}: ${data.data_url} is not a data file`);
  return { ...data, days: file.days, messages: file.messages };
}

/** Total number of tasks over all days of a data block. */
export const totalTasks = (data) => data.days.reduce((n, d) => n + d.tasks.length, 0);

/** Absolute URL of day `n` (1-based position in the data block) on the served site. */
export function dayUrl(site, data, n) {
  const d = data.days[n - 1];
  assert.ok(d, `no day ${n} in the data block`);
  return new URL(d.url, site.origin).href;
}

/** A same-origin page that runs no tracker: the place to read and write localStorage from. */
export const quietUrl = (site) => `${site.origin}${PREFIX}robots.txt`;

/**
 * Replaces localStorage of `site`'s origin in `page`'s context with `entries`
 * ({ key: object | string }; objects are JSON-encoded). Leaves the page on the quiet URL.
 */
export async function seed(page, site, entries) {
  await page.goto(quietUrl(site));
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
}

/** Every localStorage entry of the current page's origin, as { key: rawString }. */
export async function allStorage(page) {
  return page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i += 1) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
}

/** localStorage[key] of the current page, parsed (null when absent; throws when not JSON). */
export async function stored(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw === null ? null : JSON.parse(raw);
}

/** The page's local calendar date ("YYYY-MM-DD"), as the visitor's browser sees it. */
export async function pageToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
}

/** "YYYY-MM-DD" plus `n` calendar days. */
export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

function zoneParts(ms, zone) {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const o = Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return o;
}

/** The local calendar date ("YYYY-MM-DD") of instant `ms` in time zone `zone`. */
export function zoneDate(ms, zone) {
  const o = zoneParts(ms, zone);
  return `${o.year}-${o.month}-${o.day}`;
}

/** The instant (ms) at which the wall clock in `zone` shows `local` ("YYYY-MM-DDTHH:MM"). */
export function zonedInstant(zone, local) {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wanted = Date.UTC(y, m - 1, d, hh, mm);
  let t = wanted;
  for (let i = 0; i < 3; i += 1) {
    const o = zoneParts(t, zone);
    const shown = Date.UTC(Number(o.year), Number(o.month) - 1, Number(o.day), Number(o.hour), Number(o.minute), Number(o.second));
    t += wanted - shown;
  }
  const o = zoneParts(t, zone);
  assert.equal(`${o.year}-${o.month}-${o.day}T${o.hour}:${o.minute}`, local, `no instant shows ${local} in ${zone}`);
  return t;
}

/** Locator of the hook `data-tracker="name"`. */
export const hook = (page, name) => page.locator(`[data-tracker="${name}"]`);

/** Visible text of a hook (textContent, whitespace collapsed). */
export async function hookText(page, name) {
  const t = await hook(page, name).first().textContent();
  return (t || '').replace(/\s+/g, ' ').trim();
}

/** The checkbox the tracker makes for task `id` on a day page. */
export const taskBox = (page, id) => page.locator(`li.task input[type="checkbox"][id="task-${id}"]`);

/** { value, max, text } of the <progress> inside a hook, and the hook's text. */
export async function progressOf(page, name) {
  return hook(page, name)
    .first()
    .evaluate((el) => {
      const p = el.matches('progress') ? el : el.querySelector('progress');
      return {
        value: p ? p.value : null,
        max: p ? p.max : null,
        text: el.textContent.replace(/\s+/g, ' ').trim(),
        visible: el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0,
      };
    });
}

/**
 * The data-status of the day list entry `.day-item[data-day=N]`: on the item itself or on the
 * link inside it. Returns { status, text }.
 */
export async function dayMark(page, n) {
  const item = page.locator(`.day-item[data-day="${n}"]`);
  assert.equal(await item.count(), 1, `${page.url()}: ${await item.count()} .day-item[data-day="${n}"]`);
  return item.evaluate((el) => ({
    status: el.getAttribute('data-status') ?? el.querySelector('[data-status]')?.getAttribute('data-status') ?? null,
    text: el.textContent.replace(/\s+/g, ' ').trim(),
  }));
}

/** Spoken names of each status in the contract (the visually hidden text). */
export const STATUS_TEXT = { done: 'done', partial: 'in progress', none: 'not started' };


/** Runs `fn(page, context)` in a fresh browser context (empty storage), closed afterwards. */
export async function withPage(env, opts, fn) {
  const context = await env.b.newContext({ viewport: { width: 1024, height: 800 }, ...opts });
  const page = await context.newPage();
  try {
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

/** The home page's data block, read with JavaScript off (what the generator wrote). */
export async function loadTrackerData(env) {
  await env.ready();
  return withPage(env, { javaScriptEnabled: false }, async (page) => {
    await page.goto(env.urls.home);
    return trackerData(page);
  });
}
