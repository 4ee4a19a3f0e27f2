// Helpers for the issue 4 tests (people*.test.mjs, composer.test.mjs, calendar.test.mjs): stored
// people, a fixed fake date, and the hooks of the people page and the composer. Contract:
// docs/tracker.md ("Stored object", "A person's status", "This week", "Hooks").
import { before } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './site.mjs';
import { useSite } from './fixture.mjs';
import {
  eventually, seed, stored, zonedInstant, addDays, stateV2, withPage as withPageIn, loadTrackerData,
} from './tracker.mjs';

/**
 * The default site for a test file of the people page, the composer or the calendar: `env`,
 * `withPage` bound to it, and `data` (the tracker's data block), `key` (its storage key) and
 * `people` (the people page's URL), set before the file's tests run. A file's own `before`
 * awaits `ready()` first (node's root hooks don't wait for each other).
 */
export function usePeopleSite() {
  const env = useSite();
  let loading;
  const site = {
    env,
    data: null,
    key: null,
    people: null,
    withPage: (opts, fn) => withPageIn(env, opts, fn),
    ready: () => {
      loading ??= (async () => {
        site.data = await loadTrackerData(env);
        site.key = site.data.key;
        site.people = peopleUrl(env, site.data);
      })();
      return loading;
    },
  };
  before(() => site.ready());
  return site;
}

/** The time zone the dated tests run in, and their fixed "today" (a Monday, no DST near it). */
export const ZONE = 'Europe/Berlin';
export const DAY0 = '2026-05-04';

let serial = 0;
/** A stored person id of the contract's shape: "p-" + 8 base-36 characters. */
export const personId = () => `p-t${String((serial += 1)).padStart(7, '0')}`;

/** A stored Person (docs/tracker.md), with `over` merged in. */
export function person(over = {}) {
  return {
    id: personId(),
    name: 'Ana Lima',
    relation: 'colleague',
    channel: 'email',
    contact: '',
    notes: '',
    addedOn: DAY0,
    log: [],
    ...over,
  };
}

/** Log entries of the contract. */
export const attempt = (date, channel = 'email', note = '') => ({ type: 'attempt', date, channel, note });
export const reply = (date, note = '') => ({ type: 'reply', date, note });
export const reconnected = (date, note = '') => ({ type: 'reconnected', date, note });
export const snooze = (date, until = addDays(date, 3)) => ({ type: 'snooze', date, until });
export const letGo = (date) => ({ type: 'let-go', date });

/** Instant (ms) of `date` at `time` on the wall clock of `zone`. */
export const at = (date, time = '10:00', zone = ZONE) => zonedInstant(zone, `${date}T${time}`);

/**
 * Runs `fn(page, context)` in a fresh context (empty storage) whose clock starts at `date`
 * `time` in `zone` and then runs on. Options other than date/time/zone go to newContext.
 */
export async function withClock(env, { date = DAY0, time = '10:00', zone = ZONE, ...opts } = {}, fn) {
  const context = await env.b.newContext({ viewport: { width: 1024, height: 800 }, timezoneId: zone, ...opts });
  await context.clock.install({ time: at(date, time, zone) });
  const page = await context.newPage();
  try {
    return await fn(page, context);
  } finally {
    await context.close();
  }
}

/** Moves the page's clock to `date` `time` (the page re-reads it on reload or navigation). */
export async function setDate(page, date, time = '10:00', zone = ZONE) {
  await page.clock.setSystemTime(at(date, time, zone));
}

/** Seeds `KEY` with a version 2 state made of `over`. */
export async function seedV2(page, site, KEY, over = {}, extra = {}) {
  const s = stateV2(over);
  await seed(page, site, { [KEY]: s, ...extra });
  return s;
}

/** Locator of the people page hook `data-people="name"`. */
export const ph = (page, name) => page.locator(`[data-people="${name}"]`);
/** Locator of the composer hook `data-composer="name"`. */
export const ch = (page, name) => page.locator(`[data-composer="${name}"]`);

/** Absolute URL of the people page (the data block's `people_url`). */
export function peopleUrl(env, data) {
  assert.ok(data.people_url, `the data block has no people_url: ${show(data)}`);
  return new URL(data.people_url, env.site.origin).href;
}

/** Opens the people page and waits until people.js has shown it. */
export async function openPeople(page, url) {
  const res = await page.goto(url);
  assert.equal(res.status(), 200, `${url} status`);
  await ph(page, 'app').waitFor({ state: 'visible' });
  return res;
}

/** The card of person `id` in list `list` ('list', 'picks' or 'due'). */
export const card = (page, list, id) => ph(page, list).locator(`:scope > li[data-person-id="${id}"]`);

/** The person ids shown in list `list`, in order. */
export const idsIn = (page, list) =>
  ph(page, list).locator(':scope > li[data-person-id]').evaluateAll((lis) => lis.map((li) => li.dataset.personId));

/** A card's action button (`data-action`: attempt, reply, reconnected, snooze, let-go, pick, unpick, edit, remove). */
export const action = (c, name) => c.locator(`[data-action="${name}"]`);

const squash = (t) => (t || '').replace(/\s+/g, ' ').trim();

/** What a card shows: name, status (data and words), the next-date line and the suggested message. */
export async function cardFacts(c) {
  return c.evaluate((li) => {
    const sq = (t) => (t || '').replace(/\s+/g, ' ').trim();
    const shown = (el) => Boolean(el) && el.checkVisibility();
    const nameEl = li.querySelector('.person-name');
    const statusEl = li.querySelector('.person-status');
    const nextEl = li.querySelector('.person-next');
    const msgEl = li.querySelector('.person-message');
    const link = msgEl && msgEl.querySelector('a[href]');
    return {
      id: li.dataset.personId,
      name: nameEl ? nameEl.textContent : null,
      status: li.dataset.status ?? null,
      due: li.dataset.due ?? null,
      statusText: statusEl ? sq(statusEl.textContent) : null,
      next: shown(nextEl) ? sq(nextEl.textContent) : null,
      message: shown(msgEl) && link ? { href: link.href, text: sq(link.textContent) } : null,
      actions: [...li.querySelectorAll('[data-action]')].filter((b) => b.localName === 'button' && shown(b)).map((b) => b.dataset.action),
      text: sq(li.innerText),
    };
  });
}

/** { text, value, max } of the list progress ("N of 20 people on your list"). */
export async function listProgress(page) {
  return ph(page, 'list-progress').evaluate((el) => {
    const p = el.querySelector('progress');
    return { text: el.textContent.replace(/\s+/g, ' ').trim(), value: p ? p.value : null, max: p ? p.max : null };
  });
}

/** The stored people of `KEY` ([] when nothing is stored). */
export async function storedPeople(page, KEY) {
  return (await stored(page, KEY))?.people ?? [];
}

/** The id of the stored person called `name` (exactly one). */
export async function idOf(page, KEY, name) {
  const hits = (await storedPeople(page, KEY)).filter((p) => p.name === name);
  assert.equal(hits.length, 1, `stored people named ${JSON.stringify(name)}: ${show(hits)}`);
  return hits[0].id;
}

/** The add/edit dialog, open. */
export async function openedDialog(page) {
  const dialog = ph(page, 'dialog');
  await eventually(async () => assert.equal(await dialog.evaluate((d) => d.open), true, 'the person dialog did not open'));
  return dialog;
}

/**
 * Adds a person through the form on the people page: the "Add a person" button, the fields,
 * "Save". Waits until the dialog closed and the person is stored; returns the new id.
 */
export async function addPerson(page, KEY, { name, relation, channel, contact, notes }) {
  const before = (await storedPeople(page, KEY)).length;
  await ph(page, 'add').click();
  const dialog = await openedDialog(page);
  await dialog.getByLabel(/^Name/).fill(name);
  if (relation) await dialog.getByLabel(/How you know them/i).selectOption(relation);
  if (channel) await dialog.getByLabel(/How they like to be contacted/i).selectOption(channel);
  if (contact !== undefined) await dialog.getByLabel(/Email or phone/i).fill(contact);
  if (notes !== undefined) await dialog.getByLabel(/^Notes/).fill(notes);
  await ph(page, 'save').click();
  await eventually(async () => assert.equal(await dialog.evaluate((d) => d.open), false, `the dialog stayed open after saving ${name}`));
  const people = await eventually(async () => {
    const list = await storedPeople(page, KEY);
    assert.equal(list.length, before + 1, `stored people after adding ${name}: ${show(list)}`);
    return list;
  });
  const added = people[people.length - 1];
  assert.equal(added.name, name.trim());
  return added.id;
}

/** Text of a hook, whitespace collapsed. */
export async function text(locator) {
  return squash(await locator.first().textContent());
}

/** Parses a mailto:/sms: URL into { scheme, to, params: {name: decoded}, raw: {name: encoded} }. */
export function parseUri(href) {
  const colon = href.indexOf(':');
  const scheme = href.slice(0, colon);
  const rest = href.slice(colon + 1);
  const q = rest.indexOf('?');
  const to = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
  const params = {};
  const raw = {};
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      const k = decodeURIComponent(pair.slice(0, eq)).toLowerCase();
      raw[k] = pair.slice(eq + 1);
      params[k] = decodeURIComponent(pair.slice(eq + 1));
    }
  }
  return { scheme, to, params, raw };
}

/** Records every dialog (alert/confirm/prompt) a page opens; answers them with `answer` ('accept' | 'dismiss'). */
export function recordDialogs(page, answer = 'dismiss') {
  const dialogs = [];
  const ctl = { dialogs, answer };
  page.on('dialog', async (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    if (ctl.answer === 'accept') await d.accept();
    else await d.dismiss();
  });
  return ctl;
}
