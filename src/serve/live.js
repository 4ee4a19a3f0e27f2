// Live reload for `reachout serve` (never part of a built site). Listens to the preview's
// event stream: reloads the page after each good build, and shows the problems of a failed
// build in an overlay until the next good one. No inline script or style: the page's
// Content-Security-Policy stays as strict as on the published site.
const me = new URL(import.meta.url);
const build = me.searchParams.get('build') ?? '';
const OVERLAY_ID = 'reachout-overlay';

function stylesheet() {
  if (document.querySelector('link[data-reachout-live]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('live.css', me).href;
  link.dataset.reachoutLive = '';
  document.head.append(link);
}

function hide() {
  document.getElementById(OVERLAY_ID)?.remove();
}

function where(p) {
  if (p.line == null) return p.file || 'site';
  return `${p.file}:${p.line}:${p.column ?? 1}`;
}

function show(problems) {
  stylesheet();
  hide();
  const box = document.createElement('section');
  box.id = OVERLAY_ID;
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-labelledby', `${OVERLAY_ID}-title`);
  const title = document.createElement('h2');
  title.id = `${OVERLAY_ID}-title`;
  const n = problems.length;
  title.textContent = `The site did not build: ${n} problem${n === 1 ? '' : 's'}`;
  const note = document.createElement('p');
  note.textContent = 'You are seeing the last version that built. Fix the file and save: this page reloads by itself.';
  const list = document.createElement('ol');
  for (const p of problems) {
    const item = document.createElement('li');
    const at = document.createElement('code');
    at.className = 'reachout-overlay-where';
    at.textContent = where(p);
    const message = document.createElement('p');
    message.className = 'reachout-overlay-message';
    message.textContent = p.message;
    item.append(at, message);
    if (p.hint) {
      const hint = document.createElement('p');
      hint.className = 'reachout-overlay-hint';
      hint.textContent = `Help: ${p.hint}`;
      item.append(hint);
    }
    list.append(item);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Hide';
  close.addEventListener('click', hide);
  box.append(title, note, list, close);
  document.body.append(box);
}

function onMessage(event) {
  let msg;
  try {
    msg = JSON.parse(event.data);
  } catch {
    return;
  }
  if (msg.type === 'hello') {
    // A page from another build (or from before a restart) is stale.
    if (msg.build !== build) window.location.reload();
    else hide();
  } else if (msg.type === 'reload') {
    window.location.reload();
  } else if (msg.type === 'error') {
    show(Array.isArray(msg.problems) ? msg.problems : []);
  }
}

// Browsers allow six connections to one host: a stream per open tab would soon leave none
// for loading pages. Only a visible page listens; a tab shown again catches up at once,
// because the first message says which build is current (and repeats any problems).
let events = null;

function connect() {
  if (events) return;
  events = new EventSource(new URL('events', me));
  events.addEventListener('message', onMessage);
}

function disconnect() {
  events?.close();
  events = null;
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') disconnect();
  else connect();
});
window.addEventListener('pagehide', disconnect);
window.addEventListener('pageshow', () => {
  if (document.visibilityState !== 'hidden') connect();
});
if (document.visibilityState !== 'hidden') connect();
