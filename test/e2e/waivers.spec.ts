// Four-eyes waivers end to end (issue 16, point 2), in web mode with a real hub on 127.0.0.1
// (SQLite in a temporary folder) and two people in two browser contexts. The administrator's
// waiver of a blocking item is only a request: the item says "Waiver pending", the gate stays at
// NO-GO and says why, and sign-off is not possible. The run is shared on the hub; the supervisor
// of its office syncs, finds the request under "Waivers awaiting you", refuses it with a reason
// (the administrator sees "Waiver refused" and why), then approves the renewed request with their
// own device key, and syncs; the administrator syncs, sees who approved it, and the gate turns to GO
// with waivers. The sign-off dialog states what is still open, and the PDF names the approver.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SharedRunRecord } from '../../hub/shared-runs/run-store';
import type { RunRow } from '../../renderer/storage/database';
import { expect, saveScreenshot } from './fixtures';
import { adminWithMiniRun, supervisorLaptop } from './mini-office';
import { test } from './seed-hub';
import { SyncPage } from './pages/sync-page';

const JUSTIFICATION =
  'Line 2 is delivered on Tuesday; agreed with Sam Okafor to go live on line 1.';

/** The run as the administrator's device stores it (IndexedDB 'runs'). */
function readRun(page: Page, name: string): Promise<RunRow> {
  return page.evaluate(
    `new Promise((resolve, reject) => {
      const open = indexedDB.open('go-live-checklists');
      open.onsuccess = () => {
        const all = open.result.transaction('runs').objectStore('runs').getAll();
        all.onsuccess = () => resolve(all.result.find((run) => run.name === ${JSON.stringify(name)}));
        all.onerror = () => reject(all.error);
      };
      open.onerror = () => reject(open.error);
    })`,
  );
}

async function syncAndWait(sync: SyncPage) {
  await sync.open();
  await sync.syncNow();
  await expect(sync.statusLastSync()).toHaveText(/Synced/, { timeout: 15_000 });
}

test('a waiver is a request until the supervisor approves it with their own key, through the hub', async ({
  page: admin,
  browser,
  teamHub: hub,
}, testInfo) => {
  test.setTimeout(240_000);
  // The administrator: the second ISP line is not there; the blocking item gets a waiver request.
  const runs = await adminWithMiniRun(admin, hub, hub.adminCode);
  await runs.openItem('isp-lines');
  await runs.markWithReason('Request waiver…', JUSTIFICATION);
  await expect(runs.row('isp-lines')).toContainText('Waiver pending');
  await expect(runs.detail()).toContainText('Awaits a supervisor of the office');
  await expect(runs.gate()).toContainText('NO-GO');
  await expect(admin.getByText('1 waiver awaits a supervisor')).toBeVisible();
  await expect(admin.getByRole('button', { name: 'Sign off…' })).toBeDisabled();
  await saveScreenshot(admin, testInfo, 'waiver-request');

  // The run is shared on the hub (the owner's sharing, at the store: the team UI is tested apart).
  const run = await readRun(admin, 'Berlin office');
  const shared: SharedRunRecord = {
    runId: run.id,
    name: run.name,
    kind: run.kind,
    office: 'Berlin office',
    definitionId: run.definitionId,
    definitionVersion: run.definitionVersion,
    definitionHash: run.definitionHash,
    parameters: run.parameters,
    plannedGoLive: run.plannedGoLive,
    createdAt: run.createdAt,
    ownerId: hub.adminId,
    plan: {},
    updatedAt: new Date().toISOString(),
  };
  expect((await hub.store.sharedRuns.createRun(shared, [])).inserted).toBe(true);
  const adminSync = new SyncPage(admin);
  await syncAndWait(adminSync);

  // The supervisor of the office: the request waits for them; they approve it with their key.
  const { context: supervisorContext, page: supervisor } = await supervisorLaptop(
    browser,
    hub,
    hub.supervisorCode,
    { withTemplate: true },
  );
  const supervisorSync = new SyncPage(supervisor);
  await syncAndWait(supervisorSync);
  await supervisor.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
  const awaiting = supervisor.getByRole('region', { name: 'Waivers awaiting you' });
  const decideButton = awaiting.getByRole('button', {
    name: 'Approve or refuse the waiver of Independent ISP lines are live',
  });
  const decision = supervisor.getByRole('dialog');

  // First the supervisor refuses: a refusal needs its reason, and the gate says it is refused.
  await expect(awaiting).toContainText('Independent ISP lines are live', { timeout: 15_000 });
  await expect(awaiting).toContainText('requested by Ana García');
  await expect(awaiting).toContainText(JUSTIFICATION);
  await decideButton.click();
  await expect(decision).toContainText(JUSTIFICATION);
  await decision.getByRole('button', { name: 'Refuse and sign' }).click();
  await expect(decision).toContainText('Say why the waiver is refused.');
  await decision.getByLabel('Comment').fill('Not without a date for line 2 from the provider.');
  await decision.getByRole('button', { name: 'Refuse and sign' }).click();
  await expect(decision).toBeHidden();
  await expect(awaiting.getByRole('status')).toContainText('You refused the waiver');
  await syncAndWait(supervisorSync);
  await syncAndWait(adminSync);
  await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await admin.getByRole('link', { name: 'Berlin office', exact: true }).click();
  await expect(admin.getByText('1 waiver refused')).toBeVisible({ timeout: 15_000 });
  await expect(runs.gate()).toContainText('NO-GO');
  await runs.openItem('isp-lines');
  await expect(runs.row('isp-lines')).toContainText('Waiver refused');
  await expect(runs.detail()).toContainText('Refused by Sam Okafor');
  await expect(runs.detail()).toContainText('Not without a date for line 2 from the provider.');
  await saveScreenshot(admin, testInfo, 'waiver-refused');

  // The administrator withdraws it and asks again with the provider's date; Sam approves.
  await runs.detail().getByRole('button', { name: 'Withdraw request' }).click();
  await runs.markWithReason('Request waiver…', `${JUSTIFICATION} Provider confirms Tuesday 8:00.`);
  await expect(runs.row('isp-lines')).toContainText('Waiver pending');
  await syncAndWait(adminSync);
  await syncAndWait(supervisorSync);
  await supervisor.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
  await expect(awaiting).toContainText('Provider confirms Tuesday 8:00.', { timeout: 15_000 });
  await decideButton.click();
  await decision.getByLabel('Comment').fill('Agreed on the phone: line 2 by Tuesday.');
  await saveScreenshot(supervisor, testInfo, 'waiver-approval');
  await decision.getByRole('button', { name: 'Approve and sign' }).click();
  await expect(decision).toBeHidden();
  await expect(awaiting.getByRole('status')).toContainText(
    'You approved the waiver of “Independent ISP lines are live”',
  );
  await expect(awaiting).toContainText('No waiver awaits your decision.');
  await syncAndWait(supervisorSync);

  // The administrator syncs: approved by Sam, the gate is GO with waivers.
  await syncAndWait(adminSync);
  await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await admin.getByRole('link', { name: 'Berlin office', exact: true }).click();
  await expect(runs.gate()).toContainText('GO with waivers', { timeout: 15_000 });
  await runs.openItem('isp-lines');
  await expect(runs.row('isp-lines')).toContainText('Waived');
  await expect(runs.detail()).toContainText('Approved by Sam Okafor');
  await expect(admin.getByText('1 waiver awaits a supervisor')).toBeHidden();
  await saveScreenshot(admin, testInfo, 'waiver-approved');

  // Sign-off states what is still open; the PDF names who approved the waiver.
  await admin.getByRole('button', { name: 'Sign off…' }).click();
  const dialog = admin.getByRole('dialog');
  const open = dialog.getByRole('region', { name: 'Still open when you sign' });
  await expect(open).toContainText('0 blocking items open');
  await expect(open).toContainText('1 major item open');
  await expect(open).toContainText('1 minor item open');
  await expect(open).toContainText('Waivers: 1 approved by a supervisor, 0 pending, 0 refused');
  await expect(dialog).toContainText('approved by Sam Okafor');
  await saveScreenshot(admin, testInfo, 'signoff-with-waiver');
  await dialog.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
  const pending = admin.waitForEvent('download');
  await admin.getByRole('button', { name: 'Export PDF' }).click();
  const pdfPath = join(hub.folder, 'waivers.pdf');
  await (await pending).saveAs(pdfPath);
  const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  // The waivers table has an approver column, and the waived item names its approver.
  expect(pdfText).toMatch(/Justification\s+By\s+Approved by/);
  expect(pdfText).toMatch(/Approved by: Sam Okafor \(Supervisor\) · /);
  expect(pdfText).toContain('GO WITH WAIVERS');
  await supervisorContext.close();
});
