// The screens a newcomer lives the go-live weekend on (issue 16's "Done when"), at 1366x860 in
// English and in Spanish: the run screen mid-way (a blocker raised, items done), the sign-off
// dialog, Settings, and Compare with a real hub's rollouts. Each picture is checked with axe and
// saved for a person to look at (WEEKEND_SCREENS, or test-results/screens/weekend/).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { test, expect, completeFirstRun, expectAccessible } from './fixtures';
import { completeMiniRun, importTemplate } from './mini-office';
import { ComparePage } from './pages/compare-page';
import { RunsPage } from './pages/runs-page';
import { SettingsPage } from './pages/settings-page';
import { HubPanel, SyncPage } from './pages/sync-page';
import { startSeededHub } from './seed-hub';

const SCREENS =
  process.env.WEEKEND_SCREENS ??
  fileURLToPath(new URL('../../test-results/screens/weekend/', import.meta.url));

test.use({ viewport: { width: 1366, height: 860 } });

async function picture(page: Page, testInfo: TestInfo, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  const path = join(SCREENS, `${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  await expectAccessible(page, name);
}

async function toSpanish(page: Page) {
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await new SettingsPage(page).chooseLanguage('English', 'Español');
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
}

test('run screen, sign-off dialog and Settings in English and Spanish', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-weekend-'));
  await completeFirstRun(page);
  await importTemplate(page, folder);
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  const runs = new RunsPage(page);
  await runs.startRun({
    template: 'Mini office go-live',
    name: 'Berlin office',
    goLive: '2026-12-07',
  });
  await runs.openItem('labels');
  await runs.markWithReason('Blocked…', 'The label printer arrives on Monday.');
  await runs.search('');
  await picture(page, testInfo, 'run-en');

  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await picture(page, testInfo, 'settings-en');

  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('link', { name: 'Berlin office' }).first().click();
  await completeMiniRun(runs);
  await runs.search('');
  await page.getByRole('button', { name: 'Sign off…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
  await picture(page, testInfo, 'signoff-dialog-en');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await toSpanish(page);
  await picture(page, testInfo, 'settings-es');
  await page.getByRole('navigation').getByRole('link', { name: 'Ejecuciones' }).click();
  await page.getByRole('link', { name: 'Berlin office' }).first().click();
  await picture(page, testInfo, 'run-es');
  await page.getByRole('button', { name: /^Firmar/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await picture(page, testInfo, 'signoff-dialog-es');
});

test('Compare in English and Spanish', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const hub = await startSeededHub();
  try {
    await completeFirstRun(page, {
      name: 'Helena Vogel',
      role: 'Global head of ICT',
      office: 'Head office',
    });
    const hubPanel = new HubPanel(page);
    await hubPanel.open();
    await hubPanel.connect(hub.url, hub.headCode);
    await expect(new SyncPage(page).statusLastSync()).toHaveText(/Synced/, { timeout: 60_000 });
    const compare = new ComparePage(page);
    await compare.open();
    await expect(compare.rolloutRows()).toHaveCount(7);
    await picture(page, testInfo, 'compare-en');
    await toSpanish(page);
    await page.getByRole('navigation').getByRole('link', { name: 'Comparar' }).click();
    await expect(page.getByRole('table')).toBeVisible();
    await picture(page, testInfo, 'compare-es');
    // The longer Spanish words still fit the window.
    const overflow = await page
      .getByRole('table')
      .evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0));
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await hub.stop();
  }
});
