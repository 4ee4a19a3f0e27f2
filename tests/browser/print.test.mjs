// Printing a day: the checklist on paper, without the site navigation and footer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';

const env = useSite();

test('print: a day page hides the site nav and footer, keeps the title and checklist', async () => {
  const context = await env.b.newContext({ viewport: { width: 800, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(env.urls.day);
    // On screen both are shown: the print check below is not vacuous.
    assert.ok(await page.locator('header nav').first().isVisible(), 'site nav not visible on screen');
    assert.ok(await page.locator('body > footer, footer.site-footer').first().isVisible(), 'footer not visible on screen');

    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.evaluate(() => matchMedia('print').matches), true);
    const navs = page.locator('header nav');
    for (let i = 0; i < (await navs.count()); i += 1) {
      assert.equal(await navs.nth(i).isVisible(), false, `site nav #${i} is printed`);
    }
    const footers = page.locator('footer');
    for (let i = 0; i < (await footers.count()); i += 1) {
      assert.equal(await footers.nth(i).isVisible(), false, `footer #${i} is printed`);
    }
    assert.ok(await page.locator('h1').isVisible(), 'the title is not printed');
    const tasks = page.locator('li.task[data-task-id]');
    assert.ok((await tasks.count()) > 0, 'no checklist on the day page');
    for (let i = 0; i < (await tasks.count()); i += 1) {
      assert.ok(await tasks.nth(i).isVisible(), `task #${i} is not printed`);
    }
    // And it really prints (a PDF with at least one page).
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === '%PDF-', 'no PDF');
  } finally {
    await context.close();
  }
  assert.deepEqual(env.b.events.console, [], show(env.b.events.console));
});
