// The review outcome syncs back, end to end in web mode: a real hub on 127.0.0.1 (SQLite in a
// temporary folder) started by the test, two people in two browser contexts, each enrolled with a
// one-time code. The administrator signs a run off and syncs; the supervisor of that office syncs,
// finds it in Review awaiting review, sends it back with a comment and syncs; the administrator
// syncs and sees "Sent back by …" on the run, which is open again (the runs list says so too), signs
// off revision 2, and the hub takes it as the successor of revision 1.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBundle, type SignedReport } from '../../core/reports';
import { createUser, issueCode } from '../../hub/enrollment';
import { createHub } from '../../hub/server';
import { openSqliteStore } from '../../hub/store/open-store';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { completeMiniRun, importTemplate } from './mini-office';
import { ReviewPage } from './pages/review-page';
import { RunsPage } from './pages/runs-page';
import { HubPanel, SyncPage } from './pages/sync-page';

const COMMENT =
  'The failover test between the two ISP lines is missing: test it and sign off again.';

test('a send-back made by the supervisor reaches the administrator and reopens the run', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-review-sync-'));
  const store = await openSqliteStore(join(folder, 'hub', 'hub.sqlite'));
  const hub = createHub({ store });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  const address = hub.server.address();
  const hubUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const supervisorContext = await browser.newContext();
  try {
    const now = new Date();
    const ana = await createUser(
      store,
      { name: 'Ana García', role: 'admin', office: 'Berlin office' },
      now,
    );
    const sam = await createUser(
      store,
      { name: 'Sam Okafor', role: 'supervisor', supervises: ['Berlin office'] },
      now,
    );
    const anaCode = (await issueCode(store, ana, now)).code;
    const samCode = (await issueCode(store, sam, now)).code;

    // The administrator: enrolled, a run finished and signed off, synced.
    await completeFirstRun(admin, {
      name: 'Ana García',
      role: 'Local ICT administrator',
      office: 'Berlin office',
    });
    const adminHub = new HubPanel(admin);
    await adminHub.open();
    await adminHub.connect(hubUrl, anaCode);
    await expect(adminHub.connected()).toContainText('as Ana García');
    await importTemplate(admin, folder);
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    const runs = new RunsPage(admin);
    await runs.startRun({
      template: 'Mini office go-live',
      name: 'Berlin office',
      goLive: '2026-12-07',
    });
    await completeMiniRun(runs);
    await admin.getByRole('button', { name: 'Sign off…' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
    await dialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
    const adminSync = new SyncPage(admin);
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.sent()).toContainText('Berlin office, revision 1', { timeout: 15_000 });
    const [first] = await store.listReports('all');
    expect(first).toMatchObject({ revision: 1, reviewState: 'signed' });

    // The supervisor: enrolled (connecting syncs at once), the report is in Review, from the hub.
    const supervisor = await supervisorContext.newPage();
    await completeFirstRun(supervisor, {
      name: 'Sam Okafor',
      role: 'Supervisor',
      office: 'Central ICT',
    });
    const supervisorHub = new HubPanel(supervisor);
    await supervisorHub.open();
    await supervisorHub.connect(hubUrl, samCode);
    await expect(supervisorHub.connected()).toContainText('as Sam Okafor');
    const supervisorSync = new SyncPage(supervisor);
    await supervisorSync.open();
    await supervisorSync.syncNow();
    await expect(supervisorSync.statusLastSync()).toHaveText(/Synced/, { timeout: 15_000 });
    const review = new ReviewPage(supervisor);
    await review.open();
    await expect(review.row('Berlin office')).toContainText('Awaiting review', {
      timeout: 15_000,
    });
    await expect(review.row('Berlin office')).toContainText('from the hub');
    await expect(review.row('Berlin office')).toContainText('Valid');
    await saveScreenshot(supervisor, testInfo, 'review-queue-hub');

    // Sent back with a comment: kept here, queued, and it goes to the hub.
    await review.openReport('Berlin office');
    await review.sendBack(COMMENT);
    await expect(supervisor.getByText(`Sent back by Sam Okafor: ${COMMENT}`)).toBeVisible();
    await supervisorSync.open();
    await supervisorSync.syncNow();
    await expect(supervisorSync.sent()).toContainText('Send-back of Berlin office, revision 1', {
      timeout: 15_000,
    });
    await expect(supervisorSync.statusQueue()).toHaveText('Nothing waiting');
    await saveScreenshot(supervisor, testInfo, 'sync-decision-sent');
    await review.open();
    await expect(review.row('Berlin office')).toContainText('Sent back');
    await review.openReport('Berlin office');
    await expect(review.decisionSyncState()).toContainText('Your decision reached the hub');
    await saveScreenshot(supervisor, testInfo, 'review-sent-back');
    expect((await store.listReports('all'))[0]).toMatchObject({ reviewState: 'sent-back' });

    // The administrator syncs: the run is open again and says why, the runs list too.
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.statusLastSync()).toHaveText(/Synced/, { timeout: 15_000 });
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    await expect(runs.listRow('Berlin office')).toContainText('Sent back', { timeout: 15_000 });
    await expect(runs.listRow('Berlin office')).not.toContainText('Signed');
    await saveScreenshot(admin, testInfo, 'runs-sent-back');
    await admin.getByRole('link', { name: 'Berlin office', exact: true }).click();
    await expect(runs.sentBack()).toContainText(`Sent back by Sam Okafor: ${COMMENT}`);
    await expect(runs.sentBack()).toContainText('revision 2 will replace it');
    await expect(admin.getByText('This run is signed and frozen')).toBeHidden();
    await expect(admin.getByRole('button', { name: 'Sign off…' })).toBeEnabled();
    await saveScreenshot(admin, testInfo, 'run-sent-back');

    // Fixed: revision 2 is signed off and the hub takes it as revision 1's successor.
    await runs.openItem('labels');
    await runs.detail().getByLabel('Notes').fill('Failover tested: 4 s switch-over to line 2.');
    await runs.detail().getByLabel('Notes').blur();
    await admin.getByRole('button', { name: 'Sign off…' }).click();
    await dialog.getByLabel('Lessons learned').fill('Test the failover before signing off.');
    await dialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
    await expect(admin.getByRole('region', { name: 'Signed report' })).toContainText('revision 2');
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.sent()).toContainText('Berlin office, revision 2', { timeout: 15_000 });
    const second = await store.getReport(first?.reportId ?? '', 2);
    expect(second?.meta.reviewState).toBe('signed');
    const decoded = decodeBundle(second?.bundle ?? new Uint8Array());
    expect(decoded.ok && (decoded.signed as SignedReport).body.supersedes).toBe(first?.reportHash);
  } finally {
    await supervisorContext.close();
    await hub.close();
    await store.close();
  }
});
