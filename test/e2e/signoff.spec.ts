// Sign-off end to end, with two people on two browser profiles: the administrator finishes a small
// run, signs it off, exports the PDF and the bundle; the supervisor verifies both offline against a
// trust list, countersigns, and exports again. The PDF is read back with poppler; a frozen run edited
// behind the app's back is flagged. Also (issue 16): the dialog states what is still open before
// the signature, and after a send-back (through a real hub on 127.0.0.1) revision 2's dialog starts
// from revision 1's lessons learned, editable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { decodeBundle, type SignedReport } from '../../core/reports';
import { createUser, issueCode } from '../../hub/enrollment';
import { createHub } from '../../hub/server';
import { openSqliteStore } from '../../hub/store/open-store';
import { test, expect, completeFirstRun, saveScreenshot, SCREENSHOT_DIR } from './fixtures';
import { completeMiniRun, importTemplate } from './mini-office';
import { ReviewPage } from './pages/review-page';
import { RunsPage } from './pages/runs-page';
import { HubPanel, SyncPage } from './pages/sync-page';

async function download(page: Page, click: () => Promise<void>, folder: string): Promise<string> {
  const pending = page.waitForEvent('download');
  await click();
  const file = await pending;
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

async function exportPublicKey(page: Page, folder: string): Promise<Record<string, string>> {
  await page.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
  const path = await download(
    page,
    () => page.getByRole('button', { name: 'Export my public key…' }).click(),
    folder,
  );
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

async function importFile(page: Page, button: string, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(path);
}

test('sign off, export PDF and bundle, verify offline, countersign, detect tampering', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-signoff-'));
  await completeFirstRun(admin, {
    name: 'Ana García',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  });
  await importTemplate(admin, folder);

  await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  const runs = new RunsPage(admin);
  await runs.startRun({
    template: 'Mini office go-live',
    name: 'Berlin office',
    goLive: '2026-12-07',
  });
  await expect(admin.getByRole('button', { name: 'Sign off…' })).toBeDisabled();

  await completeMiniRun(runs);
  await expect(runs.gate()).not.toContainText('NO-GO');
  await expect(admin.getByRole('button', { name: 'Sign off…' })).toBeEnabled();

  await admin.getByRole('button', { name: 'Sign off…' }).click();
  const dialog = admin.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(dialog.getByText('Write the lessons learned')).toBeVisible();
  await dialog
    .getByLabel('Lessons learned')
    .fill('The second line arrived two days late: order it six weeks ahead, not four.');
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
  await expect(admin.getByText('This run is signed and frozen')).toBeVisible();
  await saveScreenshot(admin, testInfo, 'signoff-signed-run');

  const pdfPath = await download(
    admin,
    () => admin.getByRole('button', { name: 'Export PDF' }).click(),
    folder,
  );
  const bundlePath = await download(
    admin,
    () => admin.getByRole('button', { name: 'Export bundle' }).click(),
    folder,
  );
  const pdfText = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(pdfText).toContain('Berlin office');
  expect(pdfText).toContain('Mini office go-live');
  expect(pdfText).toContain('Ana García');
  expect(pdfText).toContain('línea de respaldo');
  expect(pdfText).toMatch(/Page 1 of \d/);
  expect(execFileSync('pdfdetach', ['-list', pdfPath], { encoding: 'utf8' })).toContain(
    'go-live-report.json',
  );
  execFileSync('pdftoppm', [
    '-r',
    '50',
    '-png',
    '-f',
    '1',
    '-l',
    '1',
    pdfPath,
    join(SCREENSHOT_DIR, 'signoff-pdf'),
  ]);

  const supervisorContext = await browser.newContext();
  const supervisor = await supervisorContext.newPage();
  await completeFirstRun(supervisor, {
    name: 'Sam Okafor',
    role: 'Supervisor',
    office: 'Central ICT',
  });
  const adminKey = await exportPublicKey(admin, folder);
  const supervisorKey = await exportPublicKey(supervisor, folder);
  const trustPath = join(folder, 'trust.json');
  writeFileSync(
    trustPath,
    JSON.stringify({
      format: 'go-live-trust-list',
      formatVersion: 1,
      keys: [
        {
          publicKey: adminKey.publicKey,
          name: 'Ana García',
          role: 'admin',
          office: 'Berlin office',
        },
        {
          publicKey: supervisorKey.publicKey,
          name: 'Sam Okafor',
          role: 'supervisor',
          supervises: ['Berlin office'],
        },
      ],
    }),
  );

  // The command-line verifier agrees, on the PDF alone and on the bundle.
  for (const file of [pdfPath, bundlePath]) {
    const output = execFileSync(
      'npx',
      ['tsx', 'cli/report-verify.ts', file, '--trust', trustPath],
      { encoding: 'utf8' },
    );
    expect(output).toContain('VALID');
  }

  await importFile(supervisor, 'Import trust list…', trustPath);
  await expect(supervisor.getByText('Trust list imported: 2 keys.')).toBeVisible();

  // The PDF alone is verified in the app, offline, and nothing is kept.
  await importFile(supervisor, 'Verify a file…', pdfPath);
  await expect(supervisor.getByRole('region', { name: /Checked: .*\.pdf/ })).toContainText('Valid');
  await expect(supervisor.getByRole('table', { name: 'Reports' })).toHaveCount(0);
  await importFile(supervisor, 'Import report…', bundlePath);
  await expect(supervisor.getByText('The report was added to the review queue.')).toBeVisible();
  await expect(supervisor.getByRole('status').filter({ hasText: 'Valid' }).first()).toBeVisible();
  await supervisor.getByRole('link', { name: 'Berlin office' }).click();
  await expect(
    supervisor
      .getByText('Awaiting review')
      .or(supervisor.getByRole('heading', { name: 'Your decision' })),
  ).toBeVisible();
  await supervisor.getByRole('button', { name: 'Countersign' }).click();
  await expect(supervisor.getByText('Countersigned by Sam Okafor')).toBeVisible();
  await saveScreenshot(supervisor, testInfo, 'signoff-review');
  const countersigned = await download(
    supervisor,
    () => supervisor.getByRole('button', { name: 'Export bundle' }).click(),
    folder,
  );
  const verified = execFileSync(
    'npx',
    ['tsx', 'cli/report-verify.ts', countersigned, '--trust', trustPath],
    { encoding: 'utf8' },
  );
  expect(verified).toContain('countersign');

  // An edit of the frozen run straight in IndexedDB is detected when the run opens.
  await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await admin.getByRole('link', { name: 'Berlin office' }).click();
  await admin.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('go-live-checklists');
        open.onsuccess = () => {
          const store = open.result.transaction('answers', 'readwrite').objectStore('answers');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const row = cursor.result;
            if (!row) return resolve();
            if (row.value.itemId === 'speed-test') {
              row.update({ ...row.value, value: { type: 'number', value: 20 } });
              return resolve();
            }
            row.continue();
          };
          cursor.onerror = () => reject(cursor.error);
        };
      }),
  );
  await admin.reload();
  await expect(
    admin.getByRole('alert').filter({ hasText: 'Integrity check failed' }),
  ).toBeVisible();
  await saveScreenshot(admin, testInfo, 'signoff-tampered');
  await supervisorContext.close();
});

test('the sign-off dialog states what is still open, and revision 2 starts from the lessons learned', async ({
  page: admin,
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-signoff-rev2-'));
  const store = await openSqliteStore(join(folder, 'hub', 'hub.sqlite'));
  const hub = createHub({ store });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  const address = hub.server.address();
  const hubUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const supervisorContext = await browser.newContext();
  const lessons = 'The second line arrived two days late: order it six weeks ahead.';
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
    await completeFirstRun(admin, {
      name: 'Ana García',
      role: 'Local ICT administrator',
      office: 'Berlin office',
    });
    const adminHub = new HubPanel(admin);
    await adminHub.open();
    await adminHub.connect(hubUrl, (await issueCode(store, ana, now)).code);
    await expect(adminHub.connected()).toContainText('as Ana García');
    await importTemplate(admin, folder);
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    const runs = new RunsPage(admin);
    await runs.startRun({
      template: 'Mini office go-live',
      name: 'Berlin office',
      goLive: '2026-12-07',
    });
    // The blocking line count and the major speed test are done; the minor labels stay open.
    await runs.openItem('isp-lines');
    await runs.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('Telekom fibre');
    await runs.detail().getByRole('textbox', { name: 'ISP line 2' }).fill('Vodafone cable');
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
    await expect(runs.row('speed-test')).toContainText('Done');

    await admin.getByRole('button', { name: 'Sign off…' }).click();
    const dialog = admin.getByRole('dialog');
    const open = dialog.getByRole('region', { name: 'Still open when you sign' });
    await expect(open).toContainText('0 blocking items open');
    await expect(open).toContainText('0 major items open');
    await expect(open).toContainText('1 minor item open');
    await expect(open).toContainText('Waivers: 0 approved by a supervisor, 0 pending, 0 refused');
    await expect(dialog.getByLabel('Lessons learned')).toHaveValue('');
    await saveScreenshot(admin, testInfo, 'signoff-open-items');
    await dialog.getByLabel('Lessons learned').fill(lessons);
    await dialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(admin.getByText(/Signed off by Ana García/)).toBeVisible();
    const adminSync = new SyncPage(admin);
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.sent()).toContainText('Berlin office, revision 1', { timeout: 15_000 });

    // The supervisor sends it back through the hub.
    const supervisor = await supervisorContext.newPage();
    await completeFirstRun(supervisor, {
      name: 'Sam Okafor',
      role: 'Supervisor',
      office: 'Central ICT',
    });
    const supervisorHub = new HubPanel(supervisor);
    await supervisorHub.open();
    await supervisorHub.connect(hubUrl, (await issueCode(store, sam, now)).code);
    await expect(supervisorHub.connected()).toContainText('as Sam Okafor');
    const supervisorSync = new SyncPage(supervisor);
    await supervisorSync.open();
    await supervisorSync.syncNow();
    await expect(supervisorSync.statusLastSync()).toHaveText(/Synced/, { timeout: 15_000 });
    const review = new ReviewPage(supervisor);
    await review.open();
    await expect(review.row('Berlin office')).toContainText('Awaiting review', { timeout: 15_000 });
    await review.openReport('Berlin office');
    await review.sendBack('Photograph the rack labels and sign off again.');
    await supervisorSync.open();
    await supervisorSync.syncNow();
    await expect(supervisorSync.sent()).toContainText('Send-back of Berlin office, revision 1', {
      timeout: 15_000,
    });

    // Revision 2: the dialog starts from revision 1's lessons learned, and they stay editable.
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.statusLastSync()).toHaveText(/Synced/, { timeout: 15_000 });
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    await expect(runs.listRow('Berlin office')).toContainText('Sent back', { timeout: 15_000 });
    await admin.getByRole('link', { name: 'Berlin office', exact: true }).click();
    await runs.openItem('labels');
    await runs.markDone();
    await admin.getByRole('button', { name: 'Sign off…' }).click();
    await expect(dialog.getByLabel('Lessons learned')).toHaveValue(lessons);
    await expect(dialog).toContainText('Carried over from revision 1');
    await expect(open).toContainText('0 minor items open');
    await saveScreenshot(admin, testInfo, 'signoff-revision-2-lessons');
    await dialog
      .getByLabel('Lessons learned')
      .fill(`${lessons} Photograph the labels before signing.`);
    await dialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(admin.getByRole('region', { name: 'Signed report' })).toContainText('revision 2');
    await adminSync.open();
    await adminSync.syncNow();
    await expect(adminSync.sent()).toContainText('Berlin office, revision 2', { timeout: 15_000 });
    const [report] = await store.listReports('all');
    const second = await store.getReport(report?.reportId ?? '', 2);
    const decoded = decodeBundle(second?.bundle ?? new Uint8Array());
    expect(decoded.ok && (decoded.signed as SignedReport).body.lessonsLearned).toBe(
      `${lessons} Photograph the labels before signing.`,
    );
  } finally {
    await supervisorContext.close();
    await hub.close();
    await store.close();
  }
});
