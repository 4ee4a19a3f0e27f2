// The coach's brand (site.yaml `brand:`): tests/fixtures/brand-every-key built under
// /reach-out/ with its own accent, a very light one and a very dark one. axe finds no
// violation in either colour scheme, the derived colours are applied, the icons and the share
// image answer 200 under the subpath, and nothing is requested from another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { TAGS } from './lib/axe.mjs';
import { REPO_ROOT, PREFIX, startSite, launch, show } from './lib/site.mjs';

const FIXTURE = path.join(REPO_ROOT, 'tests', 'fixtures', 'brand-every-key');
const PAGES = ['', 'days/day-1/', 'myths/too-late/', 'days/'];

// The light yellow also drops the logo, so the built-in icon set is checked too.
const VARIANTS = [
  { name: 'the fixture accent #7a3e9d', accent: null, logo: true },
  { name: 'a light accent #ffd400', accent: '#ffd400', logo: false },
  { name: 'a dark accent #1a1a7a', accent: '#1a1a7a', logo: true },
];

let tmp;
before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'reachout-brand-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** A copy of the fixture with `accent` in both schemes and the logo kept or removed. */
async function variantRoot(v, i) {
  const root = path.join(tmp, `site-${i}`);
  await cp(FIXTURE, root, { recursive: true });
  let yaml = await readFile(path.join(root, 'site.yaml'), 'utf8');
  if (v.accent) yaml = yaml.replace(/accent: "#[0-9a-f]+"/g, `accent: "${v.accent}"`);
  if (!v.logo) yaml = yaml.replace(/^ {2}logo: .*\n/m, '');
  await writeFile(path.join(root, 'site.yaml'), yaml);
  return root;
}

VARIANTS.forEach((v, i) => {
  test(`brand with ${v.name}: axe clean in light and dark, icons resolve, nothing off-site`, async () => {
    const site = await startSite({ root: await variantRoot(v, i) });
    const b = await launch({ origin: site.origin });
    try {
      for (const scheme of ['light', 'dark']) {
        const context = await b.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        for (const p of PAGES) {
          const url = site.url(p);
          const res = await page.goto(url);
          assert.equal(res.status(), 200, url);
          const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim());
          const expected = v.accent ?? (scheme === 'dark' ? '#d8a7f0' : '#7a3e9d');
          assert.equal(accent, expected, `--accent on ${url} (${scheme})`);
          // The call to action is a filled accent button with black or white text.
          const cta = await page.$eval('header .header-cta', (a) => {
            const s = getComputedStyle(a);
            return { bg: s.backgroundColor, color: s.color };
          });
          assert.match(cta.color, /^rgb\((0, 0, 0|255, 255, 255)\)$/, `CTA text on ${url} (${scheme})`);
          const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
          const violations = results.violations.map((x) => ({
            rule: x.id,
            nodes: x.nodes.slice(0, 6).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`),
          }));
          assert.deepEqual(violations, [], `${url} (${scheme}, ${v.name}):\n${show(violations)}`);
          const ran = [...results.passes, ...results.incomplete].map((r) => r.id);
          assert.ok(ran.includes('color-contrast'), `axe did not check contrast on ${url}`);
        }
        await context.close();
      }

      // Icons and the share image, as the page names them, answer 200 under the subpath.
      const page = await b.newPage();
      await page.goto(site.url(''));
      const refs = await page.evaluate(() => ({
        icons: [...document.querySelectorAll('link[rel="icon"], link[rel="apple-touch-icon"]')].map((l) => l.href),
        og: document.querySelector('meta[property="og:image"]').content,
        twitter: document.querySelector('meta[name="twitter:image"]').content,
        alt: document.querySelector('meta[property="og:image:alt"]').content,
        photo: document.querySelector('main img.coach-photo')?.currentSrc,
        photoLoaded: document.querySelector('main img.coach-photo')?.naturalWidth > 0,
      }));
      assert.ok(refs.icons.length >= 2, show(refs));
      assert.ok(refs.og.startsWith(site.baseUrl), `og:image is absolute under the subpath: ${refs.og}`);
      assert.equal(refs.twitter, refs.og);
      assert.ok(refs.alt.length > 0);
      assert.ok(refs.photoLoaded, `the coach photo loads: ${refs.photo}`);
      for (const u of [...refs.icons, refs.og, refs.photo]) {
        assert.ok(new URL(u).pathname.startsWith(PREFIX), `${u} is under ${PREFIX}`);
        const r = await fetch(u);
        assert.equal(r.status, 200, u);
        assert.match(r.headers.get('content-type'), /^image\//, u);
      }
      if (v.logo) assert.ok(refs.og.endsWith('/img/logo.png'), refs.og);
      else assert.ok(refs.og.endsWith('/icons/og-image.png'), refs.og);
      assert.deepEqual(b.events.external, [], `requests to other origins:\n${show(b.events.external)}`);
      assert.deepEqual(b.events.csp, [], `CSP violations:\n${show(b.events.csp)}`);
    } finally {
      await b.close();
      await site.close();
    }
  });
});
