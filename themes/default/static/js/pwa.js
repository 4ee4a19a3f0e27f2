// Offline and install: registers sw.js (written by `reachout build`; it says how updates work)
// and shows the Home Screen note on an iPhone's Safari. Not under `reachout serve`, whose
// live-reload script is on every page: a worker would cache a preview that changes at each save.
const sw = navigator.serviceWorker;
const base = new URL('../', import.meta.url);
if (sw && !document.querySelector('script[src*="/__reachout/"]')) {
  let controlled = Boolean(sw.controller);
  // A new build has taken over: reload, so no page shows the old build with the new files. Not
  // while the visitor is typing (an open dialog, a changed field): the reload waits until the
  // dialog closes or the form is saved, so a half-typed person or message is never lost.
  // Fields the visitor typed in (not ones a script filled, like today's date).
  const typed = new Set();
  document.addEventListener('input', (e) => e.isTrusted && e.target.matches?.('input, textarea') && typed.add(e.target), true);
  const typing = () =>
    document.querySelector('dialog[open]') ||
    [...typed].some((el) => el.isConnected && el.value !== el.defaultValue && !el.closest('dialog:not([open])'));
  const reloadWhenIdle = () => {
    if (!typing()) return location.reload();
    const retry = () => setTimeout(() => typing() || location.reload(), 0);
    for (const type of ['close', 'submit', 'reset']) document.addEventListener(type, retry, true);
  };
  sw.addEventListener('controllerchange', () => {
    if (controlled) reloadWhenIdle();
    controlled = true;
  });
  sw.register(new URL('sw.js', base), { scope: base.href }).catch(() => {});
}
const ua = navigator.userAgent;
if (/iPhone|iPod/.test(ua) && !/CriOS|FxiOS|EdgiOS/.test(ua) && !navigator.standalone) {
  for (const el of document.querySelectorAll('[data-pwa="ios"]')) el.hidden = false;
}
