// "Calendar reminders" on the people page: the download. people.js renders the form and keeps
// the picked time; it fetches this module when the visitor reaches the form (or submits it),
// and ics.js is only fetched when a file is asked for.
import { setReminderTime } from './tracker-core.js';
import { download } from './ui.js';

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
    say('Choose the challenge days, your follow-ups, or both.', true);
    return;
  }
  let ics;
  try {
    ics = await import('./ics.js');
  } catch {
    say('The calendar part of the page could not load. Check your connection and try again.', true);
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
    say('There is nothing to put in a calendar yet: the challenge days are behind you and nobody on your list has a next date.', true);
    return;
  }
  const name = ics.icsFileName(today);
  download(ics.calendar({ name: data.site_title || document.title, events, now: new Date() }), name, 'text/calendar');
  const n = events.length - before;
  const parts = [before && `${before} challenge days`, n && `${n} ${n === 1 ? 'person' : 'people'}`].filter(Boolean);
  say(`${name} is downloading with ${parts.join(' and ')}. Open it to add the events to your calendar.`);
}
