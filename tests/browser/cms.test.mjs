// The browser editor (issue 18): the admin page served by `reachout serve`, Sveltia CMS taken
// from the pinned npm package (the CDN address is answered from node_modules: no network), in
// its local repository mode with Chromium's Origin Private File System standing in for the
// folder the coach would pick (lib/cms.mjs). What the issue asks a coach to be able to do:
// change a day (and a message's channel), add a message, change the accent colour; and a
// two-language site's settings saved without losing the keys the form does not show. Each
// time the saved files are copied back into the site and the next build must show the change.
// Screenshots go to /tmp/reachout-cms/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, launch, show, REPO_ROOT } from './lib/site.mjs';
import { copySite, startServe } from './lib/serve.mjs';
import {
  allowedExternal,
  createEntry,
  frontMatter,
  go,
  isFont,
  listSaved,
  openEditor,
  openObject,
  readSaved,
  sveltiaVersion,
  waitForFile,
} from './lib/cms.mjs';

const SHOTS = '/tmp/reachout-cms';
const DAY = 'content/days/day-1.md';
const MESSAGE = 'content/messages/ask-for-advice.md';
const NEW_TITLE = 'Why reach out, and to whom: edited in the browser';
const SAVE = { name: 'Save', exact: true };

let site;
let server;
let b;
let version;

before(async () => {
  version = await sveltiaVersion();
  await mkdir(SHOTS, { recursive: true });
  site = await copySite(REPO_ROOT);
  server = await startServe({ root: site.root });
  b = await launch({ origin: server.origin });
});

after(async () => {
  await b?.close();
  if (server) await server.stop();
  await site?.cleanup();
});

/** The editor on the default site (a fresh context: its own OPFS copy of the site). */
const editor = (screen) => openEditor(b, { url: server.url, root: site.root, version, screen });

/** Writes `saved` ({ path: text }) into the site at `root`, builds it, runs `check(out)`. */
async function buildWith(root, saved, check) {
  for (const [p, text] of Object.entries(saved)) await writeFile(path.join(root, p), text);
  const out = await mkdtemp(path.join(tmpdir(), 'reachout-cms-out-'));
  try {
    await buildSite({ root, out, baseUrl: '/' });
    await check((...p) => readFile(path.join(out, ...p), 'utf8'));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** No CSP violation, no page error, and no request off the origin but those answered. */
function assertClean(b) {
  assert.deepEqual(b.events.csp, [], `CSP violations:\n${show(b.events.csp)}`);
  assert.deepEqual(b.events.pageErrors, [], show(b.events.pageErrors));
  const allowed = allowedExternal(version);
  const unexpected = b.events.external.filter((r) => !allowed.includes(r.url) && !isFont(r.url));
  assert.deepEqual(unexpected, [], show(unexpected));
}

test('the admin page pins the npm package version it was tested with', async () => {
  const res = await fetch(new URL('admin/', server.url));
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, new RegExp(`@sveltia/cms@${version.replaceAll('.', '\\.')}/dist/sveltia-cms\\.js`));
  assert.match(html, /<meta name="robots" content="noindex/);
  assert.doesNotMatch(html, /__reachout\/live\.js/, 'live reload would drop an unsaved form');
  const config = await fetch(new URL('admin/config.yml', server.url));
  assert.equal(config.status, 200);
});

test('local mode: list days, myths and messages, edit a day and a message, save, build', async () => {
  const { context, page, files } = await editor();
  const nav = page.getByRole('navigation').or(page.locator('body'));
  for (const name of ['Days', 'Myths', 'Messages', 'Pages', 'Site settings']) {
    await nav.getByText(name, { exact: true }).first().waitFor({ timeout: 15000 });
  }
  await page.getByText('Day 7: Keep it going').waitFor();
  // Each folder's _index.md is the index file, not a day without a number.
  assert.equal(await page.getByText(/Day NaN/).count(), 0);
  await page.screenshot({ path: path.join(SHOTS, 'admin-days.png') });

  await go(page, 'collections/myths');
  await page.getByText("They'll think I want something", { exact: true }).first().waitFor();
  await go(page, 'collections/messages');
  await page.getByText('Asking for advice', { exact: true }).first().waitFor();
  await page.waitForTimeout(400); // the view's fade-in, for the screenshot
  await page.screenshot({ path: path.join(SHOTS, 'admin-messages.png') });

  // A day's title.
  await go(page, 'collections/days/entries/day-1');
  const title = page.getByRole('textbox', { name: /^Title/ });
  await title.fill(NEW_TITLE);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, 'admin-day-editor.png') });
  await page.getByRole('button', SAVE).click();
  await waitForFile(page, DAY, NEW_TITLE);

  // A message's channel.
  await go(page, 'collections/messages/entries/ask-for-advice');
  await page.getByRole('combobox', { name: /^Channel/ }).click();
  await page.getByRole('option', { name: 'email', exact: true }).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, 'admin-message-editor.png') });
  await page.getByRole('button', SAVE).click();
  await waitForFile(page, MESSAGE, 'channel: "email"');

  // The settings form: site.yaml keeps the keys the form does not show.
  await go(page, 'collections/site/entries/site');
  await page.getByRole('textbox', { name: /^Site title/ }).fill('Reach Out, edited');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, 'admin-settings.png') });
  await page.getByRole('button', SAVE).click();
  await waitForFile(page, 'site.yaml', 'Reach Out, edited');
  const saved = await readSaved(page, [DAY, MESSAGE, 'site.yaml']);

  // What changed is the two edits, and `draft: false` (the editor writes a switch's value;
  // the build reads it as "published"): no field dropped or renamed, the body unchanged.
  const before = Object.fromEntries(files.map((f) => [f.path, f.text]));
  const diff = (p) => {
    const [a, c] = [frontMatter(before[p]), frontMatter(saved[p])];
    assert.equal(c.body.trim(), a.body.trim(), `${p}: the body changed`);
    const keys = [...new Set([...Object.keys(a.data), ...Object.keys(c.data)])];
    return Object.fromEntries(
      keys.filter((k) => JSON.stringify(a.data[k]) !== JSON.stringify(c.data[k])).map((k) => [k, [a.data[k], c.data[k]]]),
    );
  };
  assert.deepEqual(diff(DAY), { title: ['Why reach out, and to whom', NEW_TITLE], draft: [undefined, false] }, saved[DAY]);
  assert.deepEqual(diff(MESSAGE), { channel: ['linkedin', 'email'], draft: [undefined, false] }, saved[MESSAGE]);
  // Strings are quoted, so a title with `: ` in it stays one string.
  assert.match(saved[DAY], /^title: "Why reach out, and to whom: edited in the browser"$/m);

  const yaml = saved['site.yaml'];
  for (const kept of ['url: "@/days/_index.md"', 'short_name: "Reach Out"', 'list_size: 20', 'theme: "default"']) {
    assert.ok(yaml.includes(kept), `site.yaml lost ${kept}:\n${yaml}`);
  }
  assert.match(yaml, /cms:\n\s+enabled: true/, yaml);

  await buildWith(site.root, saved, async (read) => {
    assert.match(await read('days', 'day-1', 'index.html'), /edited in the browser/);
    assert.match(await read('messages', 'ask-for-advice', 'index.html'), /badge badge-email/);
    assert.match(await read('index.html'), /Reach Out, edited/);
  });
  assertClean(b);
  await context.close();
});

test('add a message through the form: a file the build takes, a page with its channel', async () => {
  // Tall enough that the whole form is in the screenshot.
  const { context, page } = await editor({ width: 1280, height: 1500 });
  const title = "Merci: a thank-you after coffee, café's best";
  await go(page, 'collections/messages');
  await page.getByText('Asking for advice', { exact: true }).first().waitFor();
  await createEntry(page);
  await page.getByRole('textbox', { name: /^Title/ }).fill(title);
  await page.getByRole('textbox', { name: /^Situation/ }).fill('After a coffee with an old colleague');
  await page.getByRole('combobox', { name: /^Channel/ }).click();
  await page.getByRole('option', { name: 'text', exact: true }).click();
  await page.getByRole('combobox', { name: /^Step/ }).click();
  await page.getByRole('option', { name: 'thank-you', exact: true }).click();
  // Tags are a list: one box per tag.
  await page.getByRole('textbox', { name: 'Item Value' }).fill('thanks');
  await page.getByRole('button', { name: /^Add .Tags.$/ }).click();
  await page.getByRole('textbox', { name: 'Item Value' }).nth(1).fill('coffee');
  await page.getByRole('textbox', { name: /^Text/ }).click();
  await page.keyboard.type('Hi {name}, thank you for the coffee on {day}. It was good to catch up.');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, 'admin-new-message.png') });
  const existing = await listSaved(page, 'content/messages');
  await page.getByRole('button', SAVE).click();

  // The file name comes from the title: ASCII, lowercase, hyphens (the build refuses others).
  const file = 'content/messages/merci-a-thank-you-after-coffee-cafe-s-best.md';
  const saved = { [file]: await waitForFile(page, file, 'thank you for the coffee') };
  // One file added, under its final name (no temporary file of the editor's left behind).
  const added = (await listSaved(page, 'content/messages')).filter((f) => !existing.includes(f));
  assert.deepEqual(added, [path.basename(file)]);
  const { data, body } = frontMatter(saved[file]);
  assert.deepEqual(data, {
    title,
    situation: 'After a coffee with an old colleague',
    channel: 'text',
    step: 'thank-you',
    tags: ['thanks', 'coffee'],
    draft: false,
  }, saved[file]);
  assert.equal(body.trim(), 'Hi {name}, thank you for the coffee on {day}. It was good to catch up.');

  await buildWith(site.root, saved, async (read) => {
    const html = await read('messages', path.basename(file, '.md'), 'index.html');
    assert.match(html, /<h1 id=page-title>Merci: a thank-you after coffee, café's best/);
    assert.match(html, /badge badge-text">Text message</);
    // The blanks are blanks the visitor fills in.
    assert.match(html, /class=blank data-blank=name>name</);
    assert.match(html, /class=blank data-blank=day>day</);
    assert.match(await read('messages', 'index.html'), /merci-a-thank-you-after-coffee-cafe-s-best/);
  });
  await rm(path.join(site.root, file));
  assertClean(b);
  await context.close();
});

test("change the accent colour: site.yaml takes #rrggbb only, the theme's CSS uses it", async () => {
  const { context, page } = await editor({ width: 1280, height: 1000 });
  const accentBox = async () => {
    // After a save the settings form stays open and redraws: leave it, so it opens afresh.
    await go(page, 'collections/days');
    await page.getByText('Day 7: Keep it going').waitFor();
    await go(page, 'collections/site/entries/site');
    const brand = await openObject(page, 'Brand');
    const colours = await openObject(brand, 'Colours');
    const accent = colours.getByRole('group', { name: /Accent colour/ }).first();
    // The picker, and the text box allowInput adds for a pasted hex code.
    return { accent, box: accent.locator('input:not([type=color])') };
  };
  const save = async (marker) => {
    // The title marks each save, so the test can wait for it.
    await page.getByRole('textbox', { name: /^Site title/ }).fill(`Reach Out, ${marker}`);
    await page.getByRole('button', SAVE).click();
    return waitForFile(page, 'site.yaml', `Reach Out, ${marker}`);
  };

  // A see-through colour (the build refuses it) is not saved: the field stays empty.
  const { box } = await accentBox();
  await box.fill('#1d6f4280');
  let yaml = await save('alpha');
  assert.doesNotMatch(yaml, /accent|#1d6f42/i, yaml);

  const field = await accentBox();
  await field.box.fill('#1D6F42');
  await field.accent.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS, 'admin-accent.png') });
  assert.equal(await field.accent.locator('input[type=color]').inputValue(), '#1d6f42');
  yaml = await save('green');
  assert.match(yaml, /^brand:\n {2}colors:\n {4}accent: "#1D6F42"\n/m, yaml);
  // The other colours' pickers show black when empty; none of that is written.
  assert.doesNotMatch(yaml, /background:|text:|#000000/, yaml);

  await buildWith(site.root, { 'site.yaml': yaml }, async (read) => {
    // The light scheme's rules (those not inside the dark scheme's @media): the theme's own
    // accent first, then the brand's (lowercased), which wins.
    const css = await read('css', 'vars.css');
    const accents = [...css.matchAll(/(?:^|\}):root\{[^}]*?--accent:(#[0-9a-f]{6})/g)].map((m) => m[1]);
    assert.deepEqual(accents, ['#0e6b6b', '#1d6f42'], css);
    assert.match(await read('index.html'), /Reach Out, green/);
  });
  assertClean(b);
  await context.close();
});

test('a two-language site: a settings save keeps languages, strings and the build defaults', async () => {
  const two = await copySite(path.join(REPO_ROOT, 'tests', 'fixtures', 'two-languages'));
  const original = await readFile(path.join(two.root, 'site.yaml'), 'utf8');
  // Keys the form keeps but does not show; no `minify:`, which the build takes as on.
  assert.doesNotMatch(original, /minify/);
  await writeFile(
    path.join(two.root, 'site.yaml'),
    `${original}strings: { tracker.start: "Let's go" }\ncms:\n  enabled: true\n`,
  );
  const serve = await startServe({ root: two.root });
  // Its own browser: `launch` blocks every origin but the one it is given.
  const b2 = await launch({ origin: serve.origin });
  try {
    const { page } = await openEditor(b2, { url: serve.url, root: two.root, version });
    await go(page, 'collections/site/entries/site');
    await page.getByRole('textbox', { name: /^Site title/ }).fill('Reconnect in a week, edited');
    assert.equal(await page.getByRole('switch', { name: 'Minify' }).isChecked(), true);
    await page.getByRole('button', SAVE).click();
    const yaml = await waitForFile(page, 'site.yaml', 'Reconnect in a week, edited');
    assert.match(yaml, /^languages:\n {2}es:\n/m, yaml);
    assert.match(yaml, /title: "Reconecta en una semana"/, yaml);
    // `tracker.start` is written as a nested key, which the build reads the same way.
    assert.match(yaml, /^strings:\n {2}tracker:\n {4}start: "Let's go"$/m, yaml);
    assert.match(yaml, /^minify: true$/m, yaml);
    await buildWith(two.root, { 'site.yaml': yaml }, async (read) => {
      const home = await read('index.html');
      assert.match(home, /Reconnect in a week, edited/);
      assert.match(home, /Let(&#x27;|&#39;|')s go/);
      assert.match(await read('es', 'index.html'), /<title>Reconecta en una semana/);
    });
    assertClean(b2);
  } finally {
    await b2.close();
    await serve.stop();
    await two.cleanup();
  }
});
