// Sign-off end to end, with two people on two browser profiles: the administrator finishes a small
// run, signs it off, exports the PDF and the bundle; the supervisor verifies both offline against a
// trust list, countersigns, and exports again. The PDF is read back with poppler; a frozen run edited
// behind the app's back is flagged. What the dialog says is still open, and revision 2 starting from
// revision 1's lessons learned after a send-back through a hub, are in review-sync.spec.ts.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { test, expect, completeFirstRun, saveScreenshot, SCREENSHOT_DIR } from './fixtures';
import { completeMiniRun, startMiniRun } from './mini-office';

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

/** What `report-verify <file> --trust <trust>` prints. */
async function verifyWithCli(file: string, trustPath: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'npx',
    ['tsx', 'cli/report-verify.ts', file, '--trust', trustPath],
    { encoding: 'utf8' },
  );
  return stdout;
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
  const runs = await startMiniRun(admin, folder);
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

  // The command-line verifier agrees, on the PDF alone and on the bundle (it runs while the
  // supervisor works in the app; its answers are read below).
  const cliVerdicts = Promise.all(
    [pdfPath, bundlePath].map((file) => verifyWithCli(file, trustPath)),
  );

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
  for (const verdict of await cliVerdicts) expect(verdict).toContain('VALID');
  expect(await verifyWithCli(countersigned, trustPath)).toContain('countersign');

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
