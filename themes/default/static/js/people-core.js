// Reach Out people: the list, each person's status (derived from their log, never typed), the
// weekly plan, summaries, message placeholders and mailto:/sms: links. Pure: the caller passes
// the state, today's date, the settings and ids in. Contract: docs/tracker.md.
import { addDays, daysBetween, dayIndex, isDate } from './dates.js';
import { t as tr } from './i18n.js';

/** Known relations; stored values outside this list are kept and shown as "other". */
export const RELATIONS = ['boss', 'colleague', 'mentor', 'client', 'classmate', 'other'];
/** Known channels; stored values outside this list are kept and shown as "not known yet". */
export const CHANNELS = ['email', 'text', 'messaging', 'phone', 'linkedin', 'in-person', 'unknown'];
/** Message steps a message example can be suggested for. */
export const STEPS = ['first-contact', 'follow-up', 'last-try', 'thank-you', 'check-in'];
/** Length of a "not now", in days. */
export const SNOOZE_DAYS = 3;

const CONTACTS = ['attempt', 'reply', 'reconnected'];
const EDITABLE = ['name', 'relation', 'channel', 'contact', 'notes'];

// Cuts to `max` UTF-16 units without leaving half of a surrogate pair at the end.
const cut = (s, max) => (s.length > max ? s.slice(0, max).replace(/[\uD800-\uDBFF]$/, '') : s);
const text = (v) => (typeof v === 'string' ? v.trim() : '');
const people = (s) => s.people || [];
// Compares "YYYY-MM-DD" fields; Array sort is stable, so ties keep their order.
const by = (k) => (a, b) => (a[k] < b[k] ? -1 : a[k] > b[k] ? 1 : 0);

// ---- Editing ----

/** Trims and checks the person form: { ok, person } or { ok: false, errors: { name } }. */
export function cleanPerson(fields) {
  const name = text(fields.name);
  if (!name) return { ok: false, errors: { name: tr('people.name_missing') } };
  if (name.length > 200) return { ok: false, errors: { name: tr('people.name_long') } };
  const relation = text(fields.relation);
  const channel = text(fields.channel);
  return {
    ok: true,
    person: {
      name,
      relation: RELATIONS.includes(relation) ? relation : 'other',
      channel: CHANNELS.includes(channel) ? channel : 'unknown',
      contact: cut(text(fields.contact), 200),
      notes: cut(text(fields.notes), 2000),
    },
  };
}

const pickEditable = (p) => Object.fromEntries(EDITABLE.map((k) => [k, p[k]]));

// Applies `change` to the person with that id; the state is unchanged when there is none.
function withPerson(s, id, change) {
  const i = people(s).findIndex((p) => p.id === id);
  if (i < 0) return s;
  const list = [...s.people];
  list[i] = change(list[i]);
  return { ...s, people: list };
}

const append = (s, id, entry) => withPerson(s, id, (p) => ({ ...p, log: [...(p.log || []), entry] }));

/** Adds a person (from cleanPerson) at the end of the list. */
export const addPerson = (s, person, id, today) =>
  ({ ...s, people: [...people(s), { id, ...pickEditable(person), addedOn: today, log: [] }] });

/** Replaces a person's editable fields; the id, addedOn, log and unknown fields stay. */
export const updatePerson = (s, id, person) => withPerson(s, id, (p) => ({ ...p, ...pickEditable(person) }));

/** Removes a person, and from this week's picks too. */
export function removePerson(s, id) {
  const plan = s.plan && { ...s.plan, ids: s.plan.ids.filter((x) => x !== id) };
  return { ...s, people: people(s).filter((p) => p.id !== id), plan };
}

/** The person with that id, or null. */
export const findPerson = (s, id) => people(s).find((p) => p.id === id) || null;

/** Logs an attempt, a reply or a reconnect; throws an Error with a sentence when it is not one. */
export function logEntry(s, id, entry) {
  const { type, date } = entry;
  if (!CONTACTS.includes(type)) throw new Error('A log entry is an attempt, a reply or a reconnect.');
  if (!isDate(date)) throw new Error(tr('people.date_missing'));
  const note = cut(text(entry.note), 1000);
  return withPerson(s, id, (p) => {
    const e = type === 'attempt'
      ? { type, date, channel: text(entry.channel) || p.channel || 'unknown', note }
      : { type, date, note };
    return { ...p, log: [...(p.log || []), e] };
  });
}

/** Removes the log entry at `index` (in the order logged). */
export const removeEntry = (s, id, index) =>
  withPerson(s, id, (p) => ({ ...p, log: (p.log || []).filter((_, i) => i !== index) }));

/** "Not now": not a try, just a later date. */
export const snooze = (s, id, today, days = SNOOZE_DAYS) =>
  append(s, id, { type: 'snooze', date: today, until: addDays(today, days) });

/** The visitor chose to let go. */
export const letGo = (s, id, today) => append(s, id, { type: 'let-go', date: today });

// ---- Status ----

/** Where a person stands on `today`: status, counts, next date, due, suggested step. */
export function personStatus(person, today, settings) {
  const max = settings.max_attempts;
  const log = [...(person.log || [])].sort(by('date'));
  let attempts = 0;
  let last = null; // the last contact entry (attempt, reply, reconnected)
  let firstAttempt = null;
  let reconnected = false;
  let letGo = false;
  let snoozed = null; // the last snooze since the last contact
  for (const e of log) {
    if (CONTACTS.includes(e.type)) {
      if (e.type === 'attempt') {
        attempts += 1;
        firstAttempt = firstAttempt || e.date;
      } else {
        attempts = 0;
      }
      if (e.type === 'reconnected') reconnected = true;
      last = e;
      letGo = false;
      snoozed = null;
    } else if (e.type === 'let-go') {
      // A fresh start: later attempts count from one and are not check-ins.
      letGo = true;
      attempts = 0;
      reconnected = false;
      snoozed = null;
    } else if (e.type === 'snooze') {
      snoozed = e;
    }
  }
  let status = 'new';
  let next = null;
  let step = 'first-contact';
  if (letGo) {
    status = 'let-go';
    step = null;
  } else if (last) {
    const type = last.type;
    status = reconnected ? (type === 'reconnected' ? 'reconnected' : 'keep-in-touch') : type === 'attempt' ? 'waiting' : 'replied';
    next = addDays(last.date, reconnected ? settings.keep_in_touch_days : settings.follow_up_days);
    step = reconnected ? 'check-in' : type === 'reply' ? 'thank-you'
      : attempts < max - 1 ? 'follow-up' : attempts === max - 1 ? 'last-try' : null;
  }
  let snoozedUntil = null;
  if (snoozed && !letGo && (!next || snoozed.until >= next)) {
    next = snoozed.until;
    if (snoozed.until > today) snoozedUntil = snoozed.until;
  }
  const gap = next ? daysBetween(today, next) : 0;
  const due = !next ? null : gap < 0 ? 'overdue' : gap === 0 ? 'today' : 'later';
  return {
    status,
    attempts,
    maxAttempts: max,
    lastContact: last ? last.date : null,
    firstAttempt,
    next,
    due,
    daysLate: Math.max(0, -gap),
    daysLeft: Math.max(0, gap),
    snoozedUntil,
    offerLetGo: status === 'waiting' && attempts >= max && gap <= 0,
    step,
  };
}

// ---- The week ----

/** The planning week holding `today`: 7-day weeks from the start date, else Monday to Sunday. */
export function weekOf(today, startedOn) {
  const t = dayIndex(today);
  const from = isDate(startedOn) && startedOn <= today ? dayIndex(startedOn) : null;
  // 1970-01-01 was a Thursday, so (index + 3) mod 7 counts days since Monday.
  const back = from === null ? (((t + 3) % 7) + 7) % 7 : (t - from) % 7;
  const start = addDays(today, -back);
  return { start, end: addDays(start, 6) };
}

/** This week: target, who was contacted, picks, free places, suggestions and who is due. */
export function weekPlan(s, today, settings) {
  const week = weekOf(today, s.startedOn);
  const list = people(s).map((p) => ({ id: p.id, ...personStatus(p, today, settings) }));
  const byId = new Map(list.map((x) => [x.id, x]));
  const contacted = list.filter((x) => x.firstAttempt && x.firstAttempt >= week.start && x.firstAttempt <= week.end).map((x) => x.id);
  const ids = s.plan && s.plan.week === week.start ? s.plan.ids : [];
  const picked = [...new Set(ids)].filter((id) => byId.get(id)?.status === 'new');
  const target = settings.weekly_target;
  const free = Math.max(0, target - contacted.length - picked.length);
  const suggestions = list
    .filter((x) => x.status === 'new' && !x.snoozedUntil && !picked.includes(x.id))
    .slice(0, free)
    .map((x) => x.id);
  const due = list.filter((x) => x.next && x.next <= today).sort(by('next'));
  return { week, target, contacted, picked, free, suggestions, due };
}

// Adds ids to this week's plan, starting a fresh plan when the stored one is another week's.
function addToPlan(s, today, ids) {
  if (!ids.length) return s;
  const week = weekOf(today, s.startedOn).start;
  const old = s.plan && s.plan.week === week ? s.plan : { week, ids: [] };
  return { ...s, plan: { ...old, week, ids: [...old.ids, ...ids] } };
}

/** Picks a person for this week (only a 'new' person, only while there is a free place). */
export function pick(s, id, today, settings) {
  const plan = weekPlan(s, today, settings);
  const p = findPerson(s, id);
  if (!p || !plan.free || plan.picked.includes(id) || personStatus(p, today, settings).status !== 'new') return s;
  return addToPlan(s, today, [id]);
}

/** Takes a person off this week's picks. */
export const unpick = (s, id) =>
  (s.plan && s.plan.ids.includes(id) ? { ...s, plan: { ...s.plan, ids: s.plan.ids.filter((x) => x !== id) } } : s);

/** Fills this week's free places with the suggestions. */
export const suggest = (s, today, settings) => addToPlan(s, today, weekPlan(s, today, settings).suggestions);

/** Counts for the overview: list size, due, overdue, this week's progress, waiting, reconnected. */
export function peopleSummary(s, today, settings) {
  const plan = weekPlan(s, today, settings);
  const statuses = people(s).map((p) => personStatus(p, today, settings).status);
  return {
    count: statuses.length,
    listSize: settings.list_size,
    due: plan.due.length,
    overdue: plan.due.filter((x) => x.due === 'overdue').length,
    contactedThisWeek: plan.contacted.length,
    weeklyTarget: plan.target,
    picked: plan.picked.length,
    waiting: statuses.filter((x) => x === 'waiting').length,
    reconnected: statuses.filter((x) => x === 'reconnected' || x === 'keep-in-touch').length,
  };
}

// ---- Message blanks ----

// Same rule as the generator: 1-40 letters, digits, spaces, - ' ’ / (trimmed).
const isBlankName = (n) => /^[\p{Alphabetic}\p{N} '’/-]+$/u.test(n) && [...n].length <= 40;

/** Splits message text into [{text} | {blank: name}] for the `{name}` placeholders. */
export function parseBlanks(str) {
  const out = [];
  const push = (t) => {
    if (!t) return;
    if (out.length && 'text' in out[out.length - 1]) out[out.length - 1].text += t;
    else out.push({ text: t });
  };
  let rest = String(str);
  for (let open = rest.indexOf('{'); open >= 0; open = rest.indexOf('{')) {
    const close = rest.indexOf('}', open);
    const name = close < 0 ? '' : rest.slice(open + 1, close).trim();
    if (name && isBlankName(name)) {
      push(rest.slice(0, open));
      out.push({ blank: name });
      rest = rest.slice(close + 1);
    } else {
      // Not a blank: keep the brace as text and look again after it, as the generator does.
      push(rest.slice(0, open + 1));
      rest = rest.slice(open + 1);
    }
  }
  push(rest);
  return out;
}

/** The text with blanks filled in; an unfilled blank stays "{name}". */
export function fillBlanks(segments, values) {
  // text() turns inherited properties like "constructor" (functions) into ''.
  return segments.map((x) => ('blank' in x ? text(values?.[x.blank]) || `{${x.blank}}` : x.text)).join('');
}

/** Which blank a person's name fills: 'name', 'their name', else the first other "…name…" blank. */
export function nameBlank(names) {
  const low = (n) => n.toLowerCase();
  return names.find((n) => low(n) === 'name')
    || names.find((n) => low(n) === 'their name')
    || names.find((n) => low(n).includes('name') && !low(n).startsWith('your'))
    || null;
}

