#!/usr/bin/env node
// Measures `reachout serve`'s edit-to-reload time: from writing a Markdown file to (a) the
// "reload" message on the event stream and (b) the `load` event of the page open in headless
// chromium. Runs on a temp copy of the default site, then on that copy plus 1,000 generated
// pages. Timing lives here, not in the tests.
//
//   cargo build --release && bash scripts/setup-browser.sh   (once)
//   node scripts/measure-serve.mjs [ROUNDS] [EXTRA,...]       (default 15 and 0,1000)
// EXTRA lists how many generated pages to add for each run, e.g. 0,1000,10000.
import http from 'node:http';
import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { launch, REPO_ROOT } from '../tests/browser/lib/site.mjs';
import { copySite, startServe } from '../tests/browser/lib/serve.mjs';

const ROUNDS = Number(process.argv[2] || 15);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Adds `n` plain pages (about 250 words, a list, a link each) under content/library/. */
async function addPages(root, n) {
  const dir = path.join(root, 'content', 'library');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, '_index.md'), '---\ntitle: "Library"\n---\n\nGenerated pages.\n');
  const para = 'Reaching out again is easier than it feels. A short, warm message that asks about them '.repeat(4);
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(4, '0');
    await writeFile(
      path.join(dir, `page-${id}.md`),
      `---\ntitle: "Page ${id}"\ndescription: "Generated page ${id}."\n---\n\n` +
        `## Part one\n\n${para}\n\n- first point\n- second point\n- third point\n\n` +
        `## Part two\n\n${para}\n\nSee [day 1](@/days/day-1.md) and [the list](#part-one).\n`,
    );
  }
}

/** Resolves with each SSE `data:` JSON through `on`; returns a closer. */
function listen(url, on) {
  const req = http.get(new URL('__reachout/events', url), (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        for (const line of block.split('\n')) {
          if (line.startsWith('data: ')) on(JSON.parse(line.slice(6)));
        }
      }
    });
  });
  req.on('error', () => {});
  return () => req.destroy();
}

const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${s[0].toFixed(0)}, max ${s[s.length - 1].toFixed(0)}`;
};

async function measure(label, extraPages) {
  const site = await copySite(REPO_ROOT);
  if (extraPages) await addPages(site.root, extraPages);
  const server = await startServe({ root: site.root });
  const b = await launch({ origin: server.origin });
  const file = path.join(site.root, 'content', 'about.md');
  const original = await readFile(file, 'utf8');
  try {
    // (a) write -> "reload" on the event stream.
    const sse = [];
    let waiting = null;
    const close = listen(server.url, (msg) => {
      if (msg.type === 'reload' && waiting) waiting(performance.now());
    });
    await sleep(300);
    for (let i = 0; i < ROUNDS; i++) {
      const got = new Promise((resolve) => {
        waiting = resolve;
      });
      const t0 = performance.now();
      await writeFile(file, `${original}\nSSE round ${i}.\n`);
      sse.push((await got) - t0);
      await sleep(150);
    }
    close();

    // (b) write -> `load` of the open page.
    const page = await b.newPage();
    await page.goto(new URL('about/', server.url).href);
    await sleep(300);
    const browser = [];
    for (let i = 0; i < ROUNDS; i++) {
      const loaded = page.waitForEvent('load', { timeout: 10000 }).then(
        () => performance.now(),
        (err) => {
          throw new Error(`no reload after round ${i}'s edit: ${err.message}\nserver stdout:\n${server.lines.slice(-5).join('\n')}\nstderr:\n${server.stderr()}`);
        },
      );
      const t0 = performance.now();
      await writeFile(file, `${original}\nBrowser round ${i}.\n`);
      browser.push((await loaded) - t0);
      await sleep(150);
    }
    // (c) the same page reloaded with no edit: what the browser itself takes to reload it.
    const alone = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await page.reload({ waitUntil: 'load' });
      alone.push(performance.now() - t0);
    }
    const builds = server.lines
      .map((l) => l.match(/^rebuilt in (\d+) ms/))
      .filter(Boolean)
      .map((m) => Number(m[1]));
    console.log(`${label}, ${ROUNDS} edits each:`);
    console.log(`  rebuild ("rebuilt in" lines): ${stats(builds)}`);
    console.log(`  write -> SSE reload:          ${stats(sse)}`);
    console.log(`  write -> browser load event:  ${stats(browser)}`);
    console.log(`  reload alone, no edit:        ${stats(alone)}`);
  } finally {
    await b.close();
    await server.stop();
    await site.cleanup();
  }
}

const EXTRA = (process.argv[3] || '0,1000').split(',').map(Number);
for (const n of EXTRA) {
  await measure(n ? `default site + ${n.toLocaleString('en')} generated pages` : 'default site', n);
}
