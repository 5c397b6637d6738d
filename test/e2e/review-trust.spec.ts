// The review screen applies the trust list's bindings through the core verifier (issue 11,
// points 2 and 6): a report whose sign-off key was revoked after it signed is Valid, with a
// warning that says the key was revoked later; a Madrid report signed off with a Berlin
// administrator's key is Invalid, and says why. The files are made with the core in Node; the
// supervisor's app verifies them offline in the browser.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { encodeBundle, signOff } from '../../core/reports';
import {
  adminSigner,
  allEvidence,
  countersigned,
  evidenceBody,
  SIGNED_AT,
  supervisorSigner,
  trustedKey,
  trustList,
} from '../unit/core/reports/fixtures';
import { completeFirstRun, expect, saveScreenshot, test } from './fixtures';
import { ReviewPage } from './pages/review-page';

async function importFile(page: Page, button: string, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(path);
}

test('a key revoked after it signed warns; another office administrator is refused', async ({
  page,
}, testInfo) => {
  const folder = mkdtempSync(join(tmpdir(), 'golive-review-trust-'));
  const revokedAt = '2025-06-20T00:00:00.000Z';
  const trustPath = join(folder, 'trust.json');
  writeFileSync(
    trustPath,
    JSON.stringify(
      await trustList(trustedKey(adminSigner, { revokedAt }), trustedKey(supervisorSigner)),
    ),
  );
  const goodPath = join(folder, 'berlin.zip');
  writeFileSync(goodPath, encodeBundle(await countersigned(evidenceBody()), allEvidence));
  const berlin = evidenceBody();
  const madrid = { ...berlin, run: { ...berlin.run, office: 'Madrid office' } };
  const madridPath = join(folder, 'madrid.zip');
  writeFileSync(
    madridPath,
    encodeBundle(await signOff(adminSigner, madrid, SIGNED_AT), allEvidence),
  );

  await completeFirstRun(page, {
    name: 'Sam Supervisor',
    role: 'Supervisor',
    office: 'Central ICT',
  });
  await new ReviewPage(page).open();
  await importFile(page, 'Import trust list…', trustPath);
  await expect(page.getByText('Trust list imported: 2 keys.')).toBeVisible();

  await importFile(page, 'Verify a file…', goodPath);
  const good = page.getByRole('region', { name: 'Checked: berlin.zip' });
  await expect(good.getByRole('status')).toContainText('Valid');
  await expect(good.getByRole('status')).not.toContainText('Invalid');
  await expect(good).toContainText(`Revoked later, on ${revokedAt}`);
  await expect(good.getByRole('listitem').filter({ hasText: 'Warning:' })).toContainText(
    `the key was revoked later, on ${revokedAt}`,
  );
  await saveScreenshot(page, testInfo, 'review-revoked-later');

  await importFile(page, 'Verify a file…', madridPath);
  const refused = page.getByRole('region', { name: 'Checked: madrid.zip' });
  await expect(refused.getByRole('status')).toContainText('Invalid');
  await expect(refused).toContainText(
    'Ana Admin is an administrator of Berlin office, not of Madrid office',
  );
  await saveScreenshot(page, testInfo, 'review-other-office');
});
