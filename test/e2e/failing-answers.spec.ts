// A failing answer never passes as Done unnoticed (issue 16, point 1), with a threshold that follows
// the run (issue 15): the administrator names 1 of 2 ISP lines and presses `x`; the app names the
// failure and asks for a choice. "Keep open" keeps it open; "Mark done anyway (failing)" needs a
// reason. The sign-off dialog then lists every failing answer with what was decided, and the signed
// PDF's summary page says it again. Real IndexedDB in Chromium, real PDF read back with poppler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect, completeFirstRun, saveScreenshot, SCREENSHOT_DIR } from './fixtures';
import { RunsPage } from './pages/runs-page';

const TEMPLATE = `id: failing-office
version: 1.0.0
title: Failing answers office
kind: new-office
changelog: For the failing-answers test.
departments:
  - { id: network, title: Network }
parameters:
  - id: seats
    label: Seats on site
    type: number
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
        severity: major
      - id: access-points
        title: Wi-Fi access points named
        type: count
        min: "max(2, ceil(seats / 20))"
        unit: access point
        severity: minor
`;

const REASON = 'Second line is delivered on Monday; Telekom carries the office until then.';

async function importTemplate(page: Page, folder: string) {
  await page.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Import template/ }).click();
  const path = join(folder, 'failing-office.yaml');
  writeFileSync(path, TEMPLATE);
  await (await chooser).setFiles(path);
  await expect(page.getByText('Failing answers office').first()).toBeVisible();
}

/** Serious and critical accessibility violations inside `selector`. */
async function axeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help}`);
}

test('a failing count ticked with x asks first, and the sign-off and PDF list it', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-failing-'));
  await completeFirstRun(page);
  await importTemplate(page, folder);
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  const runs = new RunsPage(page);
  await runs.startRun({
    template: 'Failing answers office',
    name: 'Berlin office',
    goLive: '2026-12-07',
    text: { 'Seats on site': '60' },
  });

  // One of two ISP lines named, then `x` on the row.
  await runs.openItem('isp-lines');
  await runs.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('Telekom fibre 1 Gbit/s');
  await runs.detail().getByLabel('Notes').click();
  await expect(runs.detail().getByText('Failing: 1 of 2 ISP lines named.')).toBeVisible();
  await runs.row('isp-lines').click();
  await page.keyboard.press('x');

  const dialog = page.getByRole('dialog', { name: 'This answer fails its check' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Independent ISP lines are live');
  await expect(dialog).toContainText('1 of 2 ISP lines named.');
  await saveScreenshot(page, testInfo, 'failing-answer-dialog');
  expect(await axeViolations(page, '.failing-dialog')).toEqual([]);

  // Keep open: nothing changes.
  await dialog.getByRole('button', { name: 'Keep open' }).click();
  await expect(dialog).toBeHidden();
  await expect(runs.detail().getByText('Open', { exact: true }).first()).toBeVisible();

  // Mark done anyway: a reason is required, then it is recorded.
  await runs.row('isp-lines').click();
  await page.keyboard.press('x');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark done anyway (failing)' }).click();
  await expect(dialog.getByText('Say why, or keep it open.')).toBeVisible();
  await dialog.getByLabel('Why is it done anyway?').fill(REASON);
  await dialog.getByRole('button', { name: 'Mark done anyway (failing)' }).click();
  await expect(dialog).toBeHidden();
  await expect(runs.detail().getByText('Done', { exact: true }).first()).toBeVisible();
  await expect(runs.detail().getByText(/Marked done anyway by Ana García/)).toContainText(REASON);

  // A count whose minimum follows the run: 60 seats ask for max(2, ceil(60 / 20)) = 3.
  await runs.openItem('access-points');
  await expect(runs.detail().getByText('at least 3 (from max(2, ceil(seats / 20)))')).toBeVisible();
  await runs.detail().getByRole('textbox', { name: 'access point 1' }).fill('ap-floor-1');
  await runs.detail().getByRole('textbox', { name: 'access point 2' }).fill('ap-floor-2');
  await runs.detail().getByLabel('Notes').click();
  await expect(
    runs.detail().getByText('Failing: 2 of 3 access points named (from max(2, ceil(seats / 20))).'),
  ).toBeVisible();

  // The sign-off dialog names both failing answers before the signature.
  await page.getByRole('button', { name: 'Sign off…' }).click();
  const signOff = page.getByRole('dialog', { name: 'Sign off Berlin office' });
  const failing = signOff.getByRole('region', { name: '2 failing answers' });
  await expect(failing).toBeVisible();
  await expect(failing.getByRole('listitem').nth(0)).toContainText(
    'Independent ISP lines are live',
  );
  await expect(failing.getByRole('listitem').nth(0)).toContainText('1 of 2 ISP lines named.');
  await expect(failing.getByRole('listitem').nth(0)).toContainText(
    `Marked done anyway by Ana García: ${REASON}`,
  );
  await expect(failing.getByRole('listitem').nth(1)).toContainText('Wi-Fi access points named');
  await expect(failing.getByRole('listitem').nth(1)).toContainText('Not done: Open.');
  await saveScreenshot(page, testInfo, 'signoff-failing-answers');
  expect(await axeViolations(page, '.modal')).toEqual([]);

  // Signed, the PDF's summary page says it again.
  await signOff.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
  await signOff.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText(/Signed off by Ana García/)).toBeVisible();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const pdfPath = join(folder, 'sign-off.pdf');
  await (await pending).saveAs(pdfPath);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
  const summary = text.split('\f').find((page) => page.includes('Failing items')) ?? '';
  const flat = summary.replace(/\s+/g, ' ');
  expect(flat).toContain('1 of 2 ISP lines named.');
  expect(flat).toContain('Marked done anyway, because:');
  expect(flat).toContain(REASON);
  expect(flat).toContain('2 of 3 access points named (from max(2, ceil(seats / 20))).');
  const summaryPage = String(text.split('\f').indexOf(summary) + 1);
  execFileSync('pdftoppm', [
    '-r',
    '80',
    '-png',
    '-singlefile',
    '-f',
    summaryPage,
    '-l',
    summaryPage,
    pdfPath,
    join(SCREENSHOT_DIR, 'failing-answers-pdf-summary'),
  ]);
});
