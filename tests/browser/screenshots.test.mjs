// Screenshots for a human to look at (tests/browser/screenshots/, git-ignored).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { startSite, launch, show, SCREENSHOT_DIR } from './lib/site.mjs';
import { discover } from './lib/crawl.mjs';

const SHOTS = [
  { width: 375, scheme: 'light', mobile: true },
  { width: 1280, scheme: 'dark', mobile: false },
];

let site;
let b;
let urls;

before(async () => {
  site = await startSite();
  b = await launch({ origin: site.origin });
  urls = await discover(site, b);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
});

after(async () => {
  await b?.close();
  await site?.close();
});

for (const kind of ['home', 'day']) {
  for (const s of SHOTS) {
    const name = `${kind === 'day' ? 'day-1' : kind}-${s.width}-${s.scheme}.png`;
    test(`screenshot ${name}`, async () => {
      const context = await b.newContext({
        viewport: { width: s.width, height: s.mobile ? 800 : 900 },
        isMobile: s.mobile,
        hasTouch: s.mobile,
        deviceScaleFactor: 1,
        colorScheme: s.scheme,
      });
      const page = await context.newPage();
      try {
        await page.emulateMedia({ colorScheme: s.scheme });
        const url = kind === 'day' ? site.url('days/day-1/') : urls.home;
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
  assert.deepEqual(b.events.console, [], show(b.events.console));
  assert.deepEqual(b.events.external, [], show(b.events.external));
});
