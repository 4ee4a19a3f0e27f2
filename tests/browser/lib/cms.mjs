// Helpers for the browser editor's tests (cms.test.mjs): Sveltia CMS answered from the pinned
// npm package instead of the CDN (no network), and its local repository mode pointed at a copy
// of the site in Chromium's Origin Private File System (OPFS) instead of a folder the coach
// picks. The copy is read back from OPFS to see exactly what the editor saved.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { BROWSER_DIR } from './site.mjs';

export const PACKAGE = path.join(BROWSER_DIR, 'node_modules', '@sveltia', 'cms');

/** The version of the npm package, which the admin page must pin. */
export async function sveltiaVersion() {
  return JSON.parse(await readFile(path.join(PACKAGE, 'package.json'), 'utf8')).version;
}

/** Every file of the site folder as { path, text }, paths with `/`. */
export async function siteFiles(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await siteFiles(path.join(dir, entry.name), r)));
    else out.push({ path: r, text: await readFile(path.join(dir, entry.name), 'utf8') });
  }
  return out;
}

/** The requests off the origin the admin page makes, all answered by `routeCdn`. */
export function allowedExternal(version) {
  return [
    `https://unpkg.com/@sveltia/cms@${version}/dist/sveltia-cms.js`,
    'https://unpkg.com/@sveltia/cms/package.json',
    'https://www.githubstatus.com/api/v2/status.json',
  ];
}

/** Whether `url` is one of the editor's fonts (answered from the package too). */
export const isFont = (url) => url.startsWith('https://cdn.jsdelivr.net/fontsource/fonts/');

/** Answers the CDN's requests from the npm package, as the CDN would (CORS for SRI). */
export async function routeCdn(context, version) {
  const cors = { 'access-control-allow-origin': '*' };
  const bundle = await readFile(path.join(PACKAGE, 'dist', 'sveltia-cms.js'));
  await context.route(`https://unpkg.com/@sveltia/cms@${version}/dist/sveltia-cms.js`, (route) =>
    route.fulfill({ body: bundle, contentType: 'text/javascript', headers: cors }),
  );
  await context.route('https://unpkg.com/@sveltia/cms/package.json', async (route) =>
    route.fulfill({ body: await readFile(path.join(PACKAGE, 'package.json')), contentType: 'application/json', headers: cors }),
  );
  // The editor's fonts (its icons are one) ship in the package too.
  const assets = path.join(PACKAGE, 'npm', 'assets');
  const fonts = (await readdir(assets)).filter((f) => f.endsWith('.woff2'));
  await context.route(/^https:\/\/cdn\.jsdelivr\.net\/fontsource\/fonts\//, async (route) => {
    const family = new URL(route.request().url()).pathname.split('/')[3].split(/[:@]/)[0];
    const file = fonts.find((f) => f.startsWith(`${family}-`));
    if (!file) return route.abort();
    return route.fulfill({ body: await readFile(path.join(assets, file)), contentType: 'font/woff2', headers: cors });
  });
  await context.route('https://www.githubstatus.com/api/v2/status.json', (route) =>
    route.fulfill({ body: '{"status":{"indicator":"none"}}', contentType: 'application/json', headers: cors }),
  );
}

/**
 * A new browser context whose folder picker returns OPFS's `site` folder, holding a copy of
 * the site at `root` (with an empty `.git`, which the editor looks for); then the admin page
 * at `url`, signed in to local mode. Returns { context, page, files } (`files`: the copy).
 */
export async function openEditor(b, { url, root, version, screen = { width: 1280, height: 800 } }) {
  const context = await b.newContext({ viewport: screen });
  await routeCdn(context, version);
  await context.addInitScript(() => {
    window.showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
  });
  const page = await context.newPage();
  // A file of the origin without `reachout serve`'s live reload: a rebuild (another test
  // writing into the site) would reload a page mid-copy.
  await page.goto(new URL('admin/config.yml', url).href);
  const files = await siteFiles(root);
  await page.evaluate(async (list) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site', { create: true });
    await root.getDirectoryHandle('.git', { create: true });
    for (const file of list) {
      const parts = file.path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
      const writable = await (await dir.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writable.write(file.text);
      await writable.close();
    }
  }, files);
  b.reset();
  await page.goto(new URL('admin/', url).href);
  await page.getByRole('button', { name: /local repository/i }).click();
  await page.getByText('Site settings', { exact: true }).first().waitFor({ timeout: 15000 });
  return { context, page, files };
}

/**
 * Opens the collapsed object field labelled `label` inside `scope` (a page or an open object
 * field), ticking its "Add" box when the file has no such key yet, and returns the field.
 * The editor draws a field only once it is scrolled into view, and a click before the form
 * has finished drawing does nothing: so scroll and click until it is open.
 */
export async function openObject(scope, label) {
  const isPage = typeof scope.page !== 'function';
  const page = isPage ? scope : scope.page();
  const field = scope.getByRole('group', { name: `“\u2068${label}\u2069” Field` });
  const add = field.getByRole('checkbox', { name: new RegExp(`^Add .${label}.$`) }).first();
  const expand = field.getByRole('button', { name: 'Expand' }).first();
  const collapse = field.getByRole('button', { name: 'Collapse' }).first();
  for (let i = 0; i < 40 && !(await collapse.isVisible()); i++) {
    if (!(await field.count())) {
      if (!isPage) await scope.evaluate((e) => e.scrollIntoView({ block: 'end' }));
    } else {
      await field.scrollIntoViewIfNeeded();
      if ((await add.count()) && !(await add.isChecked())) await add.check();
      else if (await expand.isVisible()) await expand.click();
    }
    await page.waitForTimeout(250);
  }
  await collapse.waitFor({ timeout: 1000 });
  return field;
}

/** Opens a view of the editor by its address (`collections/days/entries/day-1`). */
export async function go(page, hash) {
  // The editor goes back to the list after a save; open the next view once it has.
  await page.waitForFunction(() => !location.hash.includes('/entries/'), null, { timeout: 5000 }).catch(() => {});
  await page.waitForTimeout(300);
  await page.evaluate((h) => (location.hash = h), `#/${hash}`);
}

/**
 * Opens the form for a new entry of the collection on screen with the list's "New" button, as
 * a coach would, and returns once the form takes input. Sveltia gives that button a popup for
 * its "entry or index file" menu even when there is no menu, so the click also opens an empty
 * modal dialog, and the rest of the page stays inert until it has faded out, just after the
 * form is drawn: a fill() in that moment focuses nothing and its text is lost without an error.
 */
export async function createEntry(page) {
  await page.getByRole('button', { name: 'Create New Entry' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).waitFor({ timeout: 15000 });
  await page.waitForFunction(() => !document.querySelector('dialog:modal'), null, { timeout: 15000 });
}

/** The OPFS copy of each of `paths` (null for a file that is not there, or not readable). */
export async function readSaved(page, paths) {
  return page.evaluate(async (list) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
    const read = async (p) => {
      try {
        const parts = p.split('/');
        let dir = root;
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
        return await (await (await dir.getFileHandle(parts.at(-1))).getFile()).text();
      } catch {
        // Not there, or replaced by the editor's rename while being read: waitForFile asks again.
        return null;
      }
    };
    return Object.fromEntries(await Promise.all(list.map(async (p) => [p, await read(p)])));
  }, paths);
}

/** The names of the files in OPFS's copy of the folder `dir`. */
export async function listSaved(page, dir) {
  return page.evaluate(async (d) => {
    let handle = await (await navigator.storage.getDirectory()).getDirectoryHandle('site');
    for (const part of d.split('/')) handle = await handle.getDirectoryHandle(part);
    const names = [];
    for await (const name of handle.keys()) names.push(name);
    return names.sort();
  }, dir);
}

/**
 * Waits until the OPFS copy of `file` contains `text`, that is until the editor has saved it,
 * and returns the file. The editor writes a file under a temporary name and then renames it
 * into place, so a copy with `text` in it is the whole saved file. Polled from here, not with
 * page.waitForFunction: that takes the promise an async predicate returns for a truthy result
 * and returns at once, which is how this used to return before the save had happened.
 */
export async function waitForFile(page, file, text, timeout = 15000) {
  // Sveltia's toast when the form has an invalid field: the save is refused, no file comes.
  const refused = page.getByText(/Please correct (it|them) to save the entry/).filter({ visible: true });
  const deadline = Date.now() + timeout;
  for (;;) {
    const saved = (await readSaved(page, [file]))[file];
    if (saved?.includes(text)) return saved;
    if (await refused.count()) {
      throw new Error(`the editor refused to save ${file}: ${await refused.first().innerText()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${file} did not contain ${JSON.stringify(text)} within ${timeout} ms; it holds:\n${saved}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The front matter of these simple pages (scalars, flow and block lists) and the body. */
export function frontMatter(text) {
  const [, yaml, body] = text.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  const scalar = (v) => {
    v = v.trim();
    if (v.startsWith('"')) return JSON.parse(v);
    if (v.startsWith('[')) return v === '[]' ? [] : v.slice(1, -1).split(',').map(scalar);
    if (/^-?\d+$/.test(v)) return Number(v);
    if (v === 'true' || v === 'false') return v === 'true';
    return v;
  };
  const data = {};
  let list = null;
  for (const line of yaml.split('\n')) {
    const item = line.match(/^\s+- (.*)$/);
    if (item && list) list.push(scalar(item[1]));
    else {
      const [, key, value] = line.match(/^([a-z_]+):\s*(.*)$/);
      list = value === '' ? [] : null;
      data[key] = list ?? scalar(value);
    }
  }
  return { data, body };
}
