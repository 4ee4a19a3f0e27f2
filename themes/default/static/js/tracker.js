// Reach Out tracker: the entry script of every page. Reads the data block the generator writes
// (<script type="application/json" id="reachout-data">, plus the days the page shows in
// #reachout-days), fetches the site's data file (every day, every message) when the page needs
// more than that, fills the [data-tracker] hooks the
// templates render `hidden`, and loads the people page and the composer only where they are,
// and "Your data" (backup.js) only when it is used. Contract: docs/tracker.md. The logic lives
// in tracker-core.js, the storage in store.js.
// Only fixed strings and textContent reach the page: nothing is parsed as HTML.
import * as core from './tracker-core.js';
import { openStore } from './store.js';
import { doc, $$, make, freeId, parts, button, announce, download } from './ui.js';
import { setStrings, mergeStrings, has, t as tr, pieces } from './i18n.js';

const hooks = (name) => $$(`[data-tracker="${name}"]`);

function readJson(id) {
  const el = doc.getElementById(id);
  try {
    return el ? JSON.parse(el.textContent) : null;
  } catch {
    return null;
  }
}

// A site without days still has a people page and composers to run.
const inline = readJson('reachout-data');
const inlineDays = readJson('reachout-days');

let fileLoad = null;
/** The site's data file, fetched once per page (the preload link has usually started it, and
 *  the service worker and the HTTP cache keep it: its name changes with its bytes). */
function loadFile(url) {
  if (!fileLoad) {
    fileLoad = fetch(url).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${url}: ${r.status}`))));
    fileLoad.catch(() => {
      fileLoad = null; // offline and not cached yet: the next need asks again
    });
  }
  return fileLoad;
}

/** The data block's words plus those a page adds in <script data-strings> (the tracker's on the
 *  pages with its hooks, My people's, the composer's). */
function strings(data) {
  let all = data.strings;
  for (const el of $$('script[type="application/json"][data-strings]')) {
    try {
      all = mergeStrings(all, JSON.parse(el.textContent));
    } catch {
      // a broken block: its keys show as keys, which is visible and harmless
    }
  }
  return all;
}

function init(data) {
  setStrings(strings(data), data.lang);
  const COUNT = data.day_count;
  const store = openStore(data.key);
  const pageDay = data.days.find((d) => String(d.day) === doc.body.dataset.day) || null;
  const isDayPage = doc.body.dataset.kind === 'day';
  const live = hooks('live')[0];
  const isPeoplePage = Boolean(doc.querySelector('[data-people="app"]'));
  let messageShown = false;
  let fileFailed = false; // the data file could not be had on this page's first try

  const { today } = store;

  /** Resolves once `data` holds every day and every message (the data file is in). */
  let filled = null;
  function full() {
    if (data.loaded) return Promise.resolve(data);
    if (!filled) {
      filled = loadFile(data.data_url).then((file) => {
        const all = core.siteData(inline, inlineDays, file);
        if (!all || !all.loaded) throw new Error('Reach Out: unreadable data file');
        Object.assign(data, all);
        setStrings(strings(data), data.lang);
        render();
        return data;
      });
      filled.catch(() => {
        filled = null; // offline and not cached yet: try again on the next need
      });
    }
    return filled;
  }

  /** Fetches the data file for what the page lacks (days, words); a failure is shown once. */
  let asking = null;
  function needWords() {
    if (fileFailed || asking) return;
    asking = full()
      .catch(() => {
        fileFailed = true;
        render();
      })
      .finally(() => {
        asking = null;
      });
  }

  // ---- messages ----

  function message(text, isError, action) {
    messageShown = true;
    for (const el of hooks('message')) {
      el.replaceChildren(text);
      if (action) el.append(' ', action);
      el.classList.toggle('is-error', Boolean(isError));
    }
    render();
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
    p.text.textContent = tr('tracker.bar', { label, done, tasks: tr('tracker.tasks', { count: total }) });
    p.meter.max = total || 1;
    p.meter.value = done;
  }

  function render() {
    const { state } = store;
    const t = today();
    const prog = core.pageProgress(state, data);
    const n = core.dayOfChallenge(state.startedOn, t, COUNT);
    // Days run 1..COUNT with no gaps; a page that inlines only its own day shows "today" once
    // the data file is in, unless today is that day.
    const todayDay = n ? data.days.find((d) => d.day === n) || null : null;
    const has = core.hasData(state);
    const streak = core.streak(state.activity, t);

    for (const el of hooks('start')) el.hidden = Boolean(state.startedOn);
    // The home's way in: hidden while "Start" stands in its place, then back as "Continue with
    // day N" to today's day (the last day once the week is over).
    const resume = todayDay || (data.complete ? data.days[COUNT - 1] : null);
    for (const el of $$('[data-continue]')) {
      el.hidden = !state.startedOn;
      if (resume && !el.hidden) {
        el.textContent = tr('tracker.continue_day', { n: resume.day });
        el.href = resume.url;
      }
    }
    for (const el of hooks('restore')) el.hidden = has;
    for (const el of hooks('today')) {
      el.hidden = !todayDay;
      if (!todayDay) continue;
      const p = parts(el, () => {
        const count = make('strong');
        const link = make('a');
        el.replaceChildren(...pieces('tracker.today', { day: count, link }));
        return { count, link };
      });
      p.count.textContent = tr('tracker.day_of', { n, total: COUNT });
      p.link.href = todayDay.url;
      p.link.textContent = todayDay.title;
      if (pageDay && pageDay.day === todayDay.day) p.link.setAttribute('aria-current', 'page');
      else p.link.removeAttribute('aria-current');
    }
    for (const el of hooks('overall')) {
      el.hidden = !(has || isDayPage);
      bar(el, tr('tracker.all_days'), prog.done, prog.total);
    }
    const mine = pageDay && prog.days.find((d) => d.day === pageDay.day);
    for (const el of hooks('day-progress')) {
      el.hidden = !mine;
      if (mine) bar(el, tr('tracker.this_day'), mine.done, mine.total);
    }
    for (const el of hooks('streak')) {
      el.hidden = !has;
      el.textContent = streak.days
        ? tr(streak.today ? 'tracker.streak' : 'tracker.streak_pending', { count: streak.days })
        : tr('tracker.no_streak');
    }
    for (const el of hooks('complete')) el.hidden = !prog.complete;

    // Day marks: the day lists and the prev/next links.
    for (const el of $$('.day-item[data-day], .pager a[data-day]')) {
      const d = prog.days.find((x) => String(x.day) === el.dataset.day);
      if (!d) continue;
      el.dataset.status = d.status;
      const isToday = d.day === n;
      el.classList.toggle('is-today', isToday);
      const link = el.matches('a') ? el : el.querySelector('a') || el;
      const hidden = parts(link, () => {
        const s = make('span', 'visually-hidden');
        link.append(' ', s);
        return s;
      });
      const status = tr(`tracker.status.${d.status}`);
      hidden.textContent = isToday ? tr('tracker.status_today', { status }) : status;
    }

    for (const el of hooks('data')) el.hidden = !(has || messageShown || isPeoplePage);
    for (const el of hooks('last-backup')) {
      el.textContent = core.lastBackupText(state.lastBackupOn, t);
      el.classList.toggle('is-due', !state.lastBackupOn || core.daysBetween(state.lastBackupOn, t) >= 7);
    }
    for (const box of $$('li.task > input[data-key]')) {
      box.checked = Boolean(state.tasks[box.dataset.key]);
      box.parentElement.classList.toggle('done', box.checked);
    }
    // A warning whose words are still coming waits for them; if the data file cannot come, it
    // says so (with the download, so the kept data is never out of reach).
    const shown = [...store.warnings.values()]
      .map((w) => ({ ...w, words: w.text() ?? (fileFailed ? tr('tracker.load_error') : null) }))
      .filter((w) => w.words !== null);
    if (shown.length < store.warnings.size) needWords();
    for (const el of hooks('storage-warning')) {
      el.hidden = !shown.length;
      el.replaceChildren(...shown.map((w) => {
        const p = make('p', '', w.words);
        const f = w.download;
        if (f) p.append(' ', button(f.label, () => download(f.text, f.name, f.type)));
        return p;
      }));
    }
  }

  // ---- actions ----

  function onStart() {
    store.update((s) => core.start(s, today()));
    announce(tr('tracker.started', { total: COUNT }));
    const link = hooks('today')[0]?.querySelector('a');
    if (link) link.focus();
  }

  function onToggle(box) {
    const done = box.checked;
    const state = store.update((s) => core.setTask(s, box.dataset.key, done, today()));
    const prog = core.pageProgress(state, data);
    const d = prog.days.find((x) => x.day === pageDay.day);
    const isToday = core.dayOfChallenge(state.startedOn, today(), COUNT) === pageDay.day;
    const tally = { done: d.done, tasks: tr('tracker.tasks', { count: d.total }), day: d.day };
    let text = `${tr(done ? 'tracker.task_done' : 'tracker.task_undone')} ${tr(isToday ? 'tracker.tally_today' : 'tracker.tally_day', tally)}`;
    if (done && prog.complete) text += ` ${tr('tracker.all_done')}`;
    else if (done && d.status === 'done') text += ` ${tr('tracker.day_done', { day: d.day })}`;
    announce(text);
  }

  /** Runs `fn` of backup.js ("Your data"), which is fetched on the visitor's first use of it. */
  async function backup(fn, ...args) {
    let m;
    try {
      // An import is checked against every day's tasks.
      [m] = await Promise.all([import('./backup.js'), full()]);
    } catch {
      return message(tr('tracker.load_error'), true);
    }
    return m[fn]({ data, store, message }, ...args);
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
  for (const el of hooks('export')) el.addEventListener('click', () => backup('exportBackup'));
  for (const el of hooks('reset')) el.addEventListener('click', () => backup('resetAll'));
  for (const el of [...hooks('import'), ...hooks('restore')]) {
    const input = el.matches('input') ? el : el.querySelector('input[type="file"]');
    if (input) input.addEventListener('change', () => backup('importBackup', input));
  }

  for (const el of $$('.tracker[hidden]')) el.hidden = false;
  if (live) live.hidden = false;
  store.subscribe(render);
  store.start();
  // A page that inlines only some days fills in the rest at once (no wait for the checkboxes),
  // as does one whose hooks need words it does not inline (a theme's page that shows progress
  // without the tracker's words block gets them from the file); render() asks for the file
  // when a warning's words are missing.
  const hooksWithoutWords = !has('tracker.bar') && doc.querySelector('[data-tracker]:not([data-tracker="live"], [data-tracker="storage-warning"])');
  if (!data.complete || hooksWithoutWords) needWords();

  // Only pages that have their hooks load the bigger parts (the size budget of a normal page).
  // The people page suggests messages and writes every day into calendars: it waits for the
  // data file; the others need only the inline block.
  const more = (sel, url, needsAll) => {
    if (!doc.querySelector(sel)) return;
    Promise.all([import(url), needsAll ? full() : data])
      .then(([m]) => m.init({ data, store }))
      .catch((e) => console.error('Reach Out: could not load', url, e));
  };
  more('[data-people="app"]', './people.js', true);
  more('[data-people-summary]', './people-summary.js');
  more('[data-composer="form"]', './composer.js');
}

const data = core.siteData(inline, inlineDays, null);
if (data) init(data);
