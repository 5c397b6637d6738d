// A go-live on site, as the administrator works it: start a run, answer items of every type,
// attach evidence, hit the rules (reasons, dependencies, thresholds), raise a blocker, waive,
// undo, and find everything again after a reload.
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { dateField, fillDate } from './pages/date-field';

const BERLIN = {
  template: 'New office go-live',
  name: 'Berlin office',
  goLive: '2026-12-07',
  text: {
    'Seats (workstations) on site': '120',
    'Country (ISO 3166-1 alpha-2 code, e.g. DE)': 'DE',
  },
  checks: ['The office has its own server room'],
  choices: { 'Work model': 'hybrid' },
};

test('start a run, answer every item type, hit the rules, and find it all after a reload', async ({
  page,
  shell,
}, testInfo) => {
  test.setTimeout(180_000);
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  // A new run takes the newest version of the template by default.
  await expect(page.getByText('New office go-live 1.2.0')).toBeVisible();
  await expect(runs.gate()).toContainText('NO-GO');
  await saveScreenshot(page, testInfo, 'run-new');

  // check item by keyboard
  await runs.openItem('site-access-badges');
  await page.keyboard.press('Escape');
  await runs.itemList().focus();
  await page.keyboard.press('x');
  await expect(runs.row('site-access-badges')).toContainText('Done');

  // evidence required: refused without a file, accepted with one
  await runs.openItem('electrical-circuits-dedicated');
  await runs.markDone();
  await expect(runs.errorMessage()).toContainText(/evidence/i);
  const chooser = page.waitForEvent('filechooser');
  await runs.detail().getByRole('button', { name: 'Attach files…' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'panel-label.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Circuit 14-16 dedicated to IT'),
  });
  await expect(runs.detail().getByText('panel-label.txt')).toBeVisible();
  await runs.markDone();
  await expect(runs.detail().getByText('Done').first()).toBeVisible();

  // a dependent item is refused until its dependency is done
  await runs.openItem('isp-circuit-details');
  await runs.detail().getByLabel('Answer').fill('DTAG 4711; Vodafone 0815');
  await runs.detail().getByLabel('Notes').click();
  await runs.markDone();
  await expect(runs.errorMessage()).toContainText(
    'is waiting on "Independent internet lines delivered',
  );

  // count below minimum fails, then a blocker is raised with its reason
  await runs.openItem('isp-lines-delivered');
  await runs.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('Deutsche Telekom fibre');
  await runs.detail().getByRole('textbox', { name: 'ISP line 2' }).click();
  await expect(
    runs
      .detail()
      .getByText(/Failing/)
      .first(),
  ).toBeVisible();
  await runs.markWithReason(
    'Blocked…',
    'Second line (Vodafone) not delivered: install slipped to Sunday',
  );
  await expect(page.getByText('1 blocker raised')).toBeVisible();
  await expect(runs.row('isp-lines-delivered')).toContainText('Blocked');

  // N/A needs a reason
  await runs.openItem('public-ip-addresses');
  await runs.detail().getByRole('button', { name: 'Not applicable…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('dialog').getByText('A reason is required.')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(runs.row('public-ip-addresses')).toContainText('Open');

  // number below threshold is visibly failing
  await runs.openItem('ups-runtime-minutes');
  await runs
    .detail()
    .getByLabel(/Value \(minutes\)/)
    .fill('10');
  await runs
    .detail()
    .getByLabel(/Value \(minutes\)/)
    .press('Enter');
  await expect(runs.row('ups-runtime-minutes')).toContainText('Failing');

  // choice and date
  await runs.openItem('isp-support-level');
  await runs.detail().getByText('Business SLA, fault fixed within 4 hours, 24/7').click();
  await expect(runs.row('isp-support-level')).toContainText('Business SLA');
  await runs.openItem('ups-battery-replacement-date');
  await fillDate(dateField(runs.detail(), 'Date'), '2029-05-01');
  await page.keyboard.press('Enter');
  await expect(runs.row('ups-battery-replacement-date')).toContainText('2029-05-01');

  // a waiver request on the blocked blocking item: it waits for a supervisor (four eyes)
  await runs.openItem('isp-lines-delivered');
  await runs.markWithReason(
    'Request waiver…',
    'Go-live on one line approved by the supervisor; second line Sunday',
  );
  await expect(runs.row('isp-lines-delivered')).toContainText('Waiver pending');

  // the waiting-on view and the critical path; the status digest
  await page.getByRole('tab', { name: 'Waiting on' }).click();
  await expect(page.getByRole('heading', { name: 'Critical path to go-live' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Waiting on Network' })).toContainText(
    'Independent internet lines delivered',
  );
  await saveScreenshot(page, testInfo, 'run-waiting-on');
  await page.getByRole('tab', { name: 'Checklist' }).click();
  await page.getByRole('button', { name: 'Status digest' }).click();
  const digest = page.getByRole('dialog');
  await expect(digest).toContainText('Berlin office');
  await expect(digest).toContainText('NO-GO');
  await saveScreenshot(page, testInfo, 'run-digest');
  await digest.getByRole('button', { name: 'Close' }).click();

  // undo the last change (the waiver)
  await runs.itemList().focus();
  await page.keyboard.press('u');
  await expect(runs.row('isp-lines-delivered')).not.toContainText('Waiver pending');
  await saveScreenshot(page, testInfo, 'run-working');

  await page.reload();
  await runs.search('');
  await expect(runs.row('site-access-badges')).toContainText('Done');
  await expect(runs.row('electrical-circuits-dedicated')).toContainText('Done');
  // The list renders the rows in view: items further down are found by searching, as a person does.
  await runs.search('isp-lines-delivered');
  await expect(runs.row('isp-lines-delivered')).toContainText('Blocked');
  await runs.search('ups-runtime-minutes');
  await expect(runs.row('ups-runtime-minutes')).toContainText('Failing');
  await runs.search('');
  await expect(page.getByText('1 blocker raised')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Integrity' })).toHaveCount(0);

  await shell.open('Runs');
  await expect(page.getByRole('table', { name: 'Runs on this device' })).toContainText(
    'Berlin office',
  );
  await expect(page.getByRole('table', { name: 'Runs on this device' })).toContainText('NO-GO');
  await saveScreenshot(page, testInfo, 'runs-list');
});

test('back up everything, restore into a fresh profile, and find the run as it was', async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  await runs.openItem('site-access-badges');
  await runs.markDone();
  await runs.openItem('isp-lines-delivered');
  await runs.markWithReason('Blocked…', 'Second line not delivered');

  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Back up all data…' }).click();
  const backup = await pending;
  const path = testInfo.outputPath(backup.suggestedFilename());
  await backup.saveAs(path);
  await expect(page.getByText(/Backup saved/)).toBeVisible();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await completeFirstRun(other, {
    name: 'Ben Ruiz',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  });
  await other.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const chooser = other.waitForEvent('filechooser');
  await other.getByRole('button', { name: 'Restore from backup…' }).click();
  await (await chooser).setFiles(path);
  await expect(other.getByText(/Restored 1 runs/)).toBeVisible();
  await saveScreenshot(other, testInfo, 'settings-restored');

  await other.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await other.getByRole('link', { name: 'Berlin office' }).click();
  const restored = new RunsPage(other);
  await expect(restored.row('site-access-badges')).toContainText('Done');
  await restored.search('isp-lines-delivered');
  await expect(restored.row('isp-lines-delivered')).toContainText('Blocked');
  await expect(other.getByRole('alert').filter({ hasText: 'Integrity' })).toHaveCount(0);

  // Restoring the same file again never overwrites: the run is already here.
  await other.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  const again = other.waitForEvent('filechooser');
  await other.getByRole('button', { name: 'Restore from backup…' }).click();
  await (await again).setFiles(path);
  await expect(other.getByText(/Restored 0 runs/)).toBeVisible();
  await fresh.close();
});
