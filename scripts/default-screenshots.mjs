#!/usr/bin/env node
// Screenshots of the default site for a human to look at (tests/browser/screenshots/,
// git-ignored): home and day 1 at 375 px light and 1280 px dark. Not a test: it asserts only
// that each page loaded, so it lives here rather than in tests/browser.
//
// Usage: REACHOUT_BIN=target/release/reachout node --test scripts/default-screenshots.mjs
// (from the repository root, after `npm ci` in tests/browser). docs/src/images/home.png is
// the 1280 px light shot of home.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { show, SCREENSHOT_DIR } from '../tests/browser/lib/site.mjs';
import { useSite } from '../tests/browser/lib/fixture.mjs';

const DOCS_IMAGE = new URL('../docs/src/images/home.png', import.meta.url).pathname;

const SHOTS = [
  { width: 375, scheme: 'light', mobile: true },
  { width: 1280, scheme: 'dark', mobile: false },
  { width: 1280, scheme: 'light', mobile: false },
];

const env = useSite();

before(async () => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

for (const kind of ['home', 'day']) {
  for (const s of SHOTS) {
    const name = `${kind === 'day' ? 'day-1' : kind}-${s.width}-${s.scheme}.png`;
    test(`screenshot ${name}`, async () => {
      const context = await env.b.newContext({
        viewport: { width: s.width, height: s.mobile ? 800 : 900 },
        isMobile: s.mobile,
        hasTouch: s.mobile,
        deviceScaleFactor: 1,
        colorScheme: s.scheme,
      });
      const page = await context.newPage();
      try {
        await page.emulateMedia({ colorScheme: s.scheme });
        const url = kind === 'day' ? env.site.url('days/day-1/') : env.urls.home;
        const res = await page.goto(url);
        assert.equal(res.status(), 200);
        const file = path.join(SCREENSHOT_DIR, name);
        await page.screenshot({ path: file, fullPage: true });
        if (kind === 'home' && s.width === 1280 && s.scheme === 'light') {
          // The README's picture: the first screen only.
          await page.screenshot({ path: DOCS_IMAGE, fullPage: false });
        }
        assert.ok((await stat(file)).size > 1000, `${file} is empty`);
      } finally {
        await context.close();
      }
    });
  }
}

test('screenshots caused no console errors or off-site requests', () => {
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
  assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
});
