// axe-core for the browser tests: one tag list and one readable summary of violations, so
// every page is held to the same rules and a failure reads the same everywhere.
import { AxeBuilder } from '@axe-core/playwright';

/** The rules every page is checked against: WCAG 2.0 and 2.1, A and AA, and best practices. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/** Violations cut to what a reader needs: rule, impact, help and up to 8 nodes. */
export function summarize(violations) {
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 8).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary?.split('\n').slice(0, 3).join(' | ') })),
    more: Math.max(0, v.nodes.length - 8),
  }));
}

/** Runs axe with {@link TAGS} on `page` and returns the summarized violations. */
export async function axe(page) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return summarize(results.violations);
}
