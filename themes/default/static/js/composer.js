// The composer of a message example: fill the blanks in place, pick a person, copy or open it.
import * as pc from './people-core.js';
import { contactLinks, mailtoUrl, smsUrl } from './people-links.js';
import { $$, make, button, announce, freeId } from './ui.js';
import { t as tr, pieces } from './i18n.js';

const MESSAGE_CHANNELS = { email: 'email', text: 'text', messaging: 'messaging', phone: 'phone', linkedin: 'linkedin', 'in-person': 'in-person' };
const BLOCKS = new Set(['P', 'UL', 'OL', 'BLOCKQUOTE', 'PRE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'TABLE', 'HR']);
const isYours = (n) => n.toLowerCase().startsWith('your ');

/** "where you worked together" -> "Where you worked together"; `{name}` (a fixed word) from the table. */
const labelOf = (n) => (n === 'name' ? tr('composer.blank_name') : n.charAt(0).toUpperCase() + n.slice(1));

export function init({ data, store }) {
  const root = document.querySelector('[data-composer="form"]');
  const q = (name) => document.querySelector(`[data-composer="${name}"]`);
  const card = q('card');
  const body = q('body');
  const subjectEl = q('subject');
  if (!root || !body) return;
  const channel = MESSAGE_CHANNELS[root.dataset.channel] || null;
  const title = root.dataset.title || document.title;
  const select = q('person');
  const fieldsBox = q('fields');
  const status = q('status');
  const emailLink = q('email');
  const smsLink = q('sms');
  const logButton = q('log');
  const fallback = q('fallback');
  const textArea = q('text');
  let current = new URLSearchParams(window.location.search).get('person') || '';
  let filledName = ''; // the name the picker put in the name field (replaced when the pick changes)

  // The subject is plain text in the page: give its blanks the same spans as the body's.
  if (subjectEl) {
    const segs = pc.parseBlanks(subjectEl.textContent);
    subjectEl.replaceChildren(...segs.map((s) => {
      if (!('blank' in s)) return s.text;
      const span = make('span', 'blank', s.blank);
      span.dataset.blank = s.blank;
      return span;
    }));
  }
  const spans = $$('.blank[data-blank]', card);
  const names = [...new Set(spans.map((s) => s.dataset.blank))];
  const nameField = pc.nameBlank(names);
  const inputs = new Map();

  for (const n of names) {
    const p = make('p', 'field');
    const input = make('input');
    input.type = 'text';
    input.id = freeId(`blank-${n.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
    input.autocomplete = n.toLowerCase() === 'your name' ? 'name' : 'off';
    input.dataset.blank = n;
    const label = make('label', '', labelOf(n));
    label.htmlFor = input.id;
    p.append(label, input);
    fieldsBox.append(p);
    inputs.set(n, input);
    input.addEventListener('input', () => {
      if (n === nameField && input.value !== filledName) filledName = '';
      update();
    });
    // Remembered across message pages: the visitor's own details ("your name", "your company").
    if (isYours(n)) {
      input.addEventListener('change', () => store.update((s) => ({ ...s, composer: { ...(s.composer || {}), [n]: input.value.trim() } })));
    }
  }

  const person = () => (current ? pc.findPerson(store.state, current) : null);

  /** The message as plain text, read from what the card shows (so the copy equals the preview). */
  function plain(el) {
    let out = '';
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) out += node.textContent.replace(/\s+/g, ' ');
      else if (node.nodeName === 'BR') out += '\n';
      else if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.classList.contains('blank') && !node.classList.contains('is-filled')) out += `[${node.textContent}]`;
        else out += plain(node);
      }
    }
    return out;
  }

  function blocks(el) {
    const out = [];
    for (const node of el.children) {
      if (node.nodeName === 'UL' || node.nodeName === 'OL') {
        out.push([...node.children].map((li, i) => `${node.nodeName === 'OL' ? `${i + 1}.` : '-'} ${tidy(plain(li))}`).join('\n'));
      } else if (node.nodeName === 'BLOCKQUOTE' || node.nodeName === 'DIV') out.push(...blocks(node));
      else if (BLOCKS.has(node.nodeName) || node.textContent.trim()) out.push(tidy(plain(node)));
    }
    return out.filter(Boolean);
  }

  const tidy = (t) => t.split('\n').map((l) => l.replace(/ +/g, ' ').trim()).join('\n').trim();
  const bodyText = () => blocks(body).join('\n\n');
  const subjectText = () => (subjectEl ? tidy(plain(subjectEl)) : '');

  function update() {
    for (const span of spans) {
      const v = inputs.get(span.dataset.blank)?.value.trim() || '';
      span.textContent = v || span.dataset.blank;
      span.classList.toggle('is-filled', Boolean(v));
    }
    const p = person();
    const links = p ? contactLinks(p) : { email: null, phone: null };
    const text = bodyText();
    emailLink.hidden = !(channel === 'email' || links.email);
    emailLink.href = mailtoUrl(links.email || '', subjectText(), text);
    smsLink.hidden = !(channel === 'text' || links.phone);
    smsLink.href = smsUrl(links.phone || '', text);
    logButton.hidden = !p;
    logButton.textContent = p ? tr('composer.log_to', { name: p.name }) : tr('composer.log');
    if (!fallback.hidden) textArea.value = text;
  }


  function say(text, action) {
    status.replaceChildren(text);
    if (action) status.append(' ', action);
    status.hidden = false;
    announce(text);
  }

  function renderPeople(state) {
    const people = state.people || [];
    if (current && !pc.findPerson(state, current)) current = '';
    const rows = [['', tr(people.length ? 'composer.nobody' : 'composer.nobody_yet')]].concat(people.map((p) => [p.id, p.name]));
    // Rebuild only when the list changed, so an open picker is not disturbed.
    const key = JSON.stringify(rows);
    if (select.dataset.rows !== key) {
      select.replaceChildren(...rows.map(([v, t]) => {
        const o = make('option', '', t);
        o.value = v;
        return o;
      }));
      select.dataset.rows = key;
    }
    select.value = current;
    q('person-row').hidden = !people.length;
    const none = q('no-people');
    none.hidden = people.length > 0 || !data.people_url;
    if (!none.hidden && !none.firstChild) {
      const a = make('a', '', tr('composer.no_people_link'));
      a.href = data.people_url;
      none.append(...pieces('composer.no_people', { link: a }));
    }
    const mine = state.composer || {};
    for (const [n, input] of inputs) {
      if (isYours(n) && !input.value && typeof mine[n] === 'string' && document.activeElement !== input) input.value = mine[n];
    }
    applyPerson();
  }

  function applyPerson() {
    const p = person();
    const field = nameField && inputs.get(nameField);
    if (field && (!field.value || field.value === filledName)) {
      field.value = p ? p.name : '';
      filledName = field.value;
    }
    update();
  }

  select.addEventListener('change', () => {
    current = select.value;
    applyPerson();
    announce(current ? tr('composer.writing', { name: person().name }) : tr('composer.nobody_picked'));
  });

  q('copy').addEventListener('click', () => {
    // The body only, as the card shows it: the subject has its own field in every mail app.
    const text = bodyText();
    const subject = subjectText();
    const missing = spans.filter((s) => !s.classList.contains('is-filled')).map((s) => s.dataset.blank);
    const left = [...new Set(missing)];
    const note = left.length ? ` ${tr('composer.blanks_left', { count: left.length, names: left.join(', ') })}` : '';
    const showFallback = () => {
      fallback.hidden = false;
      textArea.value = text;
      textArea.focus();
      textArea.select();
      say(`${tr('composer.copy_failed')}${note}`);
    };
    // Called right in the click handler: Safari refuses the clipboard otherwise.
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      showFallback();
      return;
    }
    navigator.clipboard.writeText(text).then(
      () => say(`${subject ? tr('composer.copied_subject', { subject }) : tr('composer.copied')}${note}${person() ? ` ${tr('composer.log_hint')}` : ''}`),
      showFallback,
    );
  });

  logButton.addEventListener('click', () => {
    const p = person();
    if (!p) return;
    const before = store.state;
    const t = store.today();
    const how = channel || p.channel;
    try {
      store.update((s) => pc.logEntry(s, p.id, { type: 'attempt', date: t, channel: how, note: title }));
    } catch (e) {
      say(e.message);
      return;
    }
    const undo = button(tr('tracker.undo'), () => {
      store.update(() => before);
      say(tr('composer.undone'));
      logButton.focus();
    });
    const msg = tr('composer.logged', { name: p.name, title });
    if (data.people_url) {
      const a = make('a', '', tr('composer.see_list'));
      a.href = data.people_url;
      say(msg, undo);
      status.append(' ', a);
    } else say(msg, undo);
  });

  store.subscribe(renderPeople);
  renderPeople(store.state);
  root.hidden = false;
}
