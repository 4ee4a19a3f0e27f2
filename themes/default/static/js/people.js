// The people page: the visitor's list, this week's plan and quick logging (tracker.js loads it).
import * as pc from './people-core.js';
import { make, button, announce, parts, freeId, plural } from './ui.js';
import { setReminderTime } from './tracker-core.js';
import * as w from './people-words.js';

const lower = (t) => t.charAt(0).toLowerCase() + t.slice(1);
const DEFAULTS = { list_size: 20, weekly_target: 5, max_attempts: 3, follow_up_days: 7, keep_in_touch_days: 90 };

/** A new person id: "p-" and 8 random base-36 characters. */
function newId(taken) {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    const id = `p-${[...bytes].map((b) => (b % 36).toString(36)).join('')}`;
    if (!taken(id)) return id;
  }
}

export async function init({ data, store }) {
  const app = document.querySelector('[data-people="app"]');
  const hook = (name) => app.querySelector(`[data-people="${name}"]`);
  const settings = { ...DEFAULTS, ...(data.settings || {}) };
  const messages = Array.isArray(data.messages) ? data.messages : [];
  const lists = { picks: hook('picks'), due: hook('due'), list: hook('list') };
  const cards = { picks: new Map(), due: new Map(), list: new Map() };
  const statusBar = hook('status');
  const today = () => store.today();
  const name = (id) => pc.findPerson(store.state, id)?.name || 'This person';

  // ---- status bar with Undo ----

  /** Shows what just happened with an Undo that puts `before` back. */
  function done(text, before, focusId) {
    const undo = button('Undo', () => {
      store.update(() => before);
      statusBar.replaceChildren(make('span', '', 'Undone.'));
      announce('Undone.');
      focusPerson(focusId) || focusSafe(statusBar);
    });
    statusBar.replaceChildren(make('span', '', text), ' ', undo);
    statusBar.hidden = false;
    announce(text);
  }

  function focusSafe(el) {
    if (!el) return false;
    if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
    el.focus();
    return true;
  }

  function focusPerson(id) {
    const card = id && cards.list.get(id);
    return card && card.li.isConnected ? focusSafe(card.title) : false;
  }

  /** Applies a change to one person; returns false (and says why) when it throws. */
  function change(fn, text, focusId) {
    const before = store.state;
    try {
      store.update(fn);
    } catch (e) {
      announce(e.message);
      statusBar.replaceChildren(make('span', 'is-error', e.message));
      statusBar.hidden = false;
      return false;
    }
    done(text, before, focusId);
    return true;
  }

  // ---- actions ----

  /** Stores a person from the add/edit dialog; returns the sentence to announce. */
  function save(person, id) {
    const before = store.state;
    let text;
    if (id) {
      store.update((s) => pc.updatePerson(s, id, person));
      text = `${person.name} saved.`;
    } else {
      const newPersonId = newId((x) => Boolean(pc.findPerson(store.state, x)));
      const s = store.update((st) => pc.addPerson(st, person, newPersonId, today()));
      text = `${person.name} added: ${s.people.length} of ${settings.list_size} people on your list.`;
    }
    done(text, before, id);
    return text;
  }

  // The cards' script (people-card.js) is fetched once there is someone to show: before the
  // first render when the list has people, else with the dialog's script on "Add a person", or
  // when people arrive from an import or another tab. It renders again once it is here.
  let buildCard = null;
  let cardsLoading = null;
  function loadCards() {
    cardsLoading = cardsLoading || import('./people-card.js').then((m) => {
      buildCard = m.buildCard;
      render(store.state);
    }, (e) => {
      cardsLoading = null;
      throw e;
    });
    return cardsLoading;
  }

  function loadError(why) {
    announce(why);
    statusBar.replaceChildren(make('span', 'is-error', why));
    statusBar.hidden = false;
  }

  // The dialog's script (people-form.js) is fetched on the first "Add a person" or "Edit".
  let form = null;
  async function openForm(id, opener) {
    if (!id) loadCards().catch(() => {}); // said when the list needs them
    form = form || import('./people-form.js').then((m) => m.setupForm(hook('dialog'), save));
    let f;
    try {
      f = await form;
    } catch {
      form = null;
      loadError('The form could not load. Check your connection and try again.');
      return;
    }
    const person = id ? pc.findPerson(store.state, id) : null;
    if (!id || person) f.open(person, opener); // (removed meanwhile, in another tab: nothing to edit)
  }

  function logQuick(id, type) {
    const p = pc.findPerson(store.state, id);
    if (!p) return;
    const t = today();
    const entry = type === 'attempt' ? { type, date: t, channel: p.channel, note: '' } : { type, date: t, note: '' };
    const words = { attempt: `Logged: you reached out to ${p.name} today.`, reply: `Logged: ${p.name} replied today.`, reconnected: `Logged: you talked with ${p.name} today.` };
    change((s) => pc.logEntry(s, id, entry), words[type], id);
  }

  function logDetailed(id, card) {
    const l = card.log;
    const t = today();
    const date = l.date.value;
    if (!date || date > t) {
      const why = !date ? 'Pick the date it happened.' : 'That date is in the future: pick today or an earlier day.';
      l.error.textContent = why;
      l.date.setAttribute('aria-invalid', 'true');
      l.date.focus();
      announce(why);
      return;
    }
    const type = l.type.value;
    const entry = type === 'attempt'
      ? { type, date, channel: l.channel.value, note: l.note.value }
      : { type, date, note: l.note.value };
    l.details.open = false;
    change((s) => pc.logEntry(s, id, entry), `Logged for ${name(id)}: ${lower(w.entryWords(entry, t))} on ${w.dateWords(date, t)}.`, id);
    focusSafe(l.details.querySelector('summary'));
  }

  function remove(id, li) {
    const who = name(id);
    if (!window.confirm(`Remove ${who} from your list? Their history goes too.`)) return;
    const list = [...lists.list.children];
    const i = list.indexOf(li);
    change((s) => pc.removePerson(s, id), `${who} removed from your list.`, id);
    const rest = [...lists.list.children];
    const target = rest[Math.min(i, rest.length - 1)];
    if (target) focusSafe(target.querySelector('.person-name'));
    else focusSafe(document.getElementById('people-list-title'));
  }

  function onAction(e) {
    const el = e.target.closest('[data-action]');
    const li = el && el.closest('[data-person-id]');
    if (!li || el.tagName === 'FORM') return;
    const id = li.dataset.personId;
    const action = el.dataset.action;
    const t = today();
    // Where focus was, to put it back near there if the action removes this card from a list.
    const ul = li.parentElement;
    const index = [...ul.children].indexOf(li);
    switch (action) {
      case 'attempt':
      case 'reply':
      case 'reconnected':
        logQuick(id, action);
        break;
      case 'snooze':
        change((s) => pc.snooze(s, id, t), `Not now: ${name(id)} comes back in ${pc.SNOOZE_DAYS} days. That doesn’t count as a try.`, id);
        break;
      case 'let-go':
        change((s) => pc.letGo(s, id, t), `You let ${name(id)} go, with your dignity intact. You can still write to them any time.`, id);
        break;
      case 'pick':
        change((s) => pc.pick(s, id, t, settings), `${name(id)} is picked for this week.`, id);
        break;
      case 'unpick':
        change((s) => pc.unpick(s, id, t), `${name(id)} is no longer picked for this week.`, id);
        break;
      case 'edit':
        openForm(id, el);
        break;
      case 'remove':
        remove(id, li);
        break;
      case 'remove-entry': {
        const summary = li.querySelector('.person-history > summary');
        change((s) => pc.removeEntry(s, id, Number(el.dataset.index)), `History entry removed for ${name(id)}.`, id);
        if (!el.isConnected) focusSafe(summary && summary.checkVisibility?.() !== false ? summary : li.querySelector('.person-name'));
        break;
      }
      default:
        return;
    }
    const swap = li.isConnected && li.querySelector(`[data-action="${action === 'pick' ? 'unpick' : 'pick'}"]`);
    if ((action === 'pick' || action === 'unpick') && swap && !swap.hidden) swap.focus();
    else if (!el.isConnected || el.hidden) {
      const now = [...ul.children];
      const target = li.isConnected ? li.querySelector('.person-name') : now[Math.min(index, now.length - 1)]?.querySelector('.person-name');
      if (!document.activeElement || document.activeElement === document.body || !document.activeElement.isConnected) {
        focusSafe(target || document.getElementById(ul.getAttribute('aria-labelledby')));
      }
    }
  }

  // ---- rendering ----

  /** Keeps `ul` showing `ids` in order, reusing each person's card. */
  function sync(key, ids, kind, heading, view, statuses) {
    if (!buildCard) return; // (no one to show yet, or the cards' script is on its way)
    const ul = lists[key];
    const map = cards[key];
    for (const [id, card] of map) {
      if (!ids.includes(id)) {
        card.li.remove();
        map.delete(id);
      }
    }
    ids.forEach((id, i) => {
      let card = map.get(id);
      if (!card) {
        card = buildCard(kind, heading);
        map.set(id, card);
      }
      card.update(statuses.get(id).person, statuses.get(id).st, view);
      if (ul.children[i] !== card.li) ul.insertBefore(card.li, ul.children[i] || null);
    });
  }

  function render(state) {
    const t = today();
    const people = state.people || [];
    const statuses = new Map(people.map((p) => [p.id, { person: p, st: pc.personStatus(p, t, settings) }]));
    const plan = pc.weekPlan(state, t, settings);
    const sum = pc.peopleSummary(state, t, settings);
    const planIds = plan.picked;
    const view = { today: t, messages, planIds, canPick: plan.free > 0 };
    if (!buildCard && people.length) {
      loadCards().catch(() => loadError('Part of the page could not load. Check your connection and reload the page.'));
    }

    const bar = hook('list-progress');
    const p = parts(bar, () => {
      const text = make('span', 'tracker-bar-text');
      text.id = freeId('people-list-progress');
      const meter = make('progress');
      meter.setAttribute('aria-labelledby', text.id);
      bar.append(text, meter);
      return { text, meter };
    });
    p.text.textContent = sum.count > sum.listSize
      ? `${plural(sum.count, 'person', 'people')} on your list (your goal was ${sum.listSize})`
      : `${sum.count} of ${sum.listSize} people on your list`;
    p.meter.max = sum.listSize || 1;
    p.meter.value = Math.min(sum.count, sum.listSize);
    hook('week-progress').textContent = `${sum.contactedThisWeek} of ${sum.weeklyTarget} contacted this week${sum.due ? ` · ${plural(sum.due, 'follow-up')} due` : ''}`;

    const wk = w.weekNumber(state.startedOn, t);
    hook('week-dates').textContent = `${wk ? `Week ${wk} of the challenge` : 'Monday to Sunday'}: ${w.rangeWords(plan.week.start, plan.week.end)}`;

    // Who to contact
    const left = Math.max(0, plan.target - plan.contacted.length);
    let picksText;
    if (!people.length) picksText = 'Add people to your list first, then pick who to write to this week.';
    else if (!left) picksText = `You reached this week’s target of ${plan.target}. Well done! Keep an eye on the follow-ups below.`;
    else if (!plan.picked.length && !plan.suggestions.length) picksText = 'Everyone on your list has heard from you. Add more people to keep going.';
    else if (!plan.picked.length) picksText = `Pick up to ${plural(plan.free, 'person', 'people')} to write to this week, with “Pick for this week” on the list below, or let the page suggest some.`;
    else picksText = plan.free ? `${plan.picked.length} picked. You can pick ${plan.free} more.` : `${plan.picked.length} picked: that fills this week.`;
    hook('picks-text').textContent = picksText;
    sync('picks', plan.picked, 'pick', 'h4', view, statuses);
    hook('suggest-row').hidden = !plan.free || !plan.suggestions.length;
    const contactedNames = plan.contacted.map((id) => statuses.get(id)?.person.name).filter(Boolean);
    hook('contacted').hidden = !contactedNames.length;
    hook('contacted').textContent = `Contacted this week: ${contactedNames.join(', ')}.`;

    // Follow-ups due
    const dueIds = plan.due.map((x) => x.id);
    hook('due-text').textContent = dueIds.length
      ? `${plural(dueIds.length, 'person', 'people')} to write to again, oldest first.`
      : people.length
        ? 'No follow-ups due. When you log a message, the person comes back here when it’s time to follow up.'
        : 'Nothing yet: follow-ups appear here a week after you write to someone.';
    sync('due', dueIds, 'due', 'h4', view, statuses);

    // Everyone
    const empty = hook('empty');
    empty.hidden = people.length > 0;
    empty.textContent = `Your list is empty. Start with one person you’d be glad to hear from again, then add more until you have about ${settings.list_size}.`;
    sync('list', people.map((x) => x.id), 'list', 'h3', view, statuses);

    renderCalendar(state);
  }

  // ---- wiring ----

  // Calendar reminders: the form is rendered and the time kept here; the download's script
  // (people-calendar.js) is fetched once the visitor is in the form, or on its submit.
  const DEFAULT_TIME = '09:00';
  const time = hook('reminder-time');
  const icsDays = hook('ics-days');
  const daysNote = hook('ics-days-note');
  const calMessage = hook('calendar-message');
  function renderCalendar(state) {
    const stored = state.reminders && state.reminders.time;
    if (document.activeElement !== time) time.value = stored || DEFAULT_TIME;
    const started = Boolean(state.startedOn);
    const hasDays = Boolean(data.days && data.days.length);
    icsDays.disabled = !started || !hasDays;
    if (icsDays.disabled) icsDays.checked = false;
    daysNote.hidden = started || !hasDays;
    daysNote.textContent = 'You haven’t started the challenge yet, so its days have no dates: start it on the home page first. The file can still hold your follow-ups.';
  }
  time.addEventListener('change', () => {
    if (time.value) store.update((s) => setReminderTime(s, time.value));
  });
  let calendar = null;
  const loadCalendar = () => {
    calendar = calendar || import('./people-calendar.js').catch((e) => {
      calendar = null;
      throw e;
    });
    return calendar;
  };
  const calForm = hook('calendar-form');
  calForm.addEventListener('focusin', () => loadCalendar().catch(() => {}));
  calForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    let m;
    try {
      m = await loadCalendar();
    } catch {
      calMessage.textContent = 'The calendar part of the page could not load. Check your connection and try again.';
      calMessage.classList.add('is-error');
      return;
    }
    await m.downloadCalendar(hook('calendar'), { data, store, settings, defaultTime: DEFAULT_TIME });
  });
  hook('add').addEventListener('click', (e) => openForm(null, e.currentTarget));
  hook('suggest').addEventListener('click', () => {
    const before = store.state;
    const s = store.update((st) => pc.suggest(st, today(), settings));
    const n = pc.weekPlan(s, today(), settings).picked.length - pc.weekPlan(before, today(), settings).picked.length;
    done(`${plural(n, 'person', 'people')} suggested for this week.`, before);
    focusSafe(lists.picks.querySelector('.person-name') || document.getElementById('people-picks-title'));
  });
  for (const ul of Object.values(lists)) {
    ul.addEventListener('click', onAction);
    ul.addEventListener('submit', (e) => {
      e.preventDefault();
      const li = e.target.closest('[data-person-id]');
      const card = li && cards.list.get(li.dataset.personId);
      if (card) logDetailed(li.dataset.personId, card);
    });
  }
  if (store.state.people?.length) await loadCards();
  store.subscribe(render);
  render(store.state);
  app.hidden = false;

  // A link from a message page or the home page may point at one person: open their card.
  if (window.location.hash) {
    const target = document.getElementById(window.location.hash.slice(1));
    if (target) target.scrollIntoView();
  }
}
