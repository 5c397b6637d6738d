// Accessibility in every e2e test (issue 16, point 12): axe-core runs on each screen and state the
// suite visits (every saved screenshot, every explicit check, and the page as each test leaves it),
// and a test fails on any serious or critical violation, named with the state it was found in.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** Violations found so far, per test (Playwright's testId), read by the fixture's teardown. */
const findings = new Map<string, string[]>();

/** Serious and critical violations on the page as it is now, one line each, with where. */
export async function axeFindings(page: Page, state: string): Promise<string[]> {
  // Legacy mode runs axe.run in the page itself: the default finishes each run in a new blank page
  // with axe injected again, which cost 2-5x the check itself (the app has no iframes to merge).
  // Only violations are listed in full (resultTypes), which spares axe listing every passing node.
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const where = violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ');
      return `[${state}] ${violation.impact} ${violation.id}: ${violation.help} (${where})`;
    });
}

/** Runs axe now and records what it finds against the current test. */
export async function checkAccessibility(page: Page, testId: string, state: string) {
  if (page.isClosed()) return;
  const found = await axeFindings(page, state);
  if (found.length === 0) return;
  findings.set(testId, [...(findings.get(testId) ?? []), ...found]);
}

/** Everything recorded for a test, deduplicated, and forgets it. */
export function takeFindings(testId: string): string[] {
  const found = findings.get(testId) ?? [];
  findings.delete(testId);
  return [...new Set(found)];
}
