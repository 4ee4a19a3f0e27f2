// Reach Out tracker: the pure part. State shape, migrations, parsing and validation of stored
// data, derived progress, day of the challenge and streak. Export and import files are in
// backup-core.js (fetched only when used); the calendar helpers live in dates.js and are
// re-exported here for older imports.
// No DOM and no storage here: the caller passes strings, dates and the data block in.
// Contract: docs/tracker.md.
import { isDate, daysBetween, dayIndex } from './dates.js';
import { t as tr, mergeStrings } from './i18n.js';

export { isDate, localDate, addDays, daysBetween, msToNextDay } from './dates.js';

/** Version of the stored object this code writes. */
export const VERSION = 2;

// ---- State ----

/** A fresh state. */
export function emptyState() {
  return { version: VERSION, startedOn: null, tasks: {}, activity: [], lastBackupOn: null, people: [], plan: null, reminders: null };
}

/** The stored key of a task: `${day slug}/${task id}`. */
export const taskKey = (slug, id) => `${slug}/${id}`;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const TASK_KEY_RE = /^[^/\s]+\/[^/\s]+$/;

const cut = (t) => (t.length > 30 ? `${t.slice(0, 30)}…` : t);

// Why data is unreadable, as data: the key of its words under `tracker.why` in the table and
// their values; `what` holds the offending value itself and `who` a person ({ n, name }). The
// checks give codes so that no sentence is written here: reasonText puts them into the page's
// language.
const why = (code, vars = {}) => ({ code, vars });
const person = (p, i) => ({ n: i + 1, name: isObject(p) && typeof p.name === 'string' && p.name.trim() ? p.name : null });

/** A few words saying what a value is, for error messages, in the page's language. */
export function describe(v) {
  if (v === null) return tr('tracker.value.nothing');
  if (Array.isArray(v)) return tr('tracker.value.list');
  if (typeof v === 'string') return tr('tracker.value.text', { text: cut(v) });
  if (typeof v === 'object') return tr('tracker.value.object');
  return tr(typeof v === 'number' ? 'tracker.value.number' : 'tracker.value.value', { value: String(v) });
}

/** The visitor's words for a reason ({ code, vars }) from migrate or parseStored. */
export function reasonText({ code, vars }) {
  const v = { ...vars };
  if ('what' in v) v.what = describe(v.what);
  if (v.who) v.who = v.who.name === null ? tr('tracker.why.person', v.who) : tr('tracker.why.person_named', { ...v.who, name: cut(v.who.name) });
  return tr(`tracker.why.${code}`, v);
}

/**
 * Migrations: MIGRATIONS[n] turns a version-n object into a version n+1 object. Each one keeps
 * every field it does not know about, never mutates its input and gets `ctx` ({ today }).
 * Version 0 is the unversioned shape from before the tracker had a schema: a plain object of
 * done task keys, `{ "day-1/list-20": true | false | "2026-11-23", … }`; a tick without a date
 * counts as done on the day of the migration, and the earliest date becomes the start date.
 * A migration throws (an Error with a reason as `why`) when its input is not what that version
 * looked like.
 */
export const MIGRATIONS = [
  (old, ctx) => {
    const tasks = {};
    for (const [k, v] of Object.entries(old)) {
      if (k === 'version') continue;
      if (!TASK_KEY_RE.test(k) || !(typeof v === 'boolean' || v === null || isDate(v))) {
        throw Object.assign(new Error(`no_version: ${k}`), { why: why('no_version', { key: k }) });
      }
      if (v) tasks[k] = v === true ? ctx.today : v; // false or null: not done
    }
    const dates = [...new Set(Object.values(old).filter(isDate))].sort(); // real tick days only
    return { version: 1, startedOn: dates[0] || null, tasks, activity: dates, lastBackupOn: null };
  },
  // Version 2 adds people, the weekly plan and the reminder time. In a version 1 object those
  // names were nobody's (another script's, or a hand edit): keep such values under `before_v2`
  // instead of reading them as people or throwing the visitor's ticks aside over them.
  (old) => {
    const { people, plan, reminders, ...rest } = old;
    const taken = Object.entries({ people, plan, reminders }).filter(([, v]) => v !== undefined);
    const kept = taken.length ? { before_v2: Object.fromEntries(taken) } : {};
    return { ...rest, ...kept, version: 2, people: [], plan: null, reminders: null };
  },
];

/** "HH:MM", 00:00 to 23:59. */
export const isTime = (t) => typeof t === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(t);

const ENTRY_TYPES = ['attempt', 'reply', 'reconnected', 'snooze', 'let-go'];
const PERSON_TEXT = ['relation', 'channel', 'contact', 'notes'];

/** What is wrong with one stored person (a reason), or null. */
function personProblem(p, i, seen) {
  const who = person(p, i);
  if (!isObject(p)) return why('person_object', { who, what: p });
  if (typeof p.id !== 'string' || !p.id) return why('person_id', { who, what: p.id });
  if (seen.has(p.id)) return why('person_same_id', { who, n: seen.get(p.id) + 1 });
  seen.set(p.id, i);
  if (typeof p.name !== 'string' || !p.name.trim()) return why('person_name', { who, what: p.name });
  const field = PERSON_TEXT.find((f) => p[f] !== undefined && typeof p[f] !== 'string');
  if (field) return why('person_text', { who, field, what: p[field] });
  if (p.addedOn !== undefined && !isDate(p.addedOn)) return why('person_added', { who, what: p.addedOn });
  if (p.log === undefined) return null;
  if (!Array.isArray(p.log)) return why('person_log', { who, what: p.log });
  for (const e of p.log) {
    if (!isObject(e)) return why('entry_object', { who, what: e });
    if (!ENTRY_TYPES.includes(e.type)) return why('entry_kind', { who, what: e.type });
    if (e.date === undefined) return why('entry_no_date', { who });
    if (!isDate(e.date)) return why('entry_date', { who, what: e.date });
    if (e.type === 'snooze' && !isDate(e.until)) return why('snooze_until', { who, what: e.until });
    if (e.type === 'attempt' && e.channel !== undefined && typeof e.channel !== 'string') return why('attempt_channel', { who, what: e.channel });
    if (e.note !== undefined && typeof e.note !== 'string') return why('entry_note', { who, what: e.note });
  }
  return null;
}

/** What is wrong with a current-version object (a reason), or null. Missing fields are fine. */
function problem(s) {
  const dateOrNull = (field) => (s[field] == null || isDate(s[field]) ? null : why('date_field', { field, what: s[field] }));
  const start = dateOrNull('startedOn');
  if (start) return start;
  if (s.tasks !== undefined) {
    if (!isObject(s.tasks)) return why('tasks', { what: s.tasks });
    for (const [task, v] of Object.entries(s.tasks)) {
      if (!isDate(v)) return why('task_date', { task, what: v });
    }
  }
  if (s.activity !== undefined) {
    if (!Array.isArray(s.activity)) return why('activity', { what: s.activity });
    const bad = s.activity.find((d) => !isDate(d));
    if (bad !== undefined) return why('activity_date', { what: bad });
  }
  return dateOrNull('lastBackupOn');
}

/**
 * What is wrong with each of the people, plan and reminders fields: { field: reason }.
 * These are checked apart from the challenge's progress so that a damaged list of people never
 * takes the visitor's ticks down with it.
 */
function partProblems(s) {
  const found = {};
  if (s.people != null) {
    if (!Array.isArray(s.people)) found.people = why('people', { what: s.people });
    else {
      const seen = new Map();
      for (const [i, p] of s.people.entries()) {
        const bad = personProblem(p, i, seen);
        if (bad) {
          found.people = bad;
          break;
        }
      }
    }
  }
  const plan = s.plan;
  if (plan != null && !(isObject(plan) && isDate(plan.week) && Array.isArray(plan.ids) && plan.ids.every((id) => typeof id === 'string'))) {
    found.plan = why('plan', { what: plan });
  }
  if (s.reminders != null && !(isObject(s.reminders) && isTime(s.reminders.time))) {
    found.reminders = why('reminders', { what: s.reminders });
  }
  return found;
}

const PART_DEFAULTS = { people: [], plan: null, reminders: null };

/**
 * Brings any stored object up to VERSION and validates it.
 * Returns { ok: true, state, from, repaired } or { ok: false, reason: 'invalid' | 'future', why, error }
 * (`why`: { code, vars } as reasonText reads it; `error`: its words in the page's language).
 * `repaired` is null, or { fields, why, error } when only people, plan or reminders were unreadable:
 * those fields are back to their defaults in `state` and the rest is kept (the caller keeps the
 * original text aside). Unknown fields are kept as they are.
 */
export function migrate(obj, ctx) {
  const fail = (w, reason = 'invalid') => ({ ok: false, reason, why: w, error: reasonText(w) });
  if (!isObject(obj)) return fail(why('not_object', { what: obj }));
  let v = obj.version === undefined ? 0 : obj.version;
  if (!Number.isInteger(v) || v < 0) return fail(why('version', { what: v }));
  if (v > VERSION) return fail(why('newer', { version: v, reads: VERSION }), 'future');
  const from = v;
  let s = obj;
  try {
    for (; v < VERSION; v += 1) s = MIGRATIONS[v](s, ctx);
  } catch (e) {
    return fail(e.why || why('migration', { version: v }));
  }
  const p = problem(s);
  if (p) return fail(p);
  const parts = partProblems(s);
  const fields = Object.keys(parts);
  if (fields.length) s = { ...s, ...Object.fromEntries(fields.map((f) => [f, PART_DEFAULTS[f]])) };
  return {
    ok: true,
    from,
    repaired: fields.length ? { fields, why: parts[fields[0]], error: reasonText(parts[fields[0]]) } : null,
    state: {
      ...s,
      version: VERSION,
      startedOn: s.startedOn || null,
      tasks: { ...s.tasks },
      activity: [...new Set(s.activity || [])].sort(),
      lastBackupOn: s.lastBackupOn || null,
      people: s.people || [],
      plan: s.plan || null,
      reminders: s.reminders || null,
    },
  };
}

/**
 * Reads the stored string (null when there is none).
 * status: 'empty' | 'ok' | 'migrated' (from an earlier version: write it back) |
 * 'repaired' (part of it was unreadable: keep the text aside, write back the rest) |
 * 'corrupt' (keep the text aside, start fresh) | 'future' (newer version: leave it alone).
 */
export function parseStored(text, ctx) {
  if (text == null) return { status: 'empty', state: emptyState() };
  let obj;
  try {
    obj = JSON.parse(text);
  } catch {
    return { status: 'corrupt', error: tr('tracker.not_json'), state: emptyState() };
  }
  const r = migrate(obj, ctx);
  if (!r.ok) return { status: r.reason === 'future' ? 'future' : 'corrupt', why: r.why, error: r.error, state: emptyState() };
  if (r.repaired) return { status: 'repaired', why: r.repaired.why, error: r.repaired.error, fields: r.repaired.fields, state: r.state, from: r.from };
  return { status: r.from < VERSION ? 'migrated' : 'ok', state: r.state, from: r.from };
}

/** The key unreadable data is kept under: `${key}:backup:${ISO timestamp}` (`-2`, `-3`… if taken). */
export function backupKey(key, now, taken = () => false) {
  const base = `${key}:backup:${now.toISOString()}`;
  let k = base;
  for (let i = 2; taken(k); i += 1) k = `${base}-${i}`;
  return k;
}

// ---- Changes (each returns a new state; unknown fields are kept) ----

/** Starts the challenge today, unless it has started already. */
export const start = (s, today) => ({ ...s, startedOn: s.startedOn || today });

/** Ticks or unticks a task. A tick records today as an active day; an untick forgets today
 * again only when no task is left ticked today. */
export function setTask(s, key, done, today) {
  const tasks = { ...s.tasks };
  let activity = s.activity;
  if (done) {
    tasks[key] = tasks[key] || today;
    if (!activity.includes(today)) activity = [...activity, today].sort();
  } else {
    delete tasks[key];
    if (!Object.values(tasks).includes(today)) activity = activity.filter((d) => d !== today);
  }
  return { ...s, tasks, activity };
}

/** Records that a backup was saved today. */
export const markBackup = (s, today) => ({ ...s, lastBackupOn: today });

/** Is there anything worth keeping (and worth a backup)? */
export const hasData = (s) => Boolean(s.startedOn || Object.keys(s.tasks).length || s.activity.length || s.people?.length);

/** Sets the time of day calendar reminders are for; anything but "HH:MM" changes nothing. */
export const setReminderTime = (s, time) => (isTime(time) ? { ...s, reminders: { ...s.reminders, time } } : s);

// ---- Derived views ----

const statusOf = (done, total) => (done === 0 ? 'none' : done >= total ? 'done' : 'partial');

/** Progress per day and overall; only tasks of the current days count. */
export function progress(s, days) {
  const list = days.map((d) => {
    const done = d.tasks.filter((id) => s.tasks[taskKey(d.slug, id)]).length;
    return { day: d.day, slug: d.slug, url: d.url, title: d.title, done, total: d.tasks.length, status: statusOf(done, d.tasks.length) };
  });
  const total = list.reduce((n, d) => n + d.total, 0);
  const done = list.reduce((n, d) => n + d.done, 0);
  return { days: list, done, total, complete: total > 0 && done === total };
}

/** Day of the challenge (1-based) on `today`, capped at `count` days; null before the start. */
export function dayOfChallenge(startedOn, today, count) {
  if (!isDate(startedOn) || !count) return null;
  return Math.min(count, Math.max(1, daysBetween(startedOn, today) + 1));
}

/**
 * The kind streak: active days (days with at least one tick) in a row, where a single skipped day
 * does not break the chain (two in a row do). Alive while the last active day is today, yesterday
 * or the day before. Returns { days, today } (today: was there a tick today?).
 */
export function streak(activity, today) {
  const t = dayIndex(today);
  const list = [...new Set(activity.filter(isDate).map(dayIndex))].sort((a, b) => b - a);
  if (!list.length || t - list[0] > 2) return { days: 0, today: false };
  let n = 1;
  while (n < list.length && list[n - 1] - list[n] <= 2) n += 1;
  return { days: n, today: list[0] >= t };
}

/** "No backup yet" / "Last backup: today" / "… yesterday" / "… N days ago". */
export function lastBackupText(lastBackupOn, today) {
  if (!isDate(lastBackupOn)) return tr('backup.none');
  const n = daysBetween(lastBackupOn, today);
  return n <= 0 ? tr('backup.last_today') : n === 1 ? tr('backup.last_yesterday') : tr('backup.last_days', { count: n });
}

/**
 * The tracker's data as a page holds it (docs/src/themes/tracker.md): the inline block, the
 * days the page inlines (its own day, or every day on the pages that list them) and, once
 * fetched, the site's data file, whose days and messages then replace the inline ones and
 * whose words join the inline ones.
 * `complete` says whether `days` holds every day; null when the inline block is unusable.
 */
export function siteData(inline, days, file) {
  if (typeof inline?.key !== 'string') return null;
  const all = file?.schema === inline.schema && Array.isArray(file.days) ? file : null;
  const list = all?.days ?? (Array.isArray(days) ? days : inline.days ?? []);
  const count = Math.max(inline.day_count ?? 0, list.length);
  const strings = all ? mergeStrings(inline.strings, all.strings) : inline.strings;
  return { ...inline, strings, days: list, day_count: count, messages: (all ?? inline).messages ?? [], complete: list.length >= count, loaded: Boolean(all || !inline.data_url) };
}

/**
 * `progress` while a page knows only some days: those exactly, and the whole challenge from the
 * task count the page inlines, counting the stored ticks of the other days as they are. Never
 * `complete`: that waits for every day.
 */
export function pageProgress(s, data) {
  const p = progress(s, data.days);
  if (data.complete) return p;
  const known = new Set(data.days.map((d) => `${d.slug}/`));
  const others = Object.keys(s.tasks).filter((k) => s.tasks[k] && !known.has(k.slice(0, k.indexOf('/') + 1))).length;
  const total = Math.max(p.total, data.task_count | 0);
  return { ...p, done: Math.min(total, p.done + others), total, complete: false };
}
