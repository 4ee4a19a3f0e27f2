// The 404 page as GitHub Pages serves it: for a missing path at any depth under the prefix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { show, PREFIX } from './lib/site.mjs';
import { useSite } from './lib/fixture.mjs';

const env = useSite({ discover: false });

test('GET /reach-out/days/typo/ answers 404 with the env.site\'s 404 page', async () => {
  const res = await fetch(env.site.url('days/typo/'));
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  const body = await res.text();
  const page = await readFile(path.join(env.site.outDir, '404.html'), 'utf8');
  assert.equal(body, page, 'the body is not the built 404.html');
  assert.match(body, /<h1[\s>]/i);
});

for (const missing of ['days/typo/', 'a/b/c/d/typo', 'typo.html']) {
  test(`404 page at ${PREFIX}${missing}: stylesheet applied, links work, no errors`, async () => {
    env.b.reset();
    const context = await env.b.newContext({ viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const css = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'stylesheet') css.push({ url: r.url(), status: r.status() });
    });
    try {
      // What the browser's own default style looks like, for comparison.
      await page.setContent('<!doctype html><html><body><p>x</p></body></html>');
      const defaults = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return { font: s.fontFamily, background: s.backgroundColor, margin: s.margin, color: s.color };
      });

      const res = await page.goto(env.site.url(missing));
      assert.equal(res.status(), 404);
      assert.ok(css.length >= 1, 'the 404 page loaded no stylesheet');
      for (const c of css) {
        assert.equal(c.status, 200, `stylesheet ${c.url} answered ${c.status}`);
        assert.ok(new URL(c.url).pathname.startsWith(PREFIX), `stylesheet ${c.url} is outside ${PREFIX}`);
      }
      const styled = await page.evaluate(() => {
        const s = getComputedStyle(document.body);
        return {
          font: s.fontFamily,
          background: s.backgroundColor,
          margin: s.margin,
          color: s.color,
          sheets: [...document.styleSheets].map((sh) => {
            try {
              return { href: sh.href, rules: sh.cssRules.length };
            } catch {
              return { href: sh.href, rules: -1 };
            }
          }),
        };
      });
      for (const sh of styled.sheets) assert.ok(sh.rules > 0, `stylesheet ${sh.href} has no rules`);
      const changed = ['font', 'background', 'margin', 'color'].filter((k) => styled[k] !== defaults[k]);
      assert.ok(
        changed.length >= 2,
        `the 404 page looks unstyled: body ${show(styled)} vs browser default ${show(defaults)}`,
      );

      const h1 = await page.locator('h1').allTextContents();
      assert.equal(h1.length, 1, `h1: ${show(h1)}`);

      const links = await page.$$eval('a[href]', (as) =>
        as.map((a) => {
          const raw = a.getAttribute('href');
          // An in-page link (the skip link) must point at an element of this page.
          const local = raw.startsWith('#') ? Boolean(document.getElementById(decodeURIComponent(raw.slice(1)))) : null;
          return { text: a.textContent.trim(), href: a.href, raw, local };
        }),
      );
      assert.ok(links.length >= 2, `the 404 page has ${links.length} link(s)`);
      const bad = [];
      for (const l of links) {
        if (l.local !== null) {
          if (!l.local) bad.push({ ...l, problem: 'no element with that id' });
          continue;
        }
        const u = new URL(l.href);
        if (u.origin !== env.site.origin) continue; // a link to another env.site (none expected)
        const r = await fetch(u.href.split('#')[0], { redirect: 'manual' });
        if (r.status !== 200 || !u.pathname.startsWith(PREFIX)) bad.push({ ...l, status: r.status });
      }
      assert.deepEqual(bad, [], `broken links on the 404 page:\n${show(bad)}`);

      // Following the home link from the 404 page lands on the home page.
      const home = links.find((l) => new URL(l.href).pathname === PREFIX);
      assert.ok(home, `no link to ${PREFIX} on the 404 page`);
      const [nav] = await Promise.all([page.waitForNavigation(), page.click(`a[href="${new URL(home.href).pathname}"] >> nth=0`)]);
      assert.equal(nav.status(), 200);

      // The document's own 404 is logged by chromium as a failed load: expected here.
      const consoleErrors = env.b.events.console.filter(
        (e) => !(/status of 404/.test(e.text) && e.at === `${env.site.url(missing)}:0`),
      );
      assert.deepEqual(consoleErrors, [], show(consoleErrors));
      assert.deepEqual(env.b.events.pageErrors, [], show(env.b.events.pageErrors));
      assert.deepEqual(env.b.events.csp, [], show(env.b.events.csp));
      assert.deepEqual(env.b.events.external, [], show(env.b.events.external));
    } finally {
      await context.close();
    }
  });
}
