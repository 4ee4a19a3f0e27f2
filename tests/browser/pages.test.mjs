// Publishing on GitHub Pages: builds the default site the way .github/workflows/pages.yml does
// (inside GitHub Actions, `reachout build` with no --base-url, so the base URL is derived from
// GITHUB_REPOSITORY), serves the output under /reach-out/ like Pages serves a project site, and
// crawls it: no broken link, nothing outside the subpath, the tracker's data and the tracker
// itself working there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reachoutBin, createStaticServer, launch, show, PREFIX, SITE_ROOT } from './lib/site.mjs';
import { crawl, sitePath } from './lib/crawl.mjs';
import { trackerData, hook, taskBox, eventually, stored, withPage } from './lib/tracker.mjs';

const execFileP = promisify(execFile);

/** The repository the build pretends to run for, and where Pages would publish it. */
const REPOSITORY = `user${PREFIX.replace(/\/$/, '')}`; // user/reach-out
const PUBLISHED = `https://user.github.io${PREFIX}`;

const env = { site: undefined, b: undefined };
let tmp;
let server;
let buildOutput;
let result;

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'reachout-pages-'));
  const out = path.join(tmp, 'public');
  // Exactly GitHub Actions' view: these two variables, and none of the runner's own.
  const vars = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: REPOSITORY };
  delete vars.GITHUB_SERVER_URL;
  const bin = reachoutBin();
  try {
    buildOutput = await execFileP(bin, ['build', '-r', SITE_ROOT, '-o', out], { env: vars });
  } catch (err) {
    throw new Error(`\`${bin} build\` failed (exit ${err.code}):\n${err.stderr || ''}${err.stdout || ''}`);
  }

  const requests = [];
  server = createStaticServer(() => out, { log: requests });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const baseUrl = `${origin}${PREFIX}`;
  env.site = {
    origin,
    baseUrl,
    outDir: out,
    requests,
    url: (p = '') => new URL(p.replace(/^\//, ''), baseUrl).href,
  };
  env.b = await launch({ origin });
  result = await crawl(env.site, env.b);
});

after(async () => {
  await env.b?.close();
  if (server) {
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(() => resolve()));
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** The published address of a served URL: http://127.0.0.1:P/reach-out/x/ -> https://user.github.io/reach-out/x/ */
const published = (url) => `${PUBLISHED}${sitePath(url)}`;

/** The crawl's problems, less the references to the published address: canonical and og:url
 * (the page itself), og:image and twitter:image (the share image, checked on its own below). */
function unexpectedProblems() {
  return result.problems.filter((p) => {
    const permalink =
      (p.ref.tag === 'link' && /\bcanonical\b/.test(p.ref.rel)) ||
      (p.ref.tag === 'meta' && p.ref.attr === 'content');
    const atPublished = p.url === published(p.from) || shareImages().includes(p.url);
    return !(permalink && p.problem === 'resource from another origin' && atPublished);
  });
}

/** The og:image and twitter:image addresses of every crawled page. */
function shareImages() {
  return [...result.pages.values()].flatMap((page) =>
    page.refs.filter((r) => r.tag === 'meta' && r.attr === 'content' && /\.(png|svg|jpe?g|webp)$/i.test(r.raw)).map((r) => r.raw),
  );
}

test('og:image and twitter:image are the published address of an image the site serves', async () => {
  const images = [...new Set(shareImages())];
  assert.ok(images.length > 0, 'no page has a share image');
  for (const image of images) {
    assert.ok(image.startsWith(PUBLISHED), `${image} is not under ${PUBLISHED}`);
    const res = await fetch(env.site.url(image.slice(PUBLISHED.length)));
    assert.equal(res.status, 200, image);
    assert.match(res.headers.get('content-type'), /^image\//, image);
  }
});

test('the build derives https://user.github.io/reach-out/ from GitHub Actions and says so', () => {
  assert.match(
    buildOutput.stdout,
    new RegExp(`base URL ${PUBLISHED.replace(/[.]/g, '\\.')} \\(from GitHub Actions\\)`),
    buildOutput.stdout,
  );
});

test('crawl: every internal link, asset and CSS url() answers 200 under /reach-out/', () => {
  assert.ok(result.pages.size > 1, `the crawl found only ${result.pages.size} page(s)`);
  assert.deepEqual(unexpectedProblems(), [], `broken or escaping references:\n${show(unexpectedProblems())}`);
  for (const [url, p] of result.pages) assert.equal(p.status, 200, `${url} answered ${p.status}`);
  const days = [...result.pages.keys()].map(sitePath).filter((p) => /^days\/[^/]+\/$/.test(p));
  assert.equal(days.length, 7, `days reached: ${show(days)}`);
});

test('every request stays on the served origin and under /reach-out/', () => {
  assert.deepEqual(env.b.events.external, [], `requests to other hosts:\n${show(env.b.events.external)}`);
  assert.ok(env.site.requests.length > 0);
  for (const r of env.site.requests) {
    assert.ok(r.url.startsWith(PREFIX), `the browser asked the server for ${r.url}, outside ${PREFIX}`);
  }
});

test('canonical and og:url are the published address of each page, the only absolute URLs', () => {
  const bad = [];
  for (const [url, p] of result.pages) {
    if (p.canonical !== published(url)) bad.push({ url, canonical: p.canonical });
    if (p.ogUrl !== published(url)) bad.push({ url, ogUrl: p.ogUrl });
  }
  assert.deepEqual(bad, [], show(bad));
  const absolute = [...result.pages.values()]
    .flatMap((p) => p.refs.map((r) => ({ page: p.url, ...r })))
    .filter((r) => /^https?:/i.test(r.raw) && !r.raw.startsWith(env.site.origin) && !r.raw.startsWith(PUBLISHED))
    .filter((r) => r.tag !== 'a'); // plain links to other sites are fine
  assert.deepEqual(absolute, [], `resources addressed outside the site:\n${show(absolute)}`);
});

test('a broken link (404 page) keeps its stylesheet, scripts and links under /reach-out/', async () => {
  await withPage(env, {}, async (page) => {
    const res = await page.goto(env.site.url('days/typo/'));
    assert.equal(res.status(), 404);
    const refs = await page.$$eval('[href], [src]', (els) =>
      els.map((e) => e.getAttribute('href') ?? e.getAttribute('src')),
    );
    const outside = refs.filter((r) => r.startsWith('/') && !r.startsWith(PREFIX));
    assert.deepEqual(outside, [], show(outside));
    const sheets = await page.evaluate(() => document.styleSheets.length);
    assert.ok(sheets > 0, 'the 404 page has no stylesheet');
  });
});

test('sitemap.xml and robots.txt use the published address; each entry is served', async () => {
  const xml = await (await fetch(env.site.url('sitemap.xml'))).text();
  const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.length > 0, 'sitemap.xml has no <loc>');
  for (const loc of locs) {
    assert.ok(loc.startsWith(PUBLISHED), `sitemap entry ${loc} is not under ${PUBLISHED}`);
    const local = env.site.url(loc.slice(PUBLISHED.length));
    const r = await fetch(local, { redirect: 'manual' });
    assert.equal(r.status, 200, `sitemap entry ${loc} (${local}) answered ${r.status}`);
  }
  const robots = await (await fetch(env.site.url('robots.txt'))).text();
  assert.match(robots, new RegExp(`Sitemap: ${PUBLISHED}sitemap\\.xml`), robots);
});

test("the tracker's data block: base path /reach-out/, key reachout:/reach-out/, days under /reach-out/", async () => {
  await withPage(env, { javaScriptEnabled: false }, async (page) => {
    for (const url of [env.site.baseUrl, env.site.url('days/day-1/')]) {
      await page.goto(url);
      const data = await trackerData(page);
      assert.equal(data.base_path, PREFIX, url);
      assert.equal(data.key, `reachout:${PREFIX}`, url);
      assert.equal(data.days.length, 7, url);
      for (const d of data.days) assert.ok(d.url.startsWith(PREFIX), `${url}: day url ${d.url}`);
      if (data.people_url) assert.ok(data.people_url.startsWith(PREFIX), `people_url ${data.people_url}`);
    }
  });
});

test('the tracker works under the subpath: start on the home page, tick a task on day 1', async () => {
  const before = {
    console: env.b.events.console.length,
    pageErrors: env.b.events.pageErrors.length,
    csp: env.b.events.csp.length,
  };
  await withPage(env, {}, async (page) => {
    await page.goto(env.site.baseUrl);
    const data = await trackerData(page);
    const start = hook(page, 'start');
    await start.waitFor({ state: 'visible' });
    await start.click();
    await eventually(async () => assert.ok((await stored(page, data.key))?.startedOn, 'no start date stored'));

    const day = data.days[0];
    const res = await page.goto(new URL(day.url, env.site.origin).href);
    assert.equal(res.status(), 200);
    const id = day.tasks[0];
    const box = taskBox(page, id);
    await box.waitFor({ state: 'visible' });
    await box.check();
    await eventually(async () => {
      const s = await stored(page, data.key);
      assert.ok(s?.tasks?.[`${day.slug}/${id}`], `tick not stored under ${data.key}: ${show(s)}`);
    });
    await page.reload();
    await eventually(async () => assert.equal(await taskBox(page, id).isChecked(), true, 'the tick did not survive a reload'));
  });
  const errors = {
    console: env.b.events.console.slice(before.console),
    pageErrors: env.b.events.pageErrors.slice(before.pageErrors),
    csp: env.b.events.csp.slice(before.csp),
  };
  assert.deepEqual(errors, { console: [], pageErrors: [], csp: [] }, show(errors));
});
