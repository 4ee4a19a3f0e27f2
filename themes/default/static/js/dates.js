// Local calendar dates, "YYYY-MM-DD", always the visitor's own calendar. Arithmetic goes
// through a day number so it is calendar-exact whatever the time zone or DST does.

const DAY_MS = 864e5;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Days since 1970-01-01 of a calendar date: plain calendar arithmetic, no time zone, no DST. */
export function dayIndex(date) {
  const m = DATE_RE.exec(date);
  const t = new Date(0);
  t.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
  return Math.round(t.getTime() / DAY_MS);
}

// The calendar date of a day number (the inverse of dayIndex).
function fromIndex(i) {
  const t = new Date(i * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Is `s` a real calendar date written "YYYY-MM-DD"? */
export function isDate(s) {
  return typeof s === 'string' && DATE_RE.test(s) && fromIndex(dayIndex(s)) === s;
}

/** The local calendar date of an instant (the visitor's time zone, never UTC). */
export function localDate(now = new Date()) {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `date` plus `n` calendar days. */
export const addDays = (date, n) => fromIndex(dayIndex(date) + n);

/** Calendar days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a, b) => dayIndex(b) - dayIndex(a);

/** Milliseconds from `now` to the next local midnight (23 or 25 hours away on DST days). */
export function msToNextDay(now = new Date()) {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1) - now;
}
