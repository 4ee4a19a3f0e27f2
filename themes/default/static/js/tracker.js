// Reach Out tracker: the thin DOM layer. Reads the data block the generator writes
// (<script type="application/json" id="reachout-data">), keeps the state in localStorage under the
// site's key (in memory when storage is unavailable) and fills the [data-tracker] hooks the
// templates render `hidden`. Contract: /work/spec/TRACKER.md. The logic lives in tracker-core.js.
// Only fixed strings and textContent reach the page: nothing is parsed as HTML.
import * as core from './tracker-core.js';

const doc = document;
const $$ = (sel, root = doc) => [...root.querySelectorAll(sel)];
const hooks = (name) => $$(`[data-tracker="${name}"]`);
const STATUS = { done: 'done', partial: 'in progress', none: 'not started' };
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function make(tag, cls, text) {
  const el = doc.createElement(tag);
  if (cls) el.className = cls;
  if (text) el.textContent = text;
  return el;
}

let uid = 0;
function freeId(base) {
  let id = base;
  while (doc.getElementById(id)) id = `${base}-${(uid += 1)}`;
  return id;
}

/** The parts a hook is built from, made once (so focus survives re-rendering). */
const built = new WeakMap();
function parts(el, build) {
  if (!built.has(el)) built.set(el, build(el));
  return built.get(el);
}

function readData() {
  const el = doc.getElementById('reachout-data');
  try {
    const d = el && JSON.parse(el.textContent);
    return d && typeof d.key === 'string' && Array.isArray(d.days) && d.days.length ? d : null;
  } catch {
    return null;
  }
}

/** localStorage behind a wall: any exception switches to "unavailable" for the page's life. */
function openStorage(probe) {
  let ls = null;
  try {
    ls = window.localStorage;
    ls.setItem(probe, '1');
    ls.removeItem(probe);
  } catch {
    ls = null;
  }
  const safe = (fn, fallback) => {
    if (!ls) return fallback;
    try {
      return fn(ls);
    } catch {
      ls = null;
      return fallback;
    }
  };
  return {
    get ok() {
      return ls !== null;
    },
    get: (k) => safe((s) => s.getItem(k), null),
    set: (k, v) => safe((s) => (s.setItem(k, v), true), false),
    remove: (k) => safe((s) => (s.removeItem(k), true), false),
  };
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = make('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function init(data) {
  const KEY = data.key;
  const COUNT = data.days.length;
  const store = openStorage(`${KEY}:probe`);
  const pageDay = data.days.find((d) => String(d.day) === doc.body.dataset.day) || null;
  const isDayPage = doc.body.dataset.kind === 'day';
  const live = hooks('live')[0];
  const warnings = new Map();
  let state = core.emptyState();
  let lastRaw; // the stored text `state` matches (undefined: not read yet)
  let blocked = false; // the key holds data this page must not overwrite
  let messageShown = false;
  let persistAsked = false;
  let timer;

  const today = () => core.localDate(new Date());
  const ctx = () => ({ today: today() });

  // ---- storage ----

  function unavailable() {
    warnings.set('storage', {
      text: 'Progress can’t be saved in this browser (private mode, or storage is full or turned off). You can still tick tasks, but they will be forgotten when you leave this page. Save a backup to keep them.',
    });
  }

  function load() {
    if (!store.ok) return unavailable();
    const raw = store.get(KEY);
    if (!store.ok) return unavailable();
    if (raw === lastRaw) return undefined;
    const r = core.parseStored(raw, ctx());
    blocked = false;
    warnings.delete('future');
    lastRaw = raw;
    state = r.state;
    if (r.status === 'corrupt') {
      const bk = core.backupKey(KEY, new Date(), (k) => store.get(k) !== null);
      if (store.set(bk, raw) && store.get(bk) === raw) {
        store.remove(KEY);
        lastRaw = null;
        warnings.set('corrupt', {
          text: `We found saved progress we couldn’t read (${r.error}). Nothing is lost: it is kept in this browser under the key “${bk}”, and you can download it.`,
          action: () => button('Download it', () => download(raw, `reachout-unreadable-${today()}.txt`, 'text/plain')),
        });
      } else {
        blocked = true;
        warnings.set('corrupt', { text: 'We found saved progress we couldn’t read, and there is no room to set it aside, so it is left untouched and nothing you do here will be saved.' });
      }
    } else if (r.status === 'future') {
      blocked = true;
      warnings.set('future', { text: 'Your progress was saved by a newer version of this site. Reload the page to see it; until then, changes here won’t be saved.' });
    } else if (r.status === 'migrated') {
      store.set(core.backupKey(KEY, new Date(), (k) => store.get(k) !== null), raw); // the old shape, just in case
      write();
    }
    return undefined;
  }

  function write() {
    if (blocked || !store.ok) return;
    const raw = JSON.stringify(state);
    if (store.set(KEY, raw)) lastRaw = raw;
    else unavailable();
  }

  /** Read, change, write: another tab may have written since we last looked. */
  function update(change) {
    load();
    state = change(state);
    write();
    render();
    persist();
  }

  function persist() {
    const s = navigator.storage;
    if (persistAsked || blocked || !store.ok || !core.hasData(state) || !s || !s.persist) return;
    persistAsked = true;
    Promise.resolve(s.persisted && s.persisted())
      .then((yes) => yes || s.persist())
      .catch(() => {});
  }

  // ---- messages ----

  function announce(text) {
    if (live) live.textContent = live.textContent === text ? `${text}\u00a0` : text;
  }

  function button(label, onClick) {
    const b = make('button', 'button button-small', label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  function message(text, isError, action) {
    messageShown = true;
    for (const el of hooks('message')) {
      el.replaceChildren(text);
      if (action) el.append(' ', action);
      el.classList.toggle('is-error', Boolean(isError));
    }
    render();
  }

  /** An "Undo" button that puts `before` back. */
  function undo(before, done) {
    return button('Undo', () => {
      update(() => before);
      message(done);
    });
  }

  // ---- rendering ----

  function bar(el, label, done, total) {
    const p = parts(el, () => {
      const text = make('span', 'tracker-bar-text');
      text.id = freeId(`tracker-${el.dataset.tracker}`);
      const meter = make('progress');
      meter.setAttribute('aria-labelledby', text.id);
      el.append(text, meter);
      return { text, meter };
    });
    p.text.textContent = `${label}: ${done} of ${plural(total, 'task')}`;
    p.meter.max = total || 1;
    p.meter.value = done;
  }

  function render() {
    const t = today();
    const prog = core.progress(state, data.days);
    const n = core.dayOfChallenge(state.startedOn, t, COUNT);
    const todayDay = n ? data.days[n - 1] : null;
    const has = core.hasData(state);
    const streak = core.streak(state.activity, t);

    for (const el of hooks('start')) el.hidden = Boolean(state.startedOn);
    for (const el of hooks('restore')) el.hidden = has;
    for (const el of hooks('today')) {
      el.hidden = !todayDay;
      if (!todayDay) continue;
      const p = parts(el, () => {
        const count = make('strong');
        const link = make('a');
        el.replaceChildren('Today is ', count, ': ', link);
        return { count, link };
      });
      p.count.textContent = `Day ${n} of ${COUNT}`;
      p.link.href = todayDay.url;
      p.link.textContent = todayDay.title;
      if (pageDay === todayDay) p.link.setAttribute('aria-current', 'page');
      else p.link.removeAttribute('aria-current');
    }
    for (const el of hooks('overall')) {
      el.hidden = !(has || isDayPage);
      bar(el, 'All days', prog.done, prog.total);
    }
    const mine = pageDay && prog.days.find((d) => d.day === pageDay.day);
    for (const el of hooks('day-progress')) {
      el.hidden = !mine;
      if (mine) bar(el, 'This day', mine.done, mine.total);
    }
    for (const el of hooks('streak')) {
      el.hidden = !has;
      el.textContent = streak.days
        ? `${streak.days}-day streak${streak.today ? '' : '. Tick a task today to keep it going.'}`
        : 'No streak right now. One tick today starts a new one.';
    }
    for (const el of hooks('complete')) el.hidden = !prog.complete;

    // Day marks: the day lists and the prev/next links.
    for (const el of $$('.day-item[data-day], .pager a[data-day]')) {
      const d = prog.days.find((x) => String(x.day) === el.dataset.day);
      if (!d) continue;
      el.dataset.status = d.status;
      el.classList.toggle('is-today', d === prog.days[n - 1]);
      const link = el.matches('a') ? el : el.querySelector('a') || el;
      const hidden = parts(link, () => {
        const s = make('span', 'visually-hidden');
        link.append(' ', s);
        return s;
      });
      hidden.textContent = d === prog.days[n - 1] ? `${STATUS[d.status]}, today` : STATUS[d.status];
    }

    for (const el of hooks('data')) el.hidden = !(has || messageShown);
    for (const el of hooks('last-backup')) {
      el.textContent = core.lastBackupText(state.lastBackupOn, t);
      el.classList.toggle('is-due', !state.lastBackupOn || core.daysBetween(state.lastBackupOn, t) >= 7);
    }
    for (const box of $$('li.task > input[data-key]')) {
      box.checked = Boolean(state.tasks[box.dataset.key]);
      box.parentElement.classList.toggle('done', box.checked);
    }
    for (const el of hooks('storage-warning')) {
      el.hidden = !warnings.size;
      el.replaceChildren(...[...warnings.values()].map((w) => {
        const p = make('p', '', w.text);
        if (w.action) p.append(' ', w.action());
        return p;
      }));
    }
  }

  function refresh() {
    load();
    render();
    clearTimeout(timer);
    timer = setTimeout(refresh, core.msToNextDay(new Date()) + 1000); // a tab left open overnight
  }

  // ---- actions ----

  function onStart() {
    update((s) => core.start(s, today()));
    announce(`Challenge started. Today is day 1 of ${COUNT}.`);
    const link = hooks('today')[0]?.querySelector('a');
    if (link) link.focus();
  }

  function onToggle(box) {
    const done = box.checked;
    update((s) => core.setTask(s, box.dataset.key, done, today()));
    const prog = core.progress(state, data.days);
    const d = prog.days.find((x) => x.day === pageDay.day);
    const isToday = core.dayOfChallenge(state.startedOn, today(), COUNT) === pageDay.day;
    let text = `${done ? 'Task done' : 'Task not done'}. ${d.done} of ${plural(d.total, 'task')} ${isToday ? 'today' : `on day ${d.day}`}.`;
    if (done && prog.complete) text += ' Every day is done. Well done!';
    else if (done && d.status === 'done') text += ` Day ${d.day} is complete.`;
    announce(text);
  }

  function onExport() {
    load();
    const t = today();
    state = core.markBackup(state, t);
    write();
    const name = core.exportFileName(t);
    download(`${JSON.stringify(core.makeExport(state, KEY, new Date()), null, 2)}\n`, name, 'application/json');
    message(`Your backup ${name} is downloading. Keep it somewhere safe, for example in your email.`);
  }

  async function onImport(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    let text = null;
    try {
      if (file.size <= core.MAX_IMPORT) text = await file.text();
    } catch {
      // unreadable: said below
    }
    input.value = '';
    if (file.size > core.MAX_IMPORT) return message(`This file is too large to be a Reach Out backup (${Math.round(file.size / 1024)} KB).`, true);
    if (text === null) return message('This file could not be read. Try choosing it again.', true);
    const r = core.parseImport(text, ctx(), data.days);
    if (!r.ok) return message(r.error, true);
    load();
    const before = state;
    state = r.state;
    write();
    render();
    persist();
    const p = core.progress(state, data.days);
    let note = `Backup restored: ${p.done} of ${plural(p.total, 'task')} done.`;
    if (r.unknown.length) {
      note += ` ${plural(r.unknown.length, 'ticked task')} in it ${r.unknown.length === 1 ? 'is' : 'are'} not part of this site’s days; kept anyway.`;
    }
    return message(note, false, undo(before, 'The restore was undone.'));
  }

  function onReset() {
    if (!window.confirm('Reset your progress? This removes your start date and every ticked task from this browser. Save a backup first if you might want them back.')) return;
    load();
    const before = state;
    state = core.emptyState();
    if (!blocked && store.ok) {
      store.remove(KEY);
      lastRaw = null;
    }
    message('Your progress was reset. Start again whenever you like.', false, undo(before, 'The reset was undone.'));
  }

  // ---- wiring ----

  if (isDayPage && pageDay) {
    for (const li of $$('li.task[data-task-id]')) {
      const box = make('input');
      box.type = 'checkbox';
      box.id = freeId(`task-${li.dataset.taskId}`);
      box.dataset.key = core.taskKey(pageDay.slug, li.dataset.taskId);
      const label = make('label');
      label.htmlFor = box.id;
      label.append(...li.childNodes);
      li.append(box, label);
      li.parentElement.classList.add('is-live');
      box.addEventListener('change', () => onToggle(box));
    }
  }
  for (const el of hooks('start')) el.addEventListener('click', onStart);
  for (const el of hooks('export')) el.addEventListener('click', onExport);
  for (const el of hooks('reset')) el.addEventListener('click', onReset);
  for (const el of [...hooks('import'), ...hooks('restore')]) {
    const input = el.matches('input') ? el : el.querySelector('input[type="file"]');
    if (input) input.addEventListener('change', () => onImport(input));
  }
  window.addEventListener('storage', (e) => {
    if (e.key === KEY || e.key === null) refresh();
  });
  window.addEventListener('focus', refresh);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState === 'visible') refresh();
  });
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) refresh();
  });

  for (const el of $$('.tracker[hidden]')) el.hidden = false;
  if (live) live.hidden = false;
  refresh();
  persist();
}

const data = readData();
if (data) init(data);
