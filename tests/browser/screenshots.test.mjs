// Screenshots for a human to look at (tests/browser/screenshots/, git-ignored).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { show, SCREENSHOT_DIR } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';

const SHOTS = [
  { width: 375, scheme: 'light', mobile: true },
  { width: 1280, scheme: 'dark', mobile: false },
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
