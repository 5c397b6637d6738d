// Versioned checklist definitions as a user meets them: the bundled templates and their versions,
// one version's detail, importing a broken and a valid file, and what changed between versions.
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { TemplatesPage, type TemplateFile } from './pages/templates-page';

/** A small valid definition with an id no bundled template uses. */
function printerRollout(changelog = 'First version.'): TemplateFile {
  return {
    name: 'printer-rollout.yaml',
    content: [
      'id: printer-rollout',
      'version: 1.0.0',
      'title: Printer rollout',
      'kind: new-office',
      `changelog: ${changelog}`,
      'departments:',
      '  - id: workplace',
      '    title: Workplace services',
      'sections:',
      '  - id: printers',
      '    title: Printers',
      '    department: workplace',
      '    items:',
      '      - id: printer-installed',
      '        title: Printer installed and on the print server',
      '        type: check',
      '        severity: blocking',
      '',
    ].join('\n'),
  };
}

/** Line 14 is a count item without its "min". */
const BROKEN: TemplateFile = {
  name: 'broken.yaml',
  content: [
    'id: broken-template',
    'version: 1.0.0',
    'title: Broken template',
    'kind: new-office',
    'changelog: First version.',
    'departments:',
    '  - id: network',
    '    title: Network',
    'sections:',
    '  - id: lines',
    '    title: Internet lines',
    '    department: network',
    '    items:',
    '      - id: isp-lines',
    '        title: Two ISP lines',
    '        type: count',
    '        unit: ISP line',
    '',
  ].join('\n'),
};

test('the Templates screen lists the bundled templates, their versions and a version in detail', async ({
  page,
  shell,
}, testInfo) => {
  // Axe on a version page of 151 items (3,500 elements) takes seconds: 40 s in all in CI.
  test.setTimeout(120_000);
  await completeFirstRun(page);
  await shell.open('Templates');
  const templates = new TemplatesPage(page);
  await expect(shell.screenHeading('Templates')).toBeVisible();
  await expect(templates.row('New office go-live')).toBeVisible();
  await expect(templates.row('Client onboarding go-live')).toBeVisible();
  await expect(templates.versionLinks('New office go-live')).toHaveText([
    '1.2.0',
    '1.1.0',
    '1.0.0',
  ]);
  await expect(templates.versionLinks('Client onboarding go-live')).toHaveText(['1.1.0', '1.0.0']);
  await expect(templates.row('New office go-live')).toContainText('Bundled');
  await saveScreenshot(page, testInfo, 'templates-list');

  await templates.openVersion('New office go-live', '1.1.0');
  await expect(shell.screenHeading('New office go-live')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('New office · version 1.1.0');
  await expect(templates.region('What changed in this version')).toContainText(
    'isp-separate-building-entry',
  );
  await expect(templates.region('Effort by department')).toContainText('Network');
  await expect(templates.region('Parameters')).toContainText('hasServerRoom');
  const speedTest = templates.itemRow('speed-test-download');
  await expect(speedTest).toContainText('≥ 300 Mbit/s');
  await expect(speedTest).toContainText('Major');
  await saveScreenshot(page, testInfo, 'templates-detail');

  await templates.versionNavigation().getByRole('link', { name: '1.0.0' }).click();
  await expect(page.getByRole('main')).toContainText('New office · version 1.0.0');
  await expect(templates.items()).toContainText('desk-phones-deployed');
});

test('importing a broken file shows each problem with its line and saves nothing', async ({
  page,
  shell,
}, testInfo) => {
  await completeFirstRun(page);
  await shell.open('Templates');
  const templates = new TemplatesPage(page);
  await expect(templates.rows()).toHaveCount(2);

  await templates.importFile(BROKEN);
  const alert = templates.importAlert();
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('heading')).toHaveText('Could not import broken.yaml');
  await expect(alert.getByRole('list', { name: 'Problems' }).getByRole('listitem')).toHaveText([
    /^14:9 sections\[0\]\.items\[0\]\.min: must be a whole number from 1 to 1000/,
  ]);
  await saveScreenshot(page, testInfo, 'templates-import-error');

  await templates.closeImportAlert();
  await expect(alert).toBeHidden();
  await expect(templates.rows()).toHaveCount(2);
});

test('importing a valid new template adds it, it survives a reload, and its version is then locked', async ({
  page,
  shell,
}) => {
  await completeFirstRun(page);
  await shell.open('Templates');
  const templates = new TemplatesPage(page);
  await expect(templates.rows()).toHaveCount(2);

  await templates.importFile(printerRollout());
  await expect(templates.status()).toContainText('Imported Printer rollout, version 1.0.0.');
  await expect(templates.row('Printer rollout')).toContainText('Imported');
  await expect(templates.rows()).toHaveCount(3);

  await page.reload();
  await expect(templates.row('Printer rollout')).toBeVisible();
  await expect(templates.versionLinks('Printer rollout')).toHaveText(['1.0.0']);

  await templates.importFile(printerRollout('First version, edited after publishing.'));
  await expect(templates.importAlert()).toContainText(
    '2:1 version 1.0.0 already exists with different content: publish a new version',
  );
  await templates.closeImportAlert();
  await templates.openVersion('Printer rollout', '1.0.0');
  await expect(templates.region('What changed in this version')).toHaveText(/First version\.$/);
});

test('comparing versions opens on the newest change and shows what was added, removed, changed and moved', async ({
  page,
  shell,
}, testInfo) => {
  await completeFirstRun(page);
  await shell.open('Templates');
  const templates = new TemplatesPage(page);
  await templates.compareVersions('New office go-live');
  await expect(shell.screenHeading('Compare versions')).toBeVisible();
  // By default the newest version against the one before it: what 1.2.0 changed.
  await expect(page.getByRole('button', { name: /From version/ })).toContainText('1.1.0');
  await expect(page.getByRole('button', { name: /To version/ })).toContainText('1.2.0');
  await expect(templates.diffGroup('Items added')).toContainText('emergency-calling-location');
  await expect(templates.diffGroup('Items added')).toContainText('site-it-lead-named');
  await expect(templates.diffGroup('Items removed')).toHaveCount(0);
  const accessPoints = templates
    .diffEntry('Items changed', 'wifi-access-points')
    .getByRole('row', { name: /Minimum/ });
  await expect(accessPoints.getByRole('cell')).toHaveText(['1', 'max(2, ceil(seats / 20))']);

  await templates.chooseVersion('From version', '1.0.0');
  await templates.chooseVersion('To version', '1.1.0');
  await expect(page).toHaveURL(/diff\?from=1\.0\.0&to=1\.1\.0$/);
  const added = templates.diffGroup('Items added');
  await expect(added).toContainText('isp-separate-building-entry');
  await expect(added).toContainText('dns-ttl-lowered');
  await expect(templates.diffEntry('Items removed', 'desk-phones-deployed')).toContainText(
    'Removed',
  );
  const threshold = templates
    .diffEntry('Items changed', 'speed-test-download')
    .getByRole('row', { name: /Minimum/ });
  await expect(threshold.getByRole('cell')).toHaveText(['200', '300']);
  const moved = templates.diffEntry('Items moved', 'ups-network-card');
  await expect(moved).toContainText('from Site, power and server room');
  await expect(moved).toContainText('to Monitoring and alerting');
  await saveScreenshot(page, testInfo, 'templates-diff');

  await templates.chooseVersion('From version', '1.1.0');
  await templates.chooseVersion('To version', '1.0.0');
  await expect(page).toHaveURL(/diff\?from=1\.1\.0&to=1\.0\.0$/);
  await expect(templates.diffGroup('Items added')).toContainText('desk-phones-deployed');
});
