// Reach Out calendar file (RFC 5545): the challenge's days and each person's next date as
// events with a reminder. Pure: the caller passes the state, dates and now in.
import { addDays } from './dates.js';
import { personStatus } from './people-core.js';
import { t } from './i18n.js';

/** TEXT value escaping: backslash, semicolon, comma, and line breaks as \n. */
export const escapeText = (s) => String(s)
  .replace(/[\\;,]/g, '\\$&')
  .replace(/\r\n?|\n/g, '\\n')
  .replace(/[\x00-\x08\x0B-\x1F\x7F]/g, ''); // other control characters are not allowed in TEXT

/** Folds a content line into physical lines of at most 75 UTF-8 octets (RFC 5545 3.1). */
export function foldLine(line) {
  let out = '';
  let octets = 0;
  // for…of walks code points, so a surrogate pair is never split.
  for (const ch of line) {
    const cp = ch.codePointAt(0);
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (octets + n > 75) {
      out += '\r\n ';
      octets = 1;
    }
    out += ch;
    octets += n;
  }
  return out;
}

/** FNV-1a 32-bit hash of a string's UTF-8 bytes, in base 36: a short stable site id. */
export function siteHash(key) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(String(key))) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(36);
}

// A URI value is not TEXT: only characters that would break the line are encoded.
const uri = (u) => String(u).replace(/[\x00-\x20\x7F]/g, encodeURIComponent);
const stamp = (d) => d.toISOString().replace(/[-:]|\.\d+/g, '');

/** The calendar file for `events`, with CRLF line ends. */
export function calendar({ name, events, now }) {
  const at = new Date(now);
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Reach Out//Tracker//EN', 'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp(at)}`,
      // Floating local time: the reminder rings at that hour wherever the visitor is.
      `DTSTART:${e.date.replace(/-/g, '')}T${e.time.replace(':', '')}00`,
      `DURATION:PT${e.minutes}M`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      ...(e.url ? [`URL:${uri(e.url)}`] : []),
      // Grows with time, so a newer file updates the events an older one imported.
      `SEQUENCE:${Math.floor(at / 60000)}`,
      'BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(e.summary)}`, 'TRIGGER:PT0S', 'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** One event per day of the challenge, from the start date. */
export function challengeEvents({ startedOn, days, time, origin, key }) {
  const site = siteHash(key);
  return days.map((d) => ({
    uid: `day-${d.slug}-${site}@reachout`,
    date: addDays(startedOn, d.day - 1),
    time,
    minutes: d.minutes || 15,
    summary: t('calendar.event_day', { n: d.day, title: d.title }),
    description: [d.goal, origin + d.url].filter(Boolean).join('\n'),
    url: origin + d.url,
  }));
}

// Summary and status sentence of a person's event.
function wording(st, name) {
  const when = st.lastContact;
  switch (st.status) {
    case 'waiting':
      return [t(st.step === 'last-try' ? 'calendar.event_last_try' : 'calendar.event_follow_up', { name }),
        t(st.attempts >= st.maxAttempts ? 'calendar.event_attempts_max' : 'calendar.event_attempts', { n: st.attempts, max: st.maxAttempts })];
    case 'replied':
      return [t('calendar.event_reply', { name }), t('calendar.event_answered', { date: when })];
    case 'reconnected':
      return [t('calendar.event_check_in', { name }), t('calendar.event_reconnected', { date: when })];
    case 'keep-in-touch':
      return [t('calendar.event_check_in', { name }), t('calendar.event_last_touch', { date: when })];
    default:
      return [t('calendar.event_reach_out', { name }), t('calendar.event_not_contacted')];
  }
}

/** One event per person with a next date, on that date (today when it has passed). */
export function peopleEvents({ state, today, settings, time, origin, peopleUrl, key }) {
  const site = siteHash(key);
  const link = peopleUrl ? origin + peopleUrl : '';
  return (state.people || []).flatMap((p) => {
    const st = personStatus(p, today, settings);
    if (!st.next) return [];
    const [summary, status] = wording(st, p.name);
    return [{
      uid: `person-${p.id}-${site}@reachout`,
      date: st.next > today ? st.next : today,
      time,
      minutes: 10,
      summary,
      description: [status, link].filter(Boolean).join('\n'),
      ...(link && { url: link }),
    }];
  });
}

/** The calendar file's name. */
export const icsFileName = (today) => `reachout-reminders-${today}.ics`;
