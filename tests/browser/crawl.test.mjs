// Crawls the default site (the repo root) served under /reach-out/ and checks every link and
// every page it reaches.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { listFiles, show, PREFIX } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';
import { crawl, sitePath } from './lib/crawl.mjs';

const env = useSite({ discover: false });
let result;

before(async () => {
  await env.ready();
  result = await crawl(env.site, env.b);
});

const paths = () => [...result.pages.keys()].map(sitePath);

test('crawl: every internal href/src/srcset/link resolves with 200 and stays under /reach-out/', () => {
  assert.ok(result.pages.size > 1, `the crawl found only ${result.pages.size} page(s)`);
  assert.deepEqual(result.problems, [], `broken or escaping references:\n${show(result.problems)}`);
  for (const [url, p] of result.pages) {
    assert.equal(p.status, 200, `${url} answered ${p.status}`);
  }
});

test('crawl: no request leaves the served origin (127.0.0.1)', () => {
  assert.deepEqual(env.b.events.external, [], `requests to other hosts:\n${show(env.b.events.external)}`);
  for (const r of env.site.requests) {
    assert.ok(r.url.startsWith(PREFIX), `the browser asked the server for ${r.url}, outside ${PREFIX}`);
  }
});

test('crawl: reaches all 7 days, 6 myths, every message and the about page', () => {
  const found = paths();
  const days = found.filter((p) => /^days\/[^/]+\/$/.test(p));
  const myths = found.filter((p) => /^myths\/[^/]+\/$/.test(p));
  assert.equal(days.length, 7, `days reached: ${show(days)}`);
  for (let n = 1; n <= 7; n += 1) assert.ok(days.includes(`days/day-${n}/`), `day ${n} not reached: ${show(days)}`);
  assert.equal(myths.length, 6, `myths reached: ${show(myths)}`);

  // Messages: whatever the messages index links to must have been reached, and there is at least one.
  const index = result.pages.get(env.site.url('messages/'));
  assert.ok(index, `the messages index (${env.site.url('messages/')}) was not reached; pages: ${show(found)}`);
  const linked = new Set(
    index.refs
      .filter((r) => r.tag === 'a')
      .map((r) => sitePath(new URL(r.raw, index.url).href))
      .filter((p) => /^messages\/[^/]+\/$/.test(p)),
  );
  assert.ok(linked.size >= 1, 'the messages index links to no message');
  for (const p of linked) assert.ok(found.includes(p), `message ${p} linked but not reached`);

  // About: the menu item named "About".
  const home = result.pages.get(env.site.baseUrl);
  const about = home.refs.find((r) => r.tag === 'a' && /^about$/i.test(r.text));
  assert.ok(about, 'the home page has no "About" link');
  const aboutPath = sitePath(new URL(about.raw, env.site.baseUrl).href);
  assert.ok(found.includes(aboutPath), `about page ${aboutPath} not reached`);
});

test('crawl: every built page (but 404.html and the editor) is reachable by links from the home page', async () => {
  const files = await listFiles(env.site.outDir, '.html');
  const found = new Set(paths());
  const orphans = files
    .map((f) => path.relative(env.site.outDir, f).split(path.sep).join('/'))
    // The editor (admin/) is the coach's, linked from nowhere on purpose.
    .filter((f) => f !== '404.html' && !f.startsWith('admin/'))
    .map((f) => f.replace(/(^|\/)index\.html$/, '$1'))
    .filter((p) => !found.has(p));
  assert.deepEqual(orphans, [], `built but not linked from anywhere:\n${show(orphans)}`);
  // The messages reached by links are all the messages that were built (count not hard-coded).
  const builtMessages = files.filter((f) => /[/\\]messages[/\\][^/\\]+[/\\]index\.html$/.test(f)).length;
  const reachedMessages = [...found].filter((p) => /^messages\/[^/]+\/$/.test(p)).length;
  assert.equal(reachedMessages, builtMessages);
});

test('every page: no console errors, page errors or CSP violations', () => {
  const bad = [];
  for (const [url, p] of result.pages) {
    if (p.console.length || p.pageErrors.length || p.csp.length) {
      bad.push({ url, console: p.console, pageErrors: p.pageErrors, csp: p.csp });
    }
  }
  assert.deepEqual(bad, [], show(bad));
  assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
});

test('every page: one <h1>, <html lang>, a meta description, landmarks, own canonical/og:url', () => {
  const bad = [];
  for (const [url, p] of result.pages) {
    const issues = [];
    if (p.h1.length !== 1) issues.push(`${p.h1.length} <h1> elements: ${show(p.h1)}`);
    if (!p.lang || !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(p.lang)) issues.push(`<html lang="${p.lang}">`);
    if (p.descriptions.length !== 1 || !p.descriptions[0]?.trim()) {
      issues.push(`meta description: ${show(p.descriptions)}`);
    }
    if (!p.title.trim()) issues.push('empty <title>');
    const l = p.landmarks;
    if (l.header !== 1) issues.push(`${l.header} page-level <header> (banner)`);
    if (l.nav < 1) issues.push('no <nav>');
    if (l.main !== 1) issues.push(`${l.main} <main>`);
    if (l.footer !== 1) issues.push(`${l.footer} page-level <footer> (contentinfo)`);
    if (p.canonical !== url) issues.push(`<link rel=canonical> is ${p.canonical}, not ${url}`);
    if (p.ogUrl !== url) issues.push(`og:url is ${p.ogUrl}, not ${url}`);
    if (issues.length) bad.push({ url, issues });
  }
  assert.deepEqual(bad, [], show(bad));
});

test('sitemap.xml lists only pages under the base URL, each answering 200', async () => {
  const res = await fetch(env.site.url('sitemap.xml'));
  assert.equal(res.status, 200);
  const xml = await res.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
  assert.ok(locs.length > 0, 'sitemap.xml has no <loc>');
  for (const loc of locs) {
    assert.ok(loc.startsWith(env.site.baseUrl), `sitemap entry ${loc} is not under ${env.site.baseUrl}`);
    const r = await fetch(loc, { redirect: 'manual' });
    assert.equal(r.status, 200, `sitemap entry ${loc} answered ${r.status}`);
  }
});
