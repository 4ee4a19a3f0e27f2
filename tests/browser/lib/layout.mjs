// Layout facts measured inside the page, shared by the phone-width tests.

/**
 * Measures horizontal overflow of the current page, naming the deepest elements that stick
 * out past the edge. Runs inside the page: pass it to `page.evaluate`.
 */
export function overflowFacts() {
  const vw = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5)) {
      const inner = [...el.children].some((c) => {
        const cr = c.getBoundingClientRect();
        return cr.right > vw + 0.5 || cr.left < -0.5;
      });
      if (!inner) {
        const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        wide.push(`${el.localName}${cls} [${Math.round(r.left)}..${Math.round(r.right)}] "${(el.textContent || '').trim().slice(0, 40)}"`);
      }
    }
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    clientWidth: vw,
    wide: wide.slice(0, 10),
  };
}
