// The people page's words: relations, channels, statuses, dates and log entries in plain English.
import { daysBetween } from './dates.js';
import { plural } from './ui.js';

export const RELATION_WORDS = {
  boss: 'Former boss', colleague: 'Colleague', mentor: 'Mentor', client: 'Client', classmate: 'Classmate', other: 'Other',
};
export const CHANNEL_WORDS = {
  email: 'Email', text: 'Text message', phone: 'Phone call', linkedin: 'LinkedIn', 'in-person': 'In person', unknown: 'Not known yet',
};
const CHANNEL_BY = {
  email: 'by email', text: 'by text', phone: 'by phone', linkedin: 'on LinkedIn', 'in-person': 'in person', unknown: '',
};

// Unknown stored values are shown as the contract says: "other" / "not known yet".
export const relationWord = (r) => RELATION_WORDS[r] || RELATION_WORDS.other;
export const channelWord = (c) => CHANNEL_WORDS[c] || CHANNEL_WORDS.unknown;

const toDate = (iso) => {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d);
};

// The page's language; an invalid lang attribute would make Intl throw.
function formatter(opts) {
  try {
    return new Intl.DateTimeFormat(document.documentElement.lang || undefined, opts);
  } catch {
    return new Intl.DateTimeFormat(undefined, opts);
  }
}
const DAY_MONTH = formatter({ day: 'numeric', month: 'long' });
const FULL = formatter({ day: 'numeric', month: 'long', year: 'numeric' });

/** "21 February", with the year when it is not this year's. */
export function dateWords(iso, today) {
  return (iso.slice(0, 4) === today.slice(0, 4) ? DAY_MONTH : FULL).format(toDate(iso));
}

/** "24 – 30 November" */
export function rangeWords(from, to) {
  try {
    return DAY_MONTH.formatRange(toDate(from), toDate(to));
  } catch {
    return `${DAY_MONTH.format(toDate(from))} – ${DAY_MONTH.format(toDate(to))}`;
  }
}

/** "due today", "overdue by 2 days", "in 5 days", "tomorrow". */
export function dueWords(st) {
  if (st.due === 'today') return 'due today';
  if (st.due === 'overdue') return `overdue by ${plural(st.daysLate, 'day')}`;
  if (st.daysLeft === 1) return 'tomorrow';
  return `in ${plural(st.daysLeft, 'day')}`;
}

/** The status in words: never colour alone. */
export function statusWords(st, today) {
  switch (st.status) {
    case 'new':
      return st.snoozedUntil ? `Not contacted yet, not now until ${dateWords(st.snoozedUntil, today)}` : 'Not contacted yet';
    case 'waiting':
      return st.attempts <= st.maxAttempts
        ? `Waiting for a reply, attempt ${st.attempts} of ${st.maxAttempts}`
        : `Waiting for a reply, ${st.attempts} attempts`;
    case 'replied':
      return 'Replied';
    case 'reconnected':
      return 'Reconnected';
    case 'keep-in-touch':
      return st.next ? `Keep in touch, next check-in ${dateWords(st.next, today)}` : 'Keep in touch';
    case 'let-go':
      return 'Let go';
    default:
      return String(st.status);
  }
}

/** What the next date is for, e.g. "Follow up", or null when there is none. */
export function nextWords(st) {
  if (!st.next) return null;
  switch (st.status) {
    case 'new':
      return 'Reach out';
    case 'waiting':
      return st.step === 'last-try' ? 'Last try' : 'Follow up';
    case 'replied':
      return 'Answer and thank them';
    default:
      return 'Check in';
  }
}

/** One history line, e.g. "You reached out by email". */
export function entryWords(e, today) {
  switch (e.type) {
    case 'attempt':
      return `You reached out ${CHANNEL_BY[e.channel] ?? ''}`.trim();
    case 'reply':
      return 'They replied';
    case 'reconnected':
      return 'You talked';
    case 'snooze':
      return typeof e.until === 'string' ? `Not now, until ${dateWords(e.until, today)}` : 'Not now';
    case 'let-go':
      return 'You let go';
    default:
      return String(e.type);
  }
}

/** Week N of the challenge, or null before it starts. */
export function weekNumber(startedOn, today) {
  if (!startedOn || startedOn > today) return null;
  return Math.floor(daysBetween(startedOn, today) / 7) + 1;
}
