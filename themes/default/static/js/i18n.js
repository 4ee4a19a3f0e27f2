// The visitor-facing words of the theme's scripts. The generator writes the site's table (the
// tracker, people, composer, calendar and backup groups of themes/*/i18n/LANG.yaml, with
// site.yaml's `strings:` applied): the words a page's first paint needs into the page, all the
// tracker and backup words into the data file; tracker.js hands them over with setStrings.
// Pure: no DOM, so the other pure modules can use it under node (tests pass the English table).

let table = {};
let lang = 'en';
let rules = null;

/** Sets the table and language every later t() call reads. */
export function setStrings(strings, language) {
  table = strings && typeof strings === 'object' ? strings : {};
  lang = language || 'en';
  try {
    rules = new Intl.PluralRules(lang);
  } catch {
    rules = new Intl.PluralRules('en');
  }
}

/** Has the table a text (or plural) at dotted `key`? Words a page does not inline come later. */
export function has(key) {
  return key.split('.').reduce((node, k) => (node && typeof node === 'object' ? node[k] : undefined), table) !== undefined;
}

/** `extra`'s words over `base`'s, group by group (a page's block adds keys to a group, not replaces it). */
export function mergeStrings(base, extra) {
  const out = { ...(base && typeof base === 'object' ? base : {}) };
  if (!extra || typeof extra !== 'object') return out;
  for (const [k, v] of Object.entries(extra)) {
    const isGroup = v && typeof v === 'object' && out[k] && typeof out[k] === 'object';
    out[k] = isGroup ? mergeStrings(out[k], v) : v;
  }
  return out;
}

/** The page's language, for Intl formatters. */
export const language = () => lang;

/**
 * The text at dotted `key`, with `{name}` replaced from `vars`. A plural (a map of Intl.PluralRules
 * categories) picks its form by `vars.count`. A missing key shows the key itself, so it is seen.
 */
export function t(key, vars = {}) {
  let v = key.split('.').reduce((node, k) => (node && typeof node === 'object' ? node[k] : undefined), table);
  if (v && typeof v === 'object') {
    const n = Number(vars.count) || 0;
    v = v[(rules || new Intl.PluralRules('en')).select(n)] ?? v.other;
  }
  if (typeof v !== 'string') return key;
  return v.replace(/\{([\w-]+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Like t(), but a var may be a DOM node: returns the pieces to append, text as strings. */
export function pieces(key, vars = {}) {
  const text = {};
  for (const [k, v] of Object.entries(vars)) if (typeof v !== 'object') text[k] = v;
  return t(key, text).split(/(\{[\w-]+\})/).filter(Boolean).map((s) => {
    const name = s.slice(1, -1);
    return s[0] === '{' && vars[name] && typeof vars[name] === 'object' ? vars[name] : s;
  });
}
