// Loads the default theme's English table into i18n.js, as the data block does in a page, so the
// pure modules speak as on the default site. Import it first in a test file.
import { readFileSync } from 'node:fs';
import { setStrings } from '../../themes/default/static/js/i18n.js';

/** The subset of YAML the theme's tables use: nested `key:` groups and `key: "text"` lines. */
export function readTable(lang = 'en') {
  const text = readFileSync(new URL(`../../themes/default/i18n/${lang}.yaml`, import.meta.url), 'utf8');
  const root = {};
  const stack = [{ indent: -1, node: root }];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const m = /^([\w-]+):\s*(.*)$/.exec(line.trim());
    if (!m) throw new Error(`cannot read: ${line}`);
    while (stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1].node;
    if (m[2]) parent[m[1]] = JSON.parse(m[2]);
    else stack.push({ indent, node: (parent[m[1]] = {}) });
  }
  return root;
}

setStrings(readTable('en'), 'en');
