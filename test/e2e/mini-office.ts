// A tiny template for tests that need a signed-off run fast (sign-off, sync): import it through the
// Templates screen, then tick its three items so the gate says GO.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import type { RunsPage } from './pages/runs-page';

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

/** Ticks every item of a run of the mini template (two ISP lines, 940 Mbit/s, labels). */
export async function completeMiniRun(runs: RunsPage) {
  await runs.openItem('isp-lines');
  await runs.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('Telekom fibre 1 Gbit/s');
  await runs
    .detail()
    .getByRole('textbox', { name: 'ISP line 2' })
    .fill('Vodafone cable 500 Mbit/s — línea de respaldo');
  await runs.detail().getByLabel('Notes').click();
  await runs.markDone();
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
  await runs.openItem('labels');
  await runs.markDone();
}
