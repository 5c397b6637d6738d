// The review outcome syncs back, end to end in web mode: a real hub on 127.0.0.1 (the team hub of
// seed-hub.ts), two people in two browser contexts, each enrolled with a one-time code. The
// administrator signs a run off with one minor item still open (the dialog says what is still open
// before the signature, issue 16) and syncs; the supervisor of that office syncs, finds it in
// Review awaiting review, sends it back with a comment and syncs; the administrator syncs and sees
// "Sent back by …" on the run, which is open again (the runs list says so too), signs off revision 2
// from revision 1's lessons learned (carried over, editable), and the hub takes it as the successor
// of revision 1 with the edited lessons.
import { decodeBundle, type SignedReport } from '../../core/reports';
import { expect, saveScreenshot } from './fixtures';
import { adminWithMiniRun, completeMiniRun, supervisorLaptop } from './mini-office';
import { test } from './seed-hub';
import { ReviewPage } from './pages/review-page';
import { SyncPage } from './pages/sync-page';

const COMMENT = 'The rack labels are not photographed: photograph them and sign off again.';
const LESSONS = 'The second line arrived two days late: order it six weeks ahead.';

test('a send-back made by the supervisor reaches the administrator, and revision 2 starts from the lessons learned', async ({
  page: admin,
  browser,
  teamHub: hub,
}, testInfo) => {
  test.setTimeout(180_000);
  // The administrator: the blocking line count and the major speed test done, the minor labels
  // left open; the dialog says so before the signature.
  const runs = await adminWithMiniRun(admin, hub, hub.adminCode);
  await completeMiniRun(runs, ['isp-lines', 'speed-test']);
  await admin.getByRole('button', { name: 'Sign off…' }).click();
  const dialog = admin.getByRole('dialog');
  const open = dialog.getByRole('region', { name: 'Still open when you sign' });
  await expect(open).toContainText('0 blocking items open');
  await expect(open).toContainText('0 major items open');
  await expect(open).toContainText('1 minor item open');
  await expect(open).toContainText('Waivers: 0 approved by a supervisor, 0 pending, 0 refused');
  await expect(dialog.getByLabel('Lessons learned')).toHaveValue('');
  await saveScreenshot(admin, testInfo, 'signoff-open-items');
  await dialog.getByLabel('Lessons learned').fill(LESSONS);
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
  const adminSync = new SyncPage(admin);
  await adminSync.open();
  await adminSync.syncNow();
  await expect(adminSync.sent()).toContainText('Berlin office, revision 1', { timeout: 15_000 });
  const [first] = await hub.store.listReports('all');
  expect(first).toMatchObject({ revision: 1, reviewState: 'signed' });

  // The supervisor: enrolled (connecting syncs at once), the report is in Review, from the hub.
  const { context: supervisorContext, page: supervisor } = await supervisorLaptop(
    browser,
    hub,
    hub.supervisorCode,
    { withTemplate: false },
  );
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
  expect((await hub.store.listReports('all'))[0]).toMatchObject({ reviewState: 'sent-back' });
  await supervisorContext.close();

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

  // Fixed: revision 2's dialog starts from revision 1's lessons learned, and they stay editable.
  await completeMiniRun(runs, ['labels']);
  await admin.getByRole('button', { name: 'Sign off…' }).click();
  await expect(dialog.getByLabel('Lessons learned')).toHaveValue(LESSONS);
  await expect(dialog).toContainText('Carried over from revision 1');
  await expect(open).toContainText('0 minor items open');
  await saveScreenshot(admin, testInfo, 'signoff-revision-2-lessons');
  await dialog
    .getByLabel('Lessons learned')
    .fill(`${LESSONS} Photograph the labels before signing.`);
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
  await expect(admin.getByRole('region', { name: 'Signed report' })).toContainText('revision 2');

  // The hub takes revision 2 as revision 1's successor, with the edited lessons.
  await adminSync.open();
  await adminSync.syncNow();
  await expect(adminSync.sent()).toContainText('Berlin office, revision 2', { timeout: 15_000 });
  const second = await hub.store.getReport(first?.reportId ?? '', 2);
  expect(second?.meta.reviewState).toBe('signed');
  const decoded = decodeBundle(second?.bundle ?? new Uint8Array());
  expect(decoded.ok).toBe(true);
  const body = decoded.ok ? (decoded.signed as SignedReport).body : undefined;
  expect(body?.supersedes).toBe(first?.reportHash);
  expect(body?.lessonsLearned).toBe(`${LESSONS} Photograph the labels before signing.`);
});
