// The visitor's saved state for this site, shared by every script on a page (one store per page).
import * as core from './tracker-core.js';
import { t, has } from './i18n.js';

// Why stored data could not be read, in the visitor's words.
const reason = (r) => (r.why ? core.reasonText(r.why) : t('tracker.not_json'));
// A warning about unreadable stored data: its words come with the data file (a page inlines
// only what its first paint needs), so its text is null until the file is in.
const late = (key, vars = () => ({})) => () => (has(key) ? t(key, vars()) : null);

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

const today = () => core.localDate(new Date());

function create(KEY) {
  const ls = openStorage(`${KEY}:probe`);
  // Shown by tracker.js in [data-tracker=storage-warning]: { text(), download?: {label, text, name, type} };
  // text is read at each render, so words that arrive later fill in (it is null until they do).
  const warnings = new Map();
  const subscribers = new Set();
  let state = core.emptyState();
  let lastRaw; // the stored text `state` matches (undefined: not read yet)
  let blocked = false; // the key holds data this page must not overwrite
  let persistAsked = false;
  let timer;
  let started = false;

  function unavailable() {
    warnings.set('storage', {
      text: () => t('tracker.no_storage'),
    });
  }

  function load() {
    if (!ls.ok) return unavailable();
    const raw = ls.get(KEY);
    if (!ls.ok) return unavailable();
    if (raw === lastRaw) return undefined;
    const r = core.parseStored(raw, { today: today() });
    blocked = false;
    warnings.delete('future');
    lastRaw = raw;
    state = r.state;
    if (r.status === 'corrupt') {
      const bk = core.backupKey(KEY, new Date(), (k) => ls.get(k) !== null);
      if (ls.set(bk, raw) && ls.get(bk) === raw) {
        ls.remove(KEY);
        lastRaw = null;
        warnings.set('corrupt', {
          text: late('tracker.corrupt', () => ({ error: reason(r), key: bk })),
          download: { label: t('tracker.download'), text: raw, name: `reachout-unreadable-${today()}.txt`, type: 'text/plain' },
        });
      } else {
        blocked = true;
        warnings.set('corrupt', { text: late('tracker.corrupt_no_room') });
      }
    } else if (r.status === 'repaired') {
      // Keep the progress and set only the unreadable part aside, with the whole text kept.
      const bk = core.backupKey(KEY, new Date(), (k) => ls.get(k) !== null);
      if (ls.set(bk, raw) && ls.get(bk) === raw) {
        write();
        warnings.set('corrupt', {
          text: late('tracker.repaired', () => ({ error: reason(r), key: bk })),
          download: { label: t('tracker.download'), text: raw, name: `reachout-unreadable-${today()}.txt`, type: 'text/plain' },
        });
      } else {
        blocked = true;
        warnings.set('corrupt', { text: late('tracker.repaired_no_room') });
      }
    } else if (r.status === 'future') {
      blocked = true;
      warnings.set('future', { text: late('tracker.future') });
    } else if (r.status === 'migrated') {
      ls.set(core.backupKey(KEY, new Date(), (k) => ls.get(k) !== null), raw); // the old shape, just in case
      write();
    }
    return undefined;
  }

  function write() {
    if (blocked || !ls.ok) return;
    const raw = JSON.stringify(state);
    if (ls.set(KEY, raw)) lastRaw = raw;
    else unavailable();
  }

  function notify() {
    for (const fn of subscribers) fn(state);
  }

  function persist() {
    const s = navigator.storage;
    if (persistAsked || blocked || !ls.ok || !core.hasData(state) || !s || !s.persist) return;
    persistAsked = true;
    Promise.resolve(s.persisted && s.persisted())
      .then((yes) => yes || s.persist())
      .catch(() => {});
  }

  function refresh() {
    load();
    notify();
    clearTimeout(timer);
    timer = setTimeout(refresh, core.msToNextDay(new Date()) + 1000); // a tab left open overnight
  }

  return {
    key: KEY,
    today,
    warnings,
    get state() {
      return state;
    },
    /** Can changes be kept? (false: storage unavailable, or data this page must not overwrite) */
    get saves() {
      return ls.ok && !blocked;
    },
    load,
    write,
    persist,
    refresh,
    notify,
    /** Calls fn(state) after every change, from this tab or another. */
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    /** Read, change, write: another tab may have written since we last looked. `change` may throw (nothing is written). */
    update(change) {
      load();
      state = change(state);
      write();
      notify();
      persist();
      return state;
    },
    /** Puts a whole state in place (an import); returns the one it replaced. */
    replace(next) {
      load();
      const before = state;
      state = next;
      write();
      notify();
      persist();
      return before;
    },
    /** Forgets everything stored under the key; returns the state it removed (for Undo). */
    clear() {
      load();
      const before = state;
      state = core.emptyState();
      if (!blocked && ls.ok) {
        ls.remove(KEY);
        lastRaw = null;
      }
      notify();
      return before;
    },
    /** Reads the stored state and keeps it in sync: other tabs, focus, a tab left open overnight. */
    start() {
      if (started) return;
      started = true;
      window.addEventListener('storage', (e) => {
        if (e.key === KEY || e.key === null) refresh();
      });
      window.addEventListener('focus', refresh);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') refresh();
      });
      window.addEventListener('pageshow', (e) => {
        if (e.persisted) refresh();
      });
      refresh();
      persist();
    },
  };
}

let store = null;

/** The page's store for `key` (made on first call; later calls return the same one). */
export function openStore(key) {
  if (!store) store = create(key);
  return store;
}
