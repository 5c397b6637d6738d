// Shared e2e helpers: a fresh profile on a fresh browser context, screenshots saved where a
// person can look at them (test-results/screens/<name>.png) and attached to the report, and axe-core
// run on every screenshot's state and on each test's last state (accessibility.ts).
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { checkAccessibility, takeFindings } from './accessibility';
import { fileURLToPath } from 'node:url';
import { FirstRunPage, type RoleLabel } from './pages/first-run-page';
import { AppShellPage } from './pages/app-shell-page';

export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-results/screens/', import.meta.url),
);

export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  await checkAccessibility(page, testInfo.testId, name);
}

/** Checks the page's current state with axe; the test fails at its end on any serious finding. */
export async function expectAccessible(page: Page, state: string) {
  await checkAccessibility(page, base.info().testId, state);
}

export async function completeFirstRun(
  page: Page,
  profile: { name: string; role: RoleLabel; office: string } = {
    name: 'Ana García',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  },
) {
  await page.goto('./');
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading()).toBeVisible();
  await firstRun.fill(profile);
  await firstRun.submit();
  await expect(new AppShellPage(page).navigation()).toBeVisible();
}

export const test = base.extend<{
  shell: AppShellPage;
  cspViolations: string[];
  missingTranslations: string[];
  accessibility: void;
}>({
  shell: async ({ page }, use) => {
    await use(new AppShellPage(page));
  },
  // Every test fails if the page breaks the Content-Security-Policy: the app must work under it.
  cspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
          violations.push(message.text());
        }
      });
      await use(violations);
      expect(violations, 'CSP violations').toEqual([]);
    },
    { auto: true },
  ],
  // Every test fails if a screen it visits asks for a translation key the strings do not have.
  missingTranslations: [
    async ({ page }, use) => {
      const missing: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && /Missing translation key/.test(message.text())) {
          missing.push(message.text());
        }
      });
      await use(missing);
      expect(missing, 'missing translation keys').toEqual([]);
    },
    { auto: true },
  ],
  // Every test fails on a serious or critical axe violation in any state it looked at, including
  // the page as the test leaves it.
  accessibility: [
    async ({ page }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) {
        await checkAccessibility(page, testInfo.testId, 'last state');
      }
      expect(takeFindings(testInfo.testId), 'serious or critical axe violations').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
