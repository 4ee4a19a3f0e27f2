// The people page: the visitor's list, this week's plan and quick logging (tracker.js loads it).
import * as pc from './people-core.js';
import { make, button, announce, parts, freeId } from './ui.js';
import { t as tr } from './i18n.js';
import { setReminderTime } from './tracker-core.js';
import * as w from './people-words.js';

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
  const name = (id) => pc.findPerson(store.state, id)?.name || tr('people.this_person');

  // ---- status bar with Undo ----

  /** Shows what just happened with an Undo that puts `before` back. */
  function done(text, before, focusId) {
    const undo = button(tr('tracker.undo'), () => {
      store.update(() => before);
      statusBar.replaceChildren(make('span', '', tr('people.undone')));
      announce(tr('people.undone'));
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
      text = tr('people.saved', { name: person.name });
    } else {
      const newPersonId = newId((x) => Boolean(pc.findPerson(store.state, x)));
      const s = store.update((st) => pc.addPerson(st, person, newPersonId, today()));
      text = tr('people.added', { name: person.name, count: s.people.length, total: settings.list_size });
    }
    done(text, before, id);
    return text;
  }

  // The cards' script (people-card.js) is fetched once there is someone to show: before the
  // first render when the list has people, else with the dialog's script on "Add a person", or
  // when people arrive from an import or another tab. It renders again once it is here.
  let buildCard = null;
  // What the cards' buttons and forms do, from the cards' script: there is nothing to act on
  // before it is here.
  let actions = null;
  let cardsLoading = null;
  function loadCards() {
    cardsLoading = cardsLoading || import('./people-card.js').then((m) => {
      buildCard = m.buildCard;
      actions = m.cardActions({ store, settings, today, change, name, lists, focusSafe, openForm });
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
      loadError(tr('people.form_error'));
      return;
    }
    const person = id ? pc.findPerson(store.state, id) : null;
    if (!id || person) f.open(person, opener); // (removed meanwhile, in another tab: nothing to edit)
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
      loadCards().catch(() => loadError(tr('people.cards_error')));
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
      ? tr('people.list_over', { people: tr('people.count', { count: sum.count }), goal: sum.listSize })
      : tr('people.list_progress', { count: sum.count, goal: sum.listSize });
    p.meter.max = sum.listSize || 1;
    p.meter.value = Math.min(sum.count, sum.listSize);
    const week = tr('people.week_progress', { done: sum.contactedThisWeek, target: sum.weeklyTarget });
    hook('week-progress').textContent = sum.due ? `${week} · ${tr('people.followups_due', { followups: tr('people.followups', { count: sum.due }) })}` : week;

    const wk = w.weekNumber(state.startedOn, t);
    hook('week-dates').textContent = tr('people.week_dates', { week: wk ? tr('people.week_number', { n: wk }) : tr('people.week_any'), range: w.rangeWords(plan.week.start, plan.week.end) });

    // Who to contact
    const left = Math.max(0, plan.target - plan.contacted.length);
    let picksText;
    if (!people.length) picksText = tr('people.picks_empty');
    else if (!left) picksText = tr('people.picks_done', { target: plan.target });
    else if (!plan.picked.length && !plan.suggestions.length) picksText = tr('people.picks_nobody_left');
    else if (!plan.picked.length) picksText = tr('people.picks_start', { people: tr('people.count', { count: plan.free }), pick: tr('people.action.pick') });
    else picksText = tr(plan.free ? 'people.picks_more' : 'people.picks_full', { n: plan.picked.length, free: plan.free });
    hook('picks-text').textContent = picksText;
    sync('picks', plan.picked, 'pick', 'h4', view, statuses);
    hook('suggest-row').hidden = !plan.free || !plan.suggestions.length;
    const contactedNames = plan.contacted.map((id) => statuses.get(id)?.person.name).filter(Boolean);
    hook('contacted').hidden = !contactedNames.length;
    hook('contacted').textContent = tr('people.contacted', { names: contactedNames.join(', ') });

    // Follow-ups due
    const dueIds = plan.due.map((x) => x.id);
    hook('due-text').textContent = dueIds.length
      ? tr('people.due_some', { people: tr('people.count', { count: dueIds.length }) })
      : tr(people.length ? 'people.due_none' : 'people.due_nothing');
    sync('due', dueIds, 'due', 'h4', view, statuses);

    // Everyone
    const empty = hook('empty');
    empty.hidden = people.length > 0;
    empty.textContent = tr('people.empty', { count: settings.list_size });
    sync('list', people.map((x) => x.id), 'list', 'h3', view, statuses);

    // On paper (people.html's printed table): the names in the list's order, a row each.
    const sheet = document.querySelector('[data-people="print"] tbody');
    if (sheet?.rows.length) {
      while (sheet.rows.length < people.length) sheet.append(sheet.rows[0].cloneNode(true));
      for (const [i, tr] of [...sheet.rows].entries()) tr.cells[0].textContent = people[i]?.name || '';
    }

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
    daysNote.textContent = tr('people.not_started');
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
      calMessage.textContent = tr('calendar.load_error');
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
    done(tr('people.suggested', { people: tr('people.count', { count: n }) }), before);
    focusSafe(lists.picks.querySelector('.person-name') || document.getElementById('people-picks-title'));
  });
  for (const ul of Object.values(lists)) {
    ul.addEventListener('click', (e) => actions?.onAction(e));
    ul.addEventListener('submit', (e) => {
      e.preventDefault();
      const li = e.target.closest('[data-person-id]');
      const card = li && cards.list.get(li.dataset.personId);
      if (card && actions) actions.logDetailed(li.dataset.personId, card);
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
