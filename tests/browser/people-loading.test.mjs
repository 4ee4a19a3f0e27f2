// What the people page fetches, and when (docs/tracker.md, "Every page"): a first visit loads
// neither the cards, the add/edit dialog, the calendar download nor "Your data"'s backup code;
// each is fetched on the visitor's first use and works on that first use, even when it is slow
// to arrive. Each test has its own browser context (empty storage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { show } from './lib/site.mjs';
import { eventually, hook } from './lib/tracker.mjs';
import { usePeopleSite, ph, openPeople, openedDialog, storedPeople, person, seedV2, text } from './lib/people.mjs';

const site = usePeopleSite();
const { env } = site;


const { withPage } = site;
const LAZY = ['people-card.js', 'people-form.js', 'people-calendar.js', 'ics.js', 'backup.js', 'backup-core.js'];
const DELAY = 600; // ms: every lazy module arrives late, like on a slow connection

/** Records the scripts the page requests and delays the lazy ones; returns the list of names. */
async function watchScripts(page) {
  const fetched = [];
  page.on('request', (req) => {
    const m = /\/js\/([\w-]+\.js)$/.exec(new URL(req.url()).pathname);
    if (m) fetched.push(m[1]);
  });
  await page.route(/\/js\/[\w-]+\.js$/, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (LAZY.includes(name)) await new Promise((r) => setTimeout(r, DELAY));
    await route.continue();
  });
  return fetched;
}

test('a first visit fetches none of the lazy modules; each comes on its first use and works on that first click', async () => {
  const mark = { errors: env.b.events.pageErrors.length, console: env.b.events.console.length, csp: env.b.events.csp.length };
  await withPage({ acceptDownloads: true }, async (page) => {
    const fetched = await watchScripts(page);
    await openPeople(page, site.people);
    await page.waitForLoadState('networkidle');
    const preloaded = await page.$$eval('link[rel="modulepreload"]', (ls) => ls.map((l) => l.getAttribute('href').split('/').pop()));
    assert.deepEqual(preloaded.filter((n) => LAZY.includes(n)), [], `lazy modules preloaded: ${show(preloaded)}`);
    assert.deepEqual(fetched.filter((n) => LAZY.includes(n)), [], `lazy modules fetched on a first visit: ${show(fetched)}`);
    assert.ok(fetched.includes('people.js') && fetched.includes('tracker.js'), `the page's own scripts: ${show(fetched)}`);

    // "Add a person": the dialog opens once its script is here, with the focus in the name field.
    const add = ph(page, 'add');
    await add.click();
    const dialog = await openedDialog(page);
    assert.ok(fetched.includes('people-form.js') && fetched.includes('people-card.js'), `after "Add a person": ${show(fetched)}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'person-name', 'the name field does not have the focus');
    await ph(page, 'save').click();
    const error = ph(page, 'name-error');
    await eventually(async () => assert.match(await text(error), /name/i, 'no error for an empty name'));
    assert.equal(await error.getAttribute('role'), 'alert');
    await dialog.getByLabel(/^Name/).fill('Ana Lima');
    await ph(page, 'save').click();
    await eventually(async () => assert.equal(await dialog.evaluate((d) => d.open), false, 'the dialog stayed open'));
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.people), 'add', 'the focus did not go back to "Add a person"');
    await eventually(async () => assert.equal(await ph(page, 'list').locator(':scope > li').count(), 1, 'no card for the person added'));
    assert.equal((await storedPeople(page, site.key)).length, 1);

    // A try gives Ana a next date, so the calendar file has an event.
    await ph(page, 'list').locator('[data-action="attempt"]').first().click();
    // The calendar download works on the first click, while its script is still on its way.
    assert.ok(!fetched.includes('people-calendar.js'), 'people-calendar.js fetched before the calendar form was used');
    const [download] = await Promise.all([page.waitForEvent('download'), ph(page, 'ics-download').click()]);
    assert.match(download.suggestedFilename(), /\.ics$/);
    assert.ok(fetched.includes('people-calendar.js') && fetched.includes('ics.js'), `after the download: ${show(fetched)}`);

    // "Save a backup" works on the first click too.
    assert.ok(!fetched.includes('backup.js'), 'backup.js fetched before "Your data" was used');
    const [backup] = await Promise.all([page.waitForEvent('download'), hook(page, 'export').click()]);
    assert.match(backup.suggestedFilename(), /^reachout-backup-.*\.json$/);
    assert.ok(fetched.includes('backup.js') && fetched.includes('backup-core.js'), `after "Save a backup": ${show(fetched)}`);
  });
  assert.deepEqual(env.b.events.pageErrors.slice(mark.errors), [], show(env.b.events.pageErrors));
  assert.deepEqual(env.b.events.console.slice(mark.console), [], show(env.b.events.console));
  assert.deepEqual(env.b.events.csp.slice(mark.csp), [], show(env.b.events.csp));
});

test('a visitor with people: the page shows their cards as soon as it is shown, even when the cards\' script is slow', async () => {
  await withPage({}, async (page) => {
    const fetched = await watchScripts(page);
    await seedV2(page, env.site, site.key, { people: [person({ name: 'Ben Okafor' }), person({ name: 'Cara New' })] });
    await page.goto(site.people);
    // The app is hidden until the first render, which waits for the cards.
    await ph(page, 'app').waitFor({ state: 'visible' });
    assert.equal(await ph(page, 'list').locator(':scope > li').count(), 2, 'the app was shown before the cards');
    assert.ok(fetched.includes('people-card.js'));
    assert.ok(!fetched.includes('people-form.js') && !fetched.includes('people-calendar.js'), `fetched up front: ${show(fetched)}`);
  });
});
