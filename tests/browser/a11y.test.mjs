// axe-core on one page of each kind, in light and dark colour schemes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS, summarize } from './lib/axe.mjs';
import { show } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';

const KINDS = ['home', 'day', 'myth', 'message', 'daysIndex', 'mythsIndex', 'messagesIndex', 'about', 'notFound'];

const env = useSite();
const backgrounds = new Map(); // kind -> body background in the light scheme


for (const scheme of ['light', 'dark']) {
  for (const kind of KINDS) {
    test(`axe (${TAGS.join(', ')}): ${kind} in ${scheme} scheme has no violations`, async () => {
      const context = await env.b.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        await page.emulateMedia({ colorScheme: scheme });
        const res = await page.goto(env.urls[kind]);
        assert.equal(res.status(), kind === 'notFound' ? 404 : 200, `${env.urls[kind]} status`);
        const matches = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        assert.equal(matches, scheme === 'dark', 'colour scheme emulation did not apply');
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        if (scheme === 'light') backgrounds.set(kind, bg);
        else if (backgrounds.has(kind)) {
          assert.notEqual(bg, backgrounds.get(kind), 'the dark scheme has the same page background as the light one');
        }
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        const v = summarize(results.violations);
        assert.deepEqual(v, [], `${env.urls[kind]} (${scheme}):\n${show(v)}`);
        // axe really looked: contrast was checked on this page (passed or needs review, not skipped).
        const ran = [...results.passes, ...results.incomplete].map((r) => r.id);
        assert.ok(ran.includes('color-contrast'), `axe did not check color-contrast on ${env.urls[kind]}`);
      } finally {
        await context.close();
      }
    });
  }
}
