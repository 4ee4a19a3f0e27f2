// "Calendar reminders" on the people page: the download. people.js renders the form and keeps
// the picked time; it fetches this module when the visitor reaches the form (or submits it),
// and ics.js is only fetched when a file is asked for.
import { setReminderTime } from './tracker-core.js';
import { download } from './ui.js';
import { t } from './i18n.js';

/** Builds and downloads the calendar file the form in `root` asks for (its submit). */
export async function downloadCalendar(root, { data, store, settings, defaultTime }) {
  const q = (name) => root.querySelector(`[data-people="${name}"]`);
  const time = q('reminder-time');
  const days = q('ics-days');
  const people = q('ics-people');
  const message = q('calendar-message');

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle('is-error', Boolean(isError));
  }

  const at = time.value || defaultTime;
  if (!days.checked && !people.checked) {
    say(t('calendar.choose'), true);
    return;
  }
  let ics;
  try {
    ics = await import('./ics.js');
  } catch {
    say(t('calendar.load_error'), true);
    return;
  }
  const state = store.update((s) => setReminderTime(s, at));
  const today = store.today();
  const origin = window.location.origin;
  const events = [];
  if (days.checked && state.startedOn) {
    // Days already behind the visitor would only clutter the calendar.
    const all = ics.challengeEvents({ startedOn: state.startedOn, days: data.days, time: at, origin, key: data.key });
    events.push(...all.filter((ev) => ev.date >= today));
  }
  const before = events.length;
  if (people.checked) {
    events.push(...ics.peopleEvents({ state, today, settings, time: at, origin, peopleUrl: data.people_url || null, key: data.key }));
  }
  if (!events.length) {
    say(t('calendar.nothing'), true);
    return;
  }
  const name = ics.icsFileName(today);
  download(ics.calendar({ name: data.site_title || document.title, events, now: new Date() }), name, 'text/calendar');
  const n = events.length - before;
  const parts = [before && t('calendar.day_count', { count: before }), n && t('people.count', { count: n })].filter(Boolean);
  const what = parts.length > 1 ? t('calendar.and', { a: parts[0], b: parts[1] }) : parts[0];
  say(t('calendar.downloading', { name, what }));
}
