// The people page's words: relations, channels, statuses, dates and log entries, from the
// site's strings table (i18n.js); dates in the page's language with Intl.DateTimeFormat.
import { daysBetween } from './dates.js';
import { t, language } from './i18n.js';

const RELATIONS = ['boss', 'colleague', 'mentor', 'client', 'classmate', 'other'];
/** Channels with a word of their own; anything else reads "not known yet". */
export const CHANNELS_KNOWN = ['email', 'text', 'messaging', 'phone', 'linkedin', 'in-person', 'unknown'];

// Unknown stored values are shown as the contract says: "other" / "not known yet".
export const relationWord = (r) => t(`people.relation.${RELATIONS.includes(r) ? r : 'other'}`);
export const channelWord = (c) => t(`people.channel.${CHANNELS_KNOWN.includes(c) ? c : 'unknown'}`);

const toDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

// The site's language (made on first use, after tracker.js set it); an invalid one would throw.
const cache = {};
function formatter(name, opts) {
  if (!cache[name]) {
    try {
      cache[name] = new Intl.DateTimeFormat(language(), opts);
    } catch {
      cache[name] = new Intl.DateTimeFormat(undefined, opts);
    }
  }
  return cache[name];
}
const DAY_MONTH = () => formatter('dm', { day: 'numeric', month: 'long' });
const FULL = () => formatter('full', { day: 'numeric', month: 'long', year: 'numeric' });

/** "21 February", with the year when it is not this year's. */
export function dateWords(iso, today) {
  return (iso.slice(0, 4) === today.slice(0, 4) ? DAY_MONTH() : FULL()).format(toDate(iso));
}

/** "24 – 30 November" */
export function rangeWords(from, to) {
  try {
    return DAY_MONTH().formatRange(toDate(from), toDate(to));
  } catch {
    return `${DAY_MONTH().format(toDate(from))} – ${DAY_MONTH().format(toDate(to))}`;
  }
}

/** "due today", "overdue by 2 days", "in 5 days", "tomorrow". */
export function dueWords(st) {
  if (st.due === 'today') return t('people.due_today');
  if (st.due === 'overdue') return t('people.overdue', { count: st.daysLate });
  if (st.daysLeft === 1) return t('people.tomorrow');
  return t('people.in_days', { count: st.daysLeft });
}

/** The status in words: never colour alone. */
export function statusWords(st, today) {
  switch (st.status) {
    case 'new':
      return st.snoozedUntil ? t('people.status.new_snoozed', { date: dateWords(st.snoozedUntil, today) }) : t('people.status.new');
    case 'waiting':
      return t(st.attempts <= st.maxAttempts ? 'people.status.waiting' : 'people.status.waiting_over', { n: st.attempts, max: st.maxAttempts });
    case 'replied':
      return t('people.status.replied');
    case 'reconnected':
      return t('people.status.reconnected');
    case 'keep-in-touch':
      return st.next ? t('people.status.keep_next', { date: dateWords(st.next, today) }) : t('people.status.keep');
    case 'let-go':
      return t('people.status.let_go');
    default:
      return String(st.status);
  }
}

/** What the next date is for, e.g. "Follow up", or null when there is none. */
export function nextWords(st) {
  if (!st.next) return null;
  switch (st.status) {
    case 'new':
      return t('people.step.reach_out');
    case 'waiting':
      return t(st.step === 'last-try' ? 'people.step.last_try' : 'people.step.follow_up');
    case 'replied':
      return t('people.step.answer');
    default:
      return t('people.step.check_in');
  }
}

/** One history line, e.g. "You reached out by email". */
export function entryWords(e, today) {
  switch (e.type) {
    case 'attempt':
      return CHANNELS_KNOWN.includes(e.channel) && e.channel !== 'unknown'
        ? t('people.entry.attempt_by', { how: t(`people.channel_by.${e.channel}`) })
        : t('people.entry.attempt');
    case 'reply':
      return t('people.entry.reply');
    case 'reconnected':
      return t('people.entry.reconnected');
    case 'snooze':
      return typeof e.until === 'string' ? t('people.entry.snooze_until', { date: dateWords(e.until, today) }) : t('people.entry.snooze');
    case 'let-go':
      return t('people.entry.let_go');
    default:
      return String(e.type);
  }
}

/** Week N of the challenge, or null before it starts. */
export function weekNumber(startedOn, today) {
  if (!startedOn || startedOn > today) return null;
  return Math.floor(daysBetween(startedOn, today) / 7) + 1;
}
