// `reachout serve` answers sw.js with this worker: a build published on the same address
// earlier (e.g. public/ served on this port) may have left its service worker behind, which
// would keep answering from its cache instead of the live preview. The browser checks sw.js
// on every visit, installs this, and it deletes this site's caches, unregisters itself and
// reloads the open pages from the preview.
'use strict';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const prefix = `reachout:${new URL(self.registration.scope).pathname}:`;
    const keys = (await caches.keys()).filter((key) => key.startsWith(prefix));
    await Promise.all(keys.map((key) => caches.delete(key)));
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
