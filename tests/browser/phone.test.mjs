// Phones: no horizontal scrolling at 320 and 375 CSS px, and readable prose text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { overflowFacts } from './lib/layout.mjs';

const WIDTHS = [320, 375];
const KINDS = ['home', 'day', 'message'];
const MIN_FONT_PX = 16;

const env = useSite();

const phone = (width) => ({
  viewport: { width, height: 720 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
});

for (const width of WIDTHS) {
  for (const kind of KINDS) {
    test(`phone ${width}px: ${kind} has no horizontal scrolling`, async () => {
      const context = await env.b.newContext(phone(width));
      const page = await context.newPage();
      try {
        await page.goto(env.urls[kind]);
        const m = await page.evaluate(overflowFacts);
        const msg = `${env.urls[kind]} at ${width}px: ${show(m)}`;
        assert.equal(m.clientWidth, width, `the layout viewport is ${m.clientWidth}px, not ${width}px (meta viewport?)`);
        assert.ok(m.scrollWidth <= m.innerWidth, msg);
        assert.ok(m.scrollWidth <= width, msg);
        assert.deepEqual(m.wide, [], msg);
      } finally {
        await context.close();
      }
    });

    test(`phone ${width}px: ${kind} prose text is at least ${MIN_FONT_PX}px`, async () => {
      const context = await env.b.newContext(phone(width));
      const page = await context.newPage();
      try {
        await page.goto(env.urls[kind]);
        const r = await page.evaluate(() => {
          // Body copy: paragraphs, list items, quotes and cells in the prose and the message card.
          // Footnotes are secondary text and may be smaller.
          const sel = 'main :is(.prose, .message-body, .lead) :is(p, li, blockquote, td, th, dd, dt), main .lead';
          const els = [...document.querySelectorAll(sel)].filter(
            (el) => !el.closest('.footnote-definition, .footnotes') && el.textContent.trim() !== '' && el.getClientRects().length > 0,
          );
          return {
            checked: els.length,
            small: els
              .map((el) => ({
                el: `${el.localName}${el.className ? `.${el.className}` : ''}`,
                px: parseFloat(getComputedStyle(el).fontSize),
                text: el.textContent.trim().slice(0, 50),
              }))
              .filter((x) => x.px < 16),
          };
        });
        assert.ok(r.checked > 0, `no prose text found on ${env.urls[kind]}`);
        assert.deepEqual(r.small, [], `text smaller than ${MIN_FONT_PX}px on ${env.urls[kind]}:\n${show(r.small)}`);
      } finally {
        await context.close();
      }
    });
  }
}
