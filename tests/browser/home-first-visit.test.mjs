// The home page's first visit (issue 14): one primary action that becomes "Continue with day N"
// once started, in the same place (nothing below it moves), and backups restored or imported
// through a file input drawn as a button that the keyboard reaches and opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './lib/fixture.mjs';
import { hook, withPage as withPageIn, seed, stateV2, addDays, pageToday, trackerData } from './lib/tracker.mjs';

const env = useSite({ discover: false });
const withPage = (opts, fn) => withPageIn(env, opts, fn);

/** The visible primary buttons and links in the hero, and where the hero's action row sits. */
async function hero(page) {
  return page.evaluate(() => {
    const shown = [...document.querySelectorAll('.hero .button-primary')].filter((el) => el.checkVisibility());
    const row = document.querySelector('.hero-actions').getBoundingClientRect();
    return { primary: shown.map((el) => ({ tag: el.localName, text: el.textContent.trim(), href: el.getAttribute('href') })), top: row.top, height: row.height };
  });
}

for (const width of [375, 1280]) {
  test(`${width} px: one primary action on a first visit, "Continue with day N" once started, in the same place`, async () => {
    await withPage({ viewport: { width, height: 800 } }, async (page) => {
      await page.goto(env.site.baseUrl);
      await hook(page, 'start').waitFor({ state: 'visible' });
      const first = await hero(page);
      assert.deepEqual(first.primary.map((p) => p.text), ['Start the challenge'], JSON.stringify(first));
      const intro = await page.locator('.hero-intro, .foreword').first().evaluate((el) => el.getBoundingClientRect().top);
      assert.ok(intro > first.top, 'the long intro comes after the action');

      await hook(page, 'start').click();
      await page.locator('[data-continue]').waitFor({ state: 'visible' });
      const after = await hero(page);
      assert.equal(after.primary.length, 1, JSON.stringify(after));
      assert.equal(after.primary[0].text, 'Continue with day 1');
      assert.equal(after.top, first.top, 'the action row moved');
      assert.equal(after.height, first.height, 'the action row changed height, moving what follows');
    });
  });
}

test('started three days ago: "Continue with day 3" leads to day 3; without JavaScript the link starts with day 1', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.site.baseUrl);
    const data = await trackerData(page);
    const today = await pageToday(page);
    await seed(page, env.site, { [data.key]: stateV2({ startedOn: addDays(today, -2) }) });
    await page.goto(env.site.baseUrl);
    const link = page.locator('[data-continue]');
    await link.waitFor({ state: 'visible' });
    assert.equal(await link.textContent(), 'Continue with day 3');
    assert.equal(new URL(await link.getAttribute('href'), env.site.origin).pathname, new URL(data.days[2].url, env.site.origin).pathname);
    assert.equal(await hook(page, 'start').isVisible(), false);
  });
  await withPage({ javaScriptEnabled: false }, async (page) => {
    await page.goto(env.site.baseUrl);
    const shown = await page.locator('.hero .button-primary:visible').allTextContents();
    assert.deepEqual(shown.map((s) => s.trim()), ['Start with day 1']);
  });
});

test('"Restore from a backup" is a styled button over a real file input: Tab reaches it, the focus ring shows on the button, Enter opens the file chooser', async () => {
  await withPage({}, async (page) => {
    await page.goto(env.site.baseUrl);
    const restore = hook(page, 'restore');
    await restore.waitFor({ state: 'visible' });
    const input = restore.locator('input[type="file"]');
    const label = restore.locator('label.button');
    assert.equal(await label.textContent(), 'Restore from a backup');
    assert.equal(await input.evaluate((el) => el.labels[0]?.textContent), 'Restore from a backup');
    const box = await label.boundingBox();
    assert.ok(box.height >= 24 && box.width >= 44, `the button is too small to tap: ${JSON.stringify(box)}`);
    assert.ok(await input.evaluate((el) => el.getBoundingClientRect().width <= 1), 'the bare file input is still drawn');

    // Listening turns on Chromium's file-chooser interception, a protocol call of its own:
    // started here, long before Enter, so under load the key cannot beat it (CI saw that once).
    const chooser = page.waitForEvent('filechooser', { timeout: 15000 });
    chooser.catch(() => {}); // an earlier failed assertion must not leave it unhandled
    await page.locator('body').focus();
    let reached = false;
    for (let i = 0; i < 40 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await input.evaluate((el) => document.activeElement === el);
    }
    assert.ok(reached, 'Tab never reaches the restore input');
    const outline = await label.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none', 'no focus ring on the button while its input has the focus');
    await page.keyboard.press('Enter');
    assert.ok(await chooser, 'Enter did not open the file chooser');
  });
});
