const BASE = "__BASE__";
const VERSION = "__VERSION__";
const FILES = {} /* __FILES__ */;
// Reach Out's service worker, written by `reachout build` (the three lines above are this
// build's): every file of the site is downloaded once, on install, into a cache named by the
// build's version, and answered from there, so the site works offline after the first visit.
//
// Updates: the browser checks sw.js on every visit; a new build means new bytes, so a new
// worker installs next to the running one. Its install fails unless every file arrives and
// matches this build's digest (the HTTP cache or a CDN can still hold the previous build's
// copy), so a cache is always one whole build. Then it takes over at once (skipWaiting) and
// every open page reloads (js/pwa.js, on `controllerchange`; a page with a half-typed form
// waits until it is saved or closed), so each page shows the new build
// with its own styles and scripts. Waiting for every tab to close instead would keep phones,
// which rarely close a tab or an installed app, on the old build for weeks. Progress lives in
// localStorage and is saved at every change, so the reload keeps it.
//
// Several sites share one origin on GitHub Pages (user.github.io/a/, user.github.io/b/): caches
// are named `reachout:BASE:VERSION`, and only this site's older ones are deleted.
'use strict';

const PREFIX = `reachout:${BASE}:`;
const CACHE = PREFIX + VERSION;
// Each segment percent-encoded: a file named `handout#1.pdf` or `what?.txt` is a path, not a
// fragment or a query.
const at = (path) => new URL(BASE + path.split('/').map(encodeURIComponent).join('/'), location.origin).href;

async function hex(buffer) {
  const sum = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(sum, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(Object.entries(FILES).map(async ([path, sum]) => {
    const res = await fetch(at(path), { cache: 'no-cache' });
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    const body = await res.arrayBuffer();
    if (!(await hex(body)).startsWith(sum)) throw new Error(`${path} is not from build ${VERSION}`);
    // Every answer says which build it is from, so pages and tests can tell builds apart.
    // (Only these two headers: a Content-Encoding or Content-Length would not match the body.)
    const headers = { 'Content-Type': res.headers.get('Content-Type') || '', 'X-Reachout-Build': VERSION };
    const keep = (url) => cache.put(url, new Response(body, { headers }));
    await keep(at(path));
    // A page is asked for by its folder URL: `days/day-1/` as well as `days/day-1/index.html`.
    if (/(^|\/)index\.html$/.test(path)) await keep(at(path.slice(0, -10)));
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((key) => key.startsWith(PREFIX) && key !== CACHE);
    await Promise.all(old.map((key) => caches.delete(key)));
    // Also the first visit's page, so what it loads later (a script on a click) works offline.
    await self.clients.claim();
  })());
});

async function answer(request) {
  const cache = await caches.open(CACHE);
  const options = { ignoreSearch: true, ignoreVary: true };
  const hit = await cache.match(request, options);
  if (hit) return hit;
  const navigate = request.mode === 'navigate';
  const url = new URL(request.url);
  if (navigate && !url.pathname.endsWith('/') && (await cache.match(`${url.origin}${url.pathname}/`, options))) {
    return Response.redirect(`${url.origin}${url.pathname}/${url.search}`, 301);
  }
  try {
    return await fetch(request);
  } catch (err) {
    const missing = navigate && (await cache.match(at('404.html')));
    if (!missing) throw err;
    return new Response(missing.body, { status: 404, headers: missing.headers });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Requests outside this site's base path are left alone. A site at its origin's root (BASE "/")
  // owns every path there: a project site on the same origin is then within its reach.
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  event.respondWith(answer(request));
});
