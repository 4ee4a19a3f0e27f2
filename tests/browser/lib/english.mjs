// Finding English on a page that should speak another language: the English table's texts
// that the other table does not share, and what a visitor sees or hears on a page.
import { readTable } from '../../tracker/strings.mjs';

/** Every text of a table as a flat list of [dotted key, text] (each plural form on its own). */
export function texts(table, prefix = '', out = []) {
  for (const [k, v] of Object.entries(table)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.push([key, v]);
    else texts(v, key, out);
  }
  return out;
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** True when `word` stands as a word (not inside a longer one) in `text`. */
export const wordIn = (word, text) => new RegExp(`(^|[^\\p{L}])${escape(word)}($|[^\\p{L}])`, 'u').test(text);

/**
 * The English words that must not show on a page in `lang`: each English text cut at its
 * placeholders, where that language's text of the key differs and none of its texts uses the
 * same words (LinkedIn, Error 404 and the like are the same in both). The switcher's own
 * "English" is left out: it names the other language, in that language.
 */
export function englishFragments(lang = 'es') {
  const other = new Map(texts(readTable(lang)));
  const all = [...other.values()].join('\n');
  const out = new Set();
  for (const [key, value] of texts(readTable('en'))) {
    if (other.get(key) === value || key === 'nav.this_language') continue;
    for (const part of value.split(/\{[\w-]+\}/)) {
      const frag = part.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (frag.length >= 4 && !wordIn(frag, all)) out.add(frag);
    }
  }
  return [...out];
}

/** What a visitor sees or hears: the rendered text plus labels, titles and alt texts. */
export const visible = (page) => page.evaluate(() => [
  document.body.innerText,
  ...[...document.querySelectorAll('[aria-label], [title], [alt], [placeholder]')]
    .flatMap((e) => ['aria-label', 'title', 'alt', 'placeholder'].map((a) => e.getAttribute(a)).filter(Boolean)),
].join('\n'));

/** A month's name in Spanish, and in English (which a Spanish page must not show). */
export const MONTHS_ES = /\b(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b/;
export const MONTHS_EN = /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b/;
