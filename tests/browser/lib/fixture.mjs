// One served site and one browser per test file: the set-up every browser test shares.
import { before, after } from 'node:test';
import { startSite, launch } from './site.mjs';
import { discover } from './crawl.mjs';

/**
 * Registers before/after hooks that build and serve the site, launch chromium and (unless
 * `discover: false`) find the pages of each kind. Read the fields inside tests and hooks:
 * `env.site`, `env.b` (the browser), `env.urls`. A file's own `before` hook that needs them
 * awaits `env.ready()` first: node 20 does not wait for one root hook before starting the next.
 */
export function useSite({ discover: findPages = true } = {}) {
  let started;
  const env = { site: undefined, b: undefined, urls: undefined };
  env.ready = () =>
    (started ??= (async () => {
      env.site = await startSite();
      env.b = await launch({ origin: env.site.origin });
      if (findPages) env.urls = await discover(env.site, env.b);
      return env;
    })());
  before(env.ready);
  after(async () => {
    await env.b?.close();
    await env.site?.close();
  });
  return env;
}
