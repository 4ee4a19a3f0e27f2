// Small DOM helpers shared by the theme's scripts; text only ever goes in through textContent.

export const doc = document;
export const $$ = (sel, root = doc) => [...root.querySelectorAll(sel)];

export function make(tag, cls, text) {
  const el = doc.createElement(tag);
  if (cls) el.className = cls;
  if (text) el.textContent = text;
  return el;
}

let uid = 0;
/** An id not yet used on the page, so labels never point at the wrong control. */
export function freeId(base) {
  let id = base;
  while (doc.getElementById(id)) id = `${base}-${(uid += 1)}`;
  return id;
}

/** The parts a hook is built from, made once (so focus survives re-rendering). */
const built = new WeakMap();
export function parts(el, build) {
  if (!built.has(el)) built.set(el, build(el));
  return built.get(el);
}

export function button(label, onClick, cls = 'button button-small') {
  const b = make('button', cls, label);
  b.type = 'button';
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** Says `text` through the page's polite live region ([data-tracker=live]). */
export function announce(text) {
  const live = doc.querySelector('[data-tracker="live"]');
  // The same text twice in a row is not read again unless it changes.
  if (live) live.textContent = live.textContent === text ? `${text}\u00a0` : text;
}

export function download(text, name, type) {
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
