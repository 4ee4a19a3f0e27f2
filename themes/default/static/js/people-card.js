// One person as a card on the people page: built once per list, then updated in place so focus
// and open <details> survive every re-render. Buttons carry data-action; people.js handles them.
import * as pc from './people-core.js';
import { CHANNELS } from './people-core.js';
import { contactLinks, messageFor, mailtoUrl, smsUrl } from './people-links.js';
import { make, freeId, button, announce } from './ui.js';
import * as w from './people-words.js';
import { t, t as tr, pieces } from './i18n.js';

/** A safe fragment of an element id from a stored person id. */
export const domId = (id) => `person-${String(id).replace(/[^\w-]/g, '_')}`;

function actionButton(action, label, name, cls) {
  const b = button('', null, cls || 'button button-small');
  b.dataset.action = action;
  // The person's name, for screen readers, where a list repeats the same buttons.
  b.append(label, make('span', 'visually-hidden', ` (${name})`));
  return b;
}

function setButton(b, label, name) {
  b.firstChild.textContent = label;
  b.lastChild.textContent = ` (${name})`;
}

function options(select, values, words) {
  for (const v of values) {
    const o = make('option', '', words(v));
    o.value = v;
    select.append(o);
  }
}

/** The "log with a date or a note" form inside a card. */
function logForm() {
  const details = make('details', 'person-log');
  details.append(make('summary', '', t('people.log_summary')));
  const form = make('form', 'person-log-form');
  form.dataset.action = 'log';
  form.noValidate = true;
  const field = (labelText, control, name) => {
    const p = make('p', 'field');
    control.id = freeId(`log-${name}`);
    control.name = name;
    const label = make('label', '', labelText);
    label.htmlFor = control.id;
    p.append(label, control);
    form.append(p);
    return p;
  };
  const type = make('select');
  options(type, ['attempt', 'reply', 'reconnected'], (v) => t(`people.action.${v}`));
  field(t('people.log_what'), type, 'type');
  const date = make('input');
  date.type = 'date';
  date.required = true;
  field(t('people.log_when'), date, 'date');
  const channel = make('select');
  options(channel, CHANNELS, w.channelWord);
  const channelRow = field(t('people.log_how'), channel, 'channel');
  const note = make('input');
  note.type = 'text';
  note.maxLength = 1000;
  note.autocomplete = 'off';
  field(t('people.log_note'), note, 'note');
  const error = make('p', 'field-error');
  error.id = freeId('log-error');
  date.setAttribute('aria-describedby', error.id);
  const submit = make('button', 'button button-small', t('people.log_submit'));
  submit.type = 'submit';
  const row = make('p', 'form-actions');
  row.append(submit);
  form.append(error, row);
  type.addEventListener('change', () => {
    channelRow.hidden = type.value !== 'attempt';
  });
  details.append(form);
  return { details, form, type, date, channel, channelRow, note, error };
}

/**
 * Builds the card of a person for one list. `kind`: 'list' (everything), 'pick' or 'due'
 * (the short version for "This week"). Returns { li, update(person, status, view) }.
 */
export function buildCard(kind, heading) {
  const full = kind === 'list';
  const li = make('li', `person-card person-card-${kind}`);
  const title = make(heading, 'person-name');
  title.tabIndex = -1; // a place to move focus after a removal or an undo
  const nameEl = full ? title : make('a');
  if (!full) title.append(nameEl);
  const meta = make('p', 'person-meta');
  const status = make('p', 'person-status');
  const statusText = make('span', 'status-badge');
  status.append(statusText);
  const next = make('p', 'person-next');
  const msg = make('p', 'person-message');
  const msgLink = make('a');
  msg.append(...pieces('people.suggested_message', { link: msgLink }));
  const contact = make('p', 'person-contact');
  const notes = full ? make('p', 'person-notes') : null;
  const actions = make('p', 'person-actions');
  const b = {
    attempt: actionButton('attempt', t('people.action.attempt'), '', 'button button-small button-primary'),
    reply: actionButton('reply', t('people.action.reply'), ''),
    reconnected: actionButton('reconnected', t('people.action.reconnected'), ''),
    snooze: actionButton('snooze', t('people.action.snooze'), ''),
    letGo: actionButton('let-go', t('people.action.let_go'), ''),
  };
  actions.append(...Object.values(b));
  const more = make('p', 'person-more');
  const m = {
    pick: actionButton('pick', t('people.action.pick'), ''),
    unpick: actionButton('unpick', t(kind === 'pick' ? 'people.action.unpick' : 'people.action.unpick_week'), ''),
  };
  if (full) {
    m.edit = actionButton('edit', t('people.action.edit'), '');
    m.remove = actionButton('remove', t('people.action.remove'), '');
  }
  more.append(...Object.values(m));
  li.append(title, meta, status, next, msg, contact);
  if (notes) li.append(notes);
  li.append(actions, more);

  let log = null;
  let history = null;
  if (full) {
    log = logForm();
    history = make('details', 'person-history');
    history.append(make('summary'), make('ol', 'history-list'));
    li.append(log.details, history);
  }

  function update(p, st, view) {
    const { today, messages, planIds, canPick } = view;
    li.dataset.personId = p.id;
    li.dataset.status = st.status;
    if (st.due) li.dataset.due = st.due;
    else delete li.dataset.due;
    if (full) li.id = domId(p.id);
    else nameEl.href = `#${domId(p.id)}`;
    nameEl.textContent = p.name;
    const channel = w.channelWord(p.channel);
    const known = p.channel !== 'unknown' && w.CHANNELS_KNOWN.includes(p.channel);
    meta.textContent = t('people.prefers', { relation: w.relationWord(p.relation), channel: known ? channel : t('people.prefers_unknown') });
    statusText.textContent = w.statusWords(st, today);
    const nextLabel = w.nextWords(st);
    next.hidden = !nextLabel || st.status === 'keep-in-touch' && st.due === 'later';
    next.classList.toggle('is-overdue', st.due === 'overdue');
    next.classList.toggle('is-today', st.due === 'today');
    if (st.offerLetGo) next.textContent = t('people.offer_let_go', { n: st.attempts });
    else if (nextLabel) next.textContent = t('people.next', { label: nextLabel, due: w.dueWords(st), date: w.dateWords(st.next, today) });
    const m0 = st.step && messageFor(st.step, p.channel, messages);
    msg.hidden = !m0;
    if (m0) {
      msgLink.href = `${m0.url}?person=${encodeURIComponent(p.id)}`;
      msgLink.textContent = m0.title;
    }
    const links = contactLinks(p);
    const items = [];
    // Encoded as the composer encodes them: the contact comes from the visitor or a backup file.
    if (links.email) items.push([t('people.email', { address: links.email }), mailtoUrl(links.email)]);
    if (links.phone) items.push([t('people.text'), smsUrl(links.phone)], [t('people.call'), `tel:${encodeURIComponent(links.phone).replace(/%2B/g, '+')}`]);
    contact.hidden = !items.length;
    contact.replaceChildren();
    items.forEach(([label, href], i) => {
      const a = make('a', '', label);
      a.href = href;
      if (!links.email || i) a.append(make('span', 'visually-hidden', ` ${p.name}`));
      if (i) contact.append(' · ');
      contact.append(a);
    });
    if (notes) {
      notes.hidden = !p.notes;
      notes.textContent = p.notes || '';
    }
    for (const btn of [...Object.values(b), ...Object.values(m)]) setButton(btn, btn.firstChild.textContent, p.name);
    b.snooze.hidden = st.status === 'let-go' || Boolean(st.snoozedUntil);
    b.letGo.hidden = !st.offerLetGo;
    b.reply.hidden = kind === 'pick';
    b.reconnected.hidden = kind !== 'list';
    const picked = planIds.includes(p.id);
    m.pick.hidden = kind !== 'list' || picked || !canPick || st.status !== 'new' || Boolean(st.snoozedUntil);
    m.unpick.hidden = !picked;
    more.hidden = [...more.children].every((x) => x.hidden);
    if (full) updateLog(p, today);
  }

  function updateLog(p, today) {
    if (!log.details.open) {
      log.type.value = 'attempt';
      log.date.value = today;
      log.channel.value = CHANNELS.includes(p.channel) ? p.channel : 'unknown';
      log.channelRow.hidden = false;
      log.note.value = '';
      log.error.textContent = '';
      log.date.removeAttribute('aria-invalid');
    }
    log.date.max = today;
    const entries = (p.log || []).map((e, index) => ({ e, index }))
      .sort((a, x) => (a.e.date < x.e.date ? -1 : a.e.date > x.e.date ? 1 : a.index - x.index));
    const [summary, list] = history.children;
    summary.textContent = t('people.history', { count: entries.length });
    history.hidden = !entries.length;
    list.replaceChildren(...entries.map(({ e, index }) => {
      const item = make('li');
      const when = typeof e.date === 'string' && e.date.length === 10 ? w.dateWords(e.date, today) : '';
      item.append(make('span', 'history-date', when), ' ', w.entryWords(e, today));
      if (e.note) item.append(': ', make('q', '', e.note));
      const rm = button(t('people.action.remove'), null, 'button-link');
      rm.dataset.action = 'remove-entry';
      rm.dataset.index = String(index);
      rm.append(make('span', 'visually-hidden', ` ${t('people.remove_entry', { date: when })}`));
      item.append(' ', rm);
      return item;
    }));
  }

  return { li, title, log, update };
}

const lower = (text) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * What the cards' buttons and forms do, given the page's state and helpers (people.js): in
 * this script, loaded only once there is someone to show, so an empty list loads less.
 */
export function cardActions({ store, settings, today, change, name, lists, focusSafe, openForm }) {
  function logQuick(id, type) {
    const p = pc.findPerson(store.state, id);
    if (!p) return;
    const t = today();
    const entry = type === 'attempt' ? { type, date: t, channel: p.channel, note: '' } : { type, date: t, note: '' };
    const words = { attempt: 'people.logged_attempt', reply: 'people.logged_reply', reconnected: 'people.logged_talk' };
    change((s) => pc.logEntry(s, id, entry), tr(words[type], { name: p.name }), id);
  }

  function logDetailed(id, card) {
    const l = card.log;
    const t = today();
    const date = l.date.value;
    if (!date || date > t) {
      const why = tr(!date ? 'people.date_missing' : 'people.date_future');
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
    change((s) => pc.logEntry(s, id, entry), tr('people.logged_for', { name: name(id), what: lower(w.entryWords(entry, t)), date: w.dateWords(date, t) }), id);
    focusSafe(l.details.querySelector('summary'));
  }

  function remove(id, li) {
    const who = name(id);
    if (!window.confirm(tr('people.remove_confirm', { name: who }))) return;
    const list = [...lists.list.children];
    const i = list.indexOf(li);
    change((s) => pc.removePerson(s, id), tr('people.removed', { name: who }), id);
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
        change((s) => pc.snooze(s, id, t), tr('people.snoozed', { name: name(id), days: pc.SNOOZE_DAYS }), id);
        break;
      case 'let-go':
        change((s) => pc.letGo(s, id, t), tr('people.let_go_done', { name: name(id) }), id);
        break;
      case 'pick':
        change((s) => pc.pick(s, id, t, settings), tr('people.picked', { name: name(id) }), id);
        break;
      case 'unpick':
        change((s) => pc.unpick(s, id, t), tr('people.unpicked', { name: name(id) }), id);
        break;
      case 'edit':
        openForm(id, el);
        break;
      case 'remove':
        remove(id, li);
        break;
      case 'remove-entry': {
        const summary = li.querySelector('.person-history > summary');
        change((s) => pc.removeEntry(s, id, Number(el.dataset.index)), tr('people.entry_removed', { name: name(id) }), id);
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

  return { onAction, logDetailed };
}
