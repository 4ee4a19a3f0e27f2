// Offline and install: registers sw.js (written by `reachout build`; it says how updates work)
// and shows the Home Screen note on an iPhone's Safari. Not under `reachout serve`, whose
// live-reload script is on every page: a worker would cache a preview that changes at each save.
const sw = navigator.serviceWorker;
const base = new URL('../', import.meta.url);
if (sw && !document.querySelector('script[src*="/__reachout/"]')) {
  let controlled = Boolean(sw.controller);
  // A new build has taken over: reload, so no page shows the old build with the new files.
  sw.addEventListener('controllerchange', () => {
    if (controlled) location.reload();
    controlled = true;
  });
  sw.register(new URL('sw.js', base), { scope: base.href }).catch(() => {});
}
const ua = navigator.userAgent;
if (/iPhone|iPod/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua) && !navigator.standalone) {
  for (const el of document.querySelectorAll('[data-pwa="ios"]')) el.hidden = false;
}
