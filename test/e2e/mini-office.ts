// A tiny template for tests that need a signed-off run fast (sign-off, sync, waivers): import it
// through the Templates screen, then tick its three items so the gate says GO. The two laptops of
// the hub stories: Ana García's with a run of it for the Berlin office, and Sam Okafor's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { completeFirstRun } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { HubPanel } from './pages/sync-page';

export const MINI_TEMPLATE = `id: mini-office
version: 1.0.0
title: Mini office go-live
kind: new-office
changelog: First release, for the sign-off test.
departments:
  - { id: network, title: Network }
sections:
  - id: connectivity
    title: Connectivity
    department: network
    items:
      - id: isp-lines
        title: Independent ISP lines are live
        type: count
        min: 2
        unit: ISP line
        severity: blocking
        estimateMinutes: 60
      - id: speed-test
        title: Speed test on the primary line
        type: number
        unit: Mbit/s
        min: 100
        severity: major
        dependsOn: [isp-lines]
      - id: labels
        title: Rack labels photographed
        type: check
        severity: minor
`;

export async function importTemplate(page: Page, folder: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import template/ }).click();
  const path = join(folder, 'mini-office-1.0.0.yaml');
  writeFileSync(path, MINI_TEMPLATE);
  await (await chooser).setFiles(path);
  await expect(page.getByText('Mini office go-live').first()).toBeVisible();
}

type MiniItem = 'isp-lines' | 'speed-test' | 'labels';

/**
 * Ticks the items of a run of the mini template (two ISP lines, 940 Mbit/s, labels), all of them
 * unless `only` names some.
 */
export async function completeMiniRun(
  runs: RunsPage,
  only: MiniItem[] = ['isp-lines', 'speed-test', 'labels'],
) {
  if (only.includes('isp-lines')) await tickIspLines(runs);
  if (only.includes('speed-test')) await tickSpeedTest(runs);
  if (only.includes('labels')) {
    await runs.openItem('labels');
    await runs.markDone();
  }
}

async function tickIspLines(runs: RunsPage) {
  await runs.openItem('isp-lines');
  await runs.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('Telekom fibre 1 Gbit/s');
  await runs
    .detail()
    .getByRole('textbox', { name: 'ISP line 2' })
    .fill('Vodafone cable 500 Mbit/s — línea de respaldo');
  await runs.detail().getByLabel('Notes').click();
  await runs.markDone();
}

async function tickSpeedTest(runs: RunsPage) {
  await runs.openItem('speed-test');
  await runs
    .detail()
    .getByLabel(/Value \(Mbit\/s\)/)
    .fill('940');
  await runs
    .detail()
    .getByLabel(/Value \(Mbit\/s\)/)
    .press('Enter');
  await runs.markDone();
  await expect(runs.row('speed-test')).toContainText('Done');
}

/** A hub the laptops connect to (seed-hub.ts startTeamHub). */
interface Hub {
  url: string;
  folder: string;
}

async function connect(page: Page, hubUrl: string, code: string, name: string) {
  const hub = new HubPanel(page);
  await hub.open();
  await hub.connect(hubUrl, code);
  await expect(hub.connected()).toContainText(`as ${name}`);
}

/**
 * Ana García's laptop: her profile, connected to the hub, the mini template imported and a run of
 * it for the Berlin office (go-live 2026-12-07) open.
 */
export async function adminWithMiniRun(page: Page, hub: Hub, code: string): Promise<RunsPage> {
  await completeFirstRun(page, {
    name: 'Ana García',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  });
  await connect(page, hub.url, code, 'Ana García');
  return startMiniRun(page, hub.folder);
}

/** Imports the mini template and starts a run of it for the Berlin office (go-live 2026-12-07). */
export async function startMiniRun(page: Page, folder: string): Promise<RunsPage> {
  await importTemplate(page, folder);
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  const runs = new RunsPage(page);
  await runs.startRun({
    template: 'Mini office go-live',
    name: 'Berlin office',
    goLive: '2026-12-07',
  });
  return runs;
}

/**
 * Sam Okafor's laptop, in a browser context of its own: his profile, the mini template when a
 * shared run needs it, connected to the hub (connecting syncs at once). Close the context after.
 */
export async function supervisorLaptop(
  browser: Browser,
  hub: Hub,
  code: string,
  options: { withTemplate: boolean },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await completeFirstRun(page, { name: 'Sam Okafor', role: 'Supervisor', office: 'Central ICT' });
  if (options.withTemplate) await importTemplate(page, hub.folder);
  await connect(page, hub.url, code, 'Sam Okafor');
  return { context, page };
}
