// "Calendar reminders" on the people page; ics.js is only fetched when a file is asked for.
import { setReminderTime } from './tracker-core.js';
import { download } from './ui.js';

const DEFAULT_TIME = '09:00';

/** Wires the calendar form; returns render(state). */
export function setupCalendar(root, { data, store, settings }) {
  const q = (name) => root.querySelector(`[data-people="${name}"]`);
  const form = q('calendar-form');
  const time = q('reminder-time');
  const days = q('ics-days');
  const people = q('ics-people');
  const daysNote = q('ics-days-note');
  const message = q('calendar-message');

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle('is-error', Boolean(isError));
  }

  function render(state) {
    const stored = state.reminders && state.reminders.time;
    if (document.activeElement !== time) time.value = stored || DEFAULT_TIME;
    const started = Boolean(state.startedOn);
    const hasDays = Boolean(data.days && data.days.length);
    days.disabled = !started || !hasDays;
    if (days.disabled) days.checked = false;
    daysNote.hidden = started || !hasDays;
    daysNote.textContent = 'You haven’t started the challenge yet, so its days have no dates: start it on the home page first. The file can still hold your follow-ups.';
  }

  time.addEventListener('change', () => {
    if (time.value) store.update((s) => setReminderTime(s, time.value));
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const at = time.value || DEFAULT_TIME;
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
  });

  return render;
}
