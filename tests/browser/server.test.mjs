// The test server itself behaves like GitHub Pages for a project site, and can't be escaped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, mkdir, writeFile, symlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createStaticServer, PREFIX } from './lib/site.mjs';

let dir;
let server;
let port;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'reachout-server-'));
  const site = path.join(dir, 'site');
  await mkdir(path.join(site, 'days', 'day-1'), { recursive: true });
  await mkdir(path.join(site, 'css'), { recursive: true });
  await mkdir(path.join(site, 'empty'), { recursive: true });
  await writeFile(path.join(site, 'index.html'), '<!doctype html><title>home</title>');
  await writeFile(path.join(site, '404.html'), '<!doctype html><title>not found</title>');
  await writeFile(path.join(site, 'days', 'day-1', 'index.html'), '<!doctype html><title>day 1</title>');
  await writeFile(path.join(site, 'css', 'style.css'), 'body{}');
  await writeFile(path.join(site, 'sitemap.xml'), '<urlset/>');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  await symlink(path.join(dir, 'secret.txt'), path.join(site, 'link.txt'));
  server = createStaticServer(() => site);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});

after(async () => {
  server?.closeAllConnections?.();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  await rm(dir, { recursive: true, force: true });
});

/** A raw GET, so that `..` and odd encodings reach the server unnormalized. */
function get(rawPath, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('serves index.html for the prefix and for directories', async () => {
  const home = await get(PREFIX);
  assert.equal(home.status, 200);
  assert.match(home.headers['content-type'], /^text\/html; charset=utf-8/);
  assert.match(home.body, /home/);
  const day = await get(`${PREFIX}days/day-1/`);
  assert.equal(day.status, 200);
  assert.match(day.body, /day 1/);
  const direct = await get(`${PREFIX}days/day-1/index.html`);
  assert.equal(direct.status, 200);
});

test('redirects /dir to /dir/ (and the bare prefix), keeping the query', async () => {
  const r = await get(`${PREFIX}days/day-1?x=1`);
  assert.equal(r.status, 301);
  assert.equal(r.headers.location, `${PREFIX}days/day-1/?x=1`);
  const bare = await get(PREFIX.replace(/\/$/, ''));
  assert.equal(bare.status, 301);
  assert.equal(bare.headers.location, PREFIX);
});

test('content types', async () => {
  assert.match((await get(`${PREFIX}css/style.css`)).headers['content-type'], /^text\/css/);
  assert.match((await get(`${PREFIX}sitemap.xml`)).headers['content-type'], /^application\/xml/);
});

test('missing paths under the prefix get 404.html with status 404, at any depth', async () => {
  for (const p of ['days/typo/', 'a/b/c/typo', 'typo.html', 'empty/', 'css/style.css/']) {
    const r = await get(`${PREFIX}${p}`);
    assert.equal(r.status, 404, p);
    assert.match(r.body, /not found/, p);
    assert.match(r.headers['content-type'], /^text\/html/, p);
  }
});

test('anything outside the prefix is a plain 404', async () => {
  for (const p of ['/', '/index.html', '/css/style.css', '/reach-outx/', '/favicon.ico']) {
    const r = await get(p);
    assert.equal(r.status, 404, p);
    assert.match(r.headers['content-type'], /^text\/plain/, p);
  }
});

test('no path escape: .., encoded .., backslashes, NUL, symlinks out of the site', async () => {
  for (const p of [
    `${PREFIX}../secret.txt`,
    `${PREFIX}%2e%2e/secret.txt`,
    `${PREFIX}..%2fsecret.txt`,
    `${PREFIX}days/..%2f..%2fsecret.txt`,
    `${PREFIX}..%5csecret.txt`,
    `${PREFIX}%00`,
    `${PREFIX}link.txt`,
  ]) {
    const r = await get(p);
    assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
    assert.doesNotMatch(r.body, /secret/, p);
  }
});

test('HEAD has headers and no body; other methods are refused', async () => {
  const head = await get(PREFIX, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.ok(Number(head.headers['content-length']) > 0);
  const post = await get(PREFIX, 'POST');
  assert.equal(post.status, 405);
});
