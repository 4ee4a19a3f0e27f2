// A long section's parts on a phone: the fixture long-sections-under-a-project-path with 120
// messages (3 parts of 50) under /reach-out/; the pager fits 320 and 375 CSS px without
// horizontal scrolling, and "Next" and "Previous" walk the parts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startSite, launch, show } from './lib/site.mjs';
import { overflowFacts } from './lib/layout.mjs';

let dir;
let site;
let b;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reachout-pager-'));
  await cp(path.join(REPO_ROOT, 'tests', 'fixtures', 'long-sections-under-a-project-path'), dir, { recursive: true });
  for (let n = 1; n <= 120; n++) {
    const name = `m-${String(n).padStart(3, '0')}.md`;
    await writeFile(
      path.join(dir, 'content', 'messages', name),
      `---\ntitle: "Message ${n}"\nsituation: "Case ${n}"\norder: ${n}\n---\n\nHi.\n`,
    );
  }
  site = await startSite({ root: dir });
  b = await launch({ origin: site.origin });
});

after(async () => {
  await b?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

for (const width of [320, 375]) {
  test(`phone ${width}px: a part of a long section has no horizontal scrolling`, async () => {
    const context = await b.newContext({ viewport: { width, height: 720 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await page.goto(`${site.baseUrl}messages/page/2/`);
      const m = await page.evaluate(overflowFacts);
      assert.equal(m.scrollWidth, width, `wider than ${width}px: ${show(m.wide)}`);
      assert.equal(await page.locator('.list-pager [aria-current="page"]').textContent(), '2');
    } finally {
      await context.close();
    }
  });
}

test('next and previous walk the parts under the base path', async () => {
  const context = await b.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.baseUrl}messages/`);
    await page.click('.list-pager a[rel="next"]');
    await page.waitForURL(`${site.baseUrl}messages/page/2/`);
    await page.click('.list-pager a[rel="next"]');
    await page.waitForURL(`${site.baseUrl}messages/page/3/`);
    assert.equal(await page.locator('.list-pager a[rel="next"]').count(), 0, 'the last part has no next');
    assert.equal(await page.locator('.message-item').count(), 20);
    await page.click('.list-pager a[rel="prev"]');
    await page.waitForURL(`${site.baseUrl}messages/page/2/`);
    assert.equal(await page.locator('.message-item').first().locator('.card-title').textContent(), 'Message 51');
  } finally {
    await context.close();
  }
});
