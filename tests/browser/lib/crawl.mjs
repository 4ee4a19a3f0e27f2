// Crawls a served site in chromium from its home page, following every internal reference
// (href, src, srcset, <link>, og:url, CSS url()), and records what each page looks like.
import { PREFIX } from './site.mjs';

/** Reads every reference and the facts the per-page tests check, inside the page. */
function pageFacts() {
  const refs = [];
  const add = (el, attr, value) => {
    if (value == null) return;
    const v = String(value).trim();
    if (v === '') return;
    refs.push({ tag: el.localName, attr, raw: v, rel: el.getAttribute('rel') || '', text: (el.textContent || '').trim().slice(0, 80) });
  };
  for (const el of document.querySelectorAll('[href]')) add(el, 'href', el.getAttribute('href'));
  for (const el of document.querySelectorAll('[src]')) add(el, 'src', el.getAttribute('src'));
  for (const el of document.querySelectorAll('[poster]')) add(el, 'poster', el.getAttribute('poster'));
  for (const el of document.querySelectorAll('[srcset]')) {
    for (const part of el.getAttribute('srcset').split(',')) {
      add(el, 'srcset', part.trim().split(/\s+/)[0]);
    }
  }
  for (const el of document.querySelectorAll('[action], [formaction], [data]')) {
    add(el, 'action', el.getAttribute('action') || el.getAttribute('formaction') || el.getAttribute('data'));
  }
  for (const el of document.querySelectorAll('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]')) {
    add(el, 'content', el.getAttribute('content'));
  }
  // Landmarks as the accessibility tree sees them: header/footer scoped to <body>.
  const sectioning = 'article, aside, main, nav, section';
  const banners = [...document.querySelectorAll('header')].filter((h) => !h.parentElement.closest(sectioning));
  const contentinfos = [...document.querySelectorAll('footer')].filter((f) => !f.parentElement.closest(sectioning));
  const desc = document.querySelectorAll('meta[name="description"]');
  return {
    url: location.href,
    canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
    ogUrl: document.querySelector('meta[property="og:url"]')?.getAttribute('content') ?? null,
    title: document.title,
    lang: document.documentElement.getAttribute('lang'),
    h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
    descriptions: [...desc].map((m) => m.getAttribute('content')),
    landmarks: {
      header: banners.length,
      nav: document.querySelectorAll('nav').length,
      main: document.querySelectorAll('main').length,
      footer: contentinfos.length,
    },
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    names: [...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')),
    duplicateIds: (() => {
      const seen = new Set();
      const dup = new Set();
      for (const e of document.querySelectorAll('[id]')) {
        if (seen.has(e.id)) dup.add(e.id);
        seen.add(e.id);
      }
      return [...dup];
    })(),
    refs,
  };
}

const SKIP_SCHEMES = /^(mailto|tel|sms|data|javascript|blob):/i;

/**
 * Crawls from `site.baseUrl` with `b` (from launch()). Returns
 * { pages: Map(url -> facts + events), resources: Map(url -> {status, type}), problems: [...] }.
 * `problems` lists every reference that is broken, leaves the prefix, redirects, or loads an
 * off-site resource, with the page it came from.
 */
export async function crawl(site, b, { maxPages = 500 } = {}) {
  const origin = site.origin;
  const pages = new Map();
  const resources = new Map(); // url (no hash) -> { status, type, location }
  const problems = [];
  const fragments = []; // { from, url, hash }
  const externalLinks = [];
  const queue = [site.baseUrl];
  const queued = new Set(queue);
  const page = await b.newPage();

  const check = async (url) => {
    if (resources.has(url)) return resources.get(url);
    const res = await fetch(url, { redirect: 'manual' });
    const info = {
      status: res.status,
      type: (res.headers.get('content-type') || '').split(';')[0].trim(),
      location: res.headers.get('location'),
      body: null,
    };
    if (info.type === 'text/css') info.body = await res.text();
    else await res.arrayBuffer();
    resources.set(url, info);
    return info;
  };

  const follow = async (from, ref) => {
    if (SKIP_SCHEMES.test(ref.raw)) return;
    let u;
    try {
      u = new URL(ref.raw, from);
    } catch {
      problems.push({ from, ref, problem: 'not a valid URL' });
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
    if (u.origin !== origin) {
      // A plain link to another site is fine; a resource loaded from elsewhere is not.
      const isLink = ref.tag === 'a' || ref.tag === 'area' || (ref.tag === 'link' && /\b(me|author|license|alternate)\b/.test(ref.rel));
      if (isLink) externalLinks.push({ from, url: u.href });
      else problems.push({ from, ref, url: u.href, problem: 'resource from another origin' });
      return;
    }
    if (!u.pathname.startsWith(PREFIX)) {
      problems.push({ from, ref, url: u.href, problem: `leaves ${PREFIX}` });
      return;
    }
    const hash = u.hash;
    u.hash = '';
    const key = u.href;
    const info = await check(key);
    if (info.status !== 200) {
      problems.push({
        from,
        ref,
        url: key,
        problem: `status ${info.status}${info.location ? ` -> ${info.location}` : ''}`,
      });
      return;
    }
    if (hash && hash !== '#') fragments.push({ from, ref, url: key, hash: decodeURIComponent(hash.slice(1)) });
    if (info.type === 'text/css' && info.body && !info.scanned) {
      info.scanned = true;
      const cssRefs = [...info.body.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)];
      for (const m of cssRefs) {
        await follow(key, { tag: 'css', attr: 'url()', raw: m[2] || m[4], rel: '' });
      }
    }
    if (info.type === 'text/html' && !queued.has(key)) {
      queued.add(key);
      queue.push(key);
    }
  };

  while (queue.length > 0) {
    if (pages.size >= maxPages) throw new Error(`crawl stopped after ${maxPages} pages`);
    const url = queue.shift();
    const before = {
      console: b.events.console.length,
      pageErrors: b.events.pageErrors.length,
      csp: b.events.csp.length,
      external: b.events.external.length,
    };
    const response = await page.goto(url, { waitUntil: 'load' });
    // Give late CSP reports and async errors a moment to arrive.
    await page.waitForTimeout(50);
    const facts = await page.evaluate(pageFacts);
    const entry = {
      ...facts,
      status: response?.status(),
      console: b.events.console.slice(before.console),
      pageErrors: b.events.pageErrors.slice(before.pageErrors),
      csp: b.events.csp.slice(before.csp),
      external: b.events.external.slice(before.external),
    };
    pages.set(url, entry);
    for (const ref of facts.refs) await follow(url, ref);
  }
  await page.context().close();

  for (const f of fragments) {
    const target = pages.get(f.url);
    if (!target) continue; // not an HTML page
    if (!target.ids.includes(f.hash) && !target.names.includes(f.hash)) {
      problems.push({ from: f.from, ref: f.ref, url: `${f.url}#${f.hash}`, problem: 'no element with that id' });
    }
  }
  return { pages, resources, problems, externalLinks };
}

/** Path of a URL relative to the prefix: http://h/reach-out/days/day-1/ -> days/day-1/ */
export function sitePath(url) {
  const p = new URL(url).pathname;
  return p.startsWith(PREFIX) ? p.slice(PREFIX.length) : p;
}

/**
 * Finds the pages the focused tests visit, from links (nothing but the prefix is hard-coded):
 * the section indexes and about page from the site menu, then the first day/myth/message
 * from its section index. Returns absolute URLs.
 */
export async function discover(site, b) {
  const page = await b.newPage();
  const links = async (url, selector = 'a[href]') => {
    const res = await page.goto(url);
    if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status()}`);
    return page.$$eval(selector, (as) => as.map((a) => ({ href: a.href, text: a.textContent.trim() })));
  };
  try {
    const menu = await links(site.baseUrl, 'header nav a[href]');
    const byName = (re) => {
      const hit = menu.find((l) => re.test(l.text));
      if (!hit) throw new Error(`no menu item matching ${re} in ${JSON.stringify(menu)}`);
      return hit.href;
    };
    const found = {
      home: site.baseUrl,
      daysIndex: byName(/^days$/i),
      mythsIndex: byName(/^myths$/i),
      messagesIndex: byName(/^messages$/i),
      about: byName(/^about$/i),
      notFound: site.url('days/typo/'),
    };
    const first = async (index) => {
      const base = new URL(index).pathname;
      const all = await links(index, 'main a[href]');
      const hit = all.find((l) => {
        const p = new URL(l.href).pathname;
        return p.startsWith(base) && p !== base && /^[^/]+\/$/.test(p.slice(base.length));
      });
      if (!hit) throw new Error(`${index} links to no page under ${base}`);
      return hit.href;
    };
    found.day = await first(found.daysIndex);
    found.myth = await first(found.mythsIndex);
    found.message = await first(found.messagesIndex);
    return found;
  } finally {
    await page.context().close();
  }
}
