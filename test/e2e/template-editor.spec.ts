// Authoring the next version of a template in the app and moving a run in progress to it, end to
// end in web mode, with a real hub on 127.0.0.1 (seed-hub.ts: offices' progress and signed
// reports, new-office 1.3.0 published there). Two halves that run side by side:
// - The head of ICT drafts new-office 1.4.0 from 1.3.0, reads beside the draft the lessons learned
//   of the signed runs and the items most often blocked, opens the item a lesson is about from the
//   lesson, rewords it, adds an item, sees the core validator's messages next to the fields they
//   concern, writes the changelog, checks the changes against 1.3.0, exports the YAML twice (the
//   same bytes, which the core validates), and publishes it through the hub, which then holds
//   exactly those bytes.
// - An office administrator's laptop starts a run on 1.3.0 and answers some items; the same 1.4.0
//   (seed-hub.ts's newOffice140Text: the same edits) is published on the hub; the laptop receives it
//   on its next sync, previews the move of its run item by item, moves it (answers carried, the
//   reworded item flagged for a re-check) and starts a new run on 1.4.0.
// Screenshots of the editor in English and Spanish at 1366x860.
import { createHash } from 'node:crypto';
import { validateDefinitionText } from '../../core/definitions/index';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { HubPanel, SyncPage } from './pages/sync-page';
import { SettingsPage } from './pages/settings-page';
import { TemplateEditorPage } from './pages/template-editor-page';
import { TemplatesPage } from './pages/templates-page';
import { publishDefinition } from '../../hub/publish-definition';
import { NEXT_VERSION_EDITS, newOffice140Text, startSeededHub } from './seed-hub';

const { ispGuidance: NEW_GUIDANCE, changelog: CHANGELOG, ispTitle: NEW_TITLE } = NEXT_VERSION_EDITS;
const HAMBURG = {
  template: 'New office go-live',
  name: 'Hamburg office',
  goLive: '2026-12-14',
  text: {
    'Seats (workstations) on site': '40',
    'Country (ISO 3166-1 alpha-2 code, e.g. DE)': 'DE',
  },
  choices: { 'Work model': 'hybrid' },
};

test.use({ viewport: { width: 1366, height: 860 } });
/** The validator runs in a worker after a pause; on a busy machine a large template takes seconds. */
const CHECKED = { timeout: 20_000 };

test('the head of ICT drafts the next version from lessons learned and publishes it through the hub', async ({
  page,
  shell,
}, testInfo) => {
  test.setTimeout(300_000);
  const hub = await startSeededHub();
  try {
    // The head of ICT connects; sync brings 1.3.0 from the hub and the signed reports.
    await completeFirstRun(page, {
      name: 'Helena Vogel',
      role: 'Global head of ICT',
      office: 'Head office',
    });
    const hubPanel = new HubPanel(page);
    await hubPanel.open();
    await hubPanel.connect(hub.url, hub.headCode);
    await expect(new SyncPage(page).statusLastSync()).toHaveText(/Synced/, { timeout: 60_000 });

    await shell.open('Templates');
    const templates = new TemplatesPage(page);
    await expect(templates.versionLinks('New office go-live')).toHaveText([
      '1.3.0',
      '1.2.0',
      '1.1.0',
      '1.0.0',
    ]);
    await templates.openVersion('New office go-live', '1.3.0');
    const editor = new TemplateEditorPage(page);
    await editor.startFromVersionPage();
    await expect(shell.screenHeading('Draft of New office go-live 1.4.0')).toBeVisible();
    await expect(editor.status()).toContainText('Saved on this device');
    // A new version must say why: the empty changelog is the one problem, shown at its field.
    await expect(editor.problems()).toHaveCount(1, CHECKED);
    await expect(editor.problems().first()).toContainText('Template details');
    await expect(editor.field(/^Changelog/)).toHaveAttribute('aria-invalid', 'true');

    // Beside the draft: the lessons of the signed runs and the items most often blocked.
    await expect(editor.lessons()).toContainText('order the second line six weeks ahead');
    await expect(editor.lessons()).toContainText('Madrid office');
    const blocked = editor
      .trouble()
      .getByRole('listitem')
      .filter({ hasText: 'isp-lines-delivered' });
    await expect(blocked).toContainText('Blocked 1');

    // From the lesson to the item it is about.
    await editor
      .lessons()
      .getByRole('button', { name: 'Edit isp-lines-delivered' })
      .first()
      .click();
    await expect(
      editor.pane().getByRole('heading', { name: 'Item isp-lines-delivered' }),
    ).toBeVisible();
    await expect(editor.field('Item id')).toBeFocused();
    const guidance = editor.field(/^Guidance/);
    await guidance.fill(`${await guidance.inputValue()}\n\n${NEW_GUIDANCE}`);
    await editor.field(/^Title/).fill(NEW_TITLE);

    // The validator's message for a bad condition shows next to that field, then goes away.
    const when = editor.field(/^Shown when/);
    await when.fill('seats >=');
    await expect(editor.problems()).toHaveCount(2, CHECKED);
    await expect(when).toHaveAttribute('aria-invalid', 'true', CHECKED);
    await expect(editor.pane()).toContainText('item "isp-lines-delivered" when:');
    await saveScreenshot(page, testInfo, 'template-editor-item');
    await when.fill('');
    await expect(editor.problems()).toHaveCount(1, CHECKED);
    await expect(when).not.toHaveAttribute('aria-invalid', 'true', CHECKED);

    // A new item in the same section: it needs a title before the draft validates.
    await editor.openPart(/^Section settings internet-connectivity/);
    await editor.pane().getByRole('button', { name: 'Add item' }).click();
    await expect(editor.field('Item id')).toHaveValue('new-item');
    await expect(editor.problems()).toHaveCount(2, CHECKED);
    await editor.field('Item id').fill('second-line-ordered-early');
    await editor.field(/^Title/).fill('Second ISP line ordered at least six weeks before go-live');
    await editor.field(/^Estimate/).fill('15');
    await expect(editor.problems()).toHaveCount(1, CHECKED);

    // "Go to" takes the keyboard to the changelog; once written, the draft validates.
    await editor
      .problems()
      .first()
      .getByRole('button', { name: /^Go to/ })
      .click();
    await expect(editor.field(/^Changelog/)).toBeFocused();
    await page.keyboard.type(CHANGELOG);
    await expect(page.getByText('The draft validates: ready to publish.')).toBeVisible(CHECKED);
    await expect(editor.problems()).toHaveCount(0, CHECKED);
    await saveScreenshot(page, testInfo, 'template-editor-details');

    // Nothing is lost on a reload: the draft is on the device.
    await page.reload();
    await expect(shell.screenHeading('Draft of New office go-live 1.4.0')).toBeVisible();
    await expect(editor.field(/^Changelog/)).toHaveValue(CHANGELOG);
    await expect(page.getByText('The draft validates: ready to publish.')).toBeVisible(CHECKED);

    // The changes against the published version, in the same view as Compare versions.
    await editor.tab('Changes against 1.3.0');
    const changed = page.getByRole('region', { name: /^Items changed/ });
    await expect(changed).toContainText('isp-lines-delivered');
    await expect(changed).toContainText('Guidance');
    await expect(page.getByRole('region', { name: /^Items added/ })).toContainText(
      'second-line-ordered-early',
    );
    await expect(
      page.getByRole('complementary', { name: 'Changelog of version 1.4.0' }),
    ).toContainText('order the second line six weeks ahead');
    await saveScreenshot(page, testInfo, 'template-editor-changes');

    // Export twice: the same bytes, a file the core validator accepts as new-office 1.4.0.
    await editor.tab('YAML');
    await expect(editor.yaml()).toContainText('version: 1.4.0');
    const first = await editor.exportYaml();
    const second = await editor.exportYaml();
    expect(first.name).toBe('new-office-1.4.0.yaml');
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const exported = first.bytes.toString('utf8');
    expect(await editor.yaml().textContent()).toBe(exported);
    const validated = validateDefinitionText(exported, 'new-office/1.4.0.yaml');
    expect(validated.ok && validated.definition.changelog).toBe(CHANGELOG);

    // Publish through the hub: the hub holds exactly the exported bytes.
    await editor.publish('1.4.0');
    await expect(page.getByText('Published New office go-live 1.4.0 on the hub.')).toBeVisible();
    const stored = await hub.store.getDefinition('new-office', '1.4.0');
    expect(stored?.text).toBe(exported);
    expect(stored?.hash).toBe(createHash('sha256').update(first.bytes).digest('hex'));
    await page.getByRole('link', { name: 'Open version 1.4.0' }).click();
    await expect(page.getByRole('main')).toContainText('New office · version 1.4.0');
    await expect(templates.region('What changed in this version')).toContainText(
      'order the second line six weeks ahead',
    );
  } finally {
    await hub.stop();
  }
});

test('the template editor in Spanish', async ({ page, shell }, testInfo) => {
  test.setTimeout(120_000);
  // No hub: a draft of the newest bundled version, on this device only.
  await completeFirstRun(page, {
    name: 'Helena Vogel',
    role: 'Global head of ICT',
    office: 'Head office',
  });
  await shell.open('Templates');
  await new TemplatesPage(page).openVersion('New office go-live', '1.2.0');
  await new TemplateEditorPage(page).startFromVersionPage();
  await expect(shell.screenHeading('Draft of New office go-live 1.3.0')).toBeVisible();
  await shell.open('Settings');
  await new SettingsPage(page).chooseLanguage('English', 'Español');
  await page.goto('#/templates/new-office/draft');
  await expect(shell.screenHeading('Borrador de New office go-live 1.3.0')).toBeVisible();
  await page
    .getByRole('listbox', { name: 'Partes del borrador' })
    .getByRole('option', { name: /isp-lines-delivered/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Punto isp-lines-delivered' })).toBeVisible();
  // The one problem of a fresh draft, in Spanish, at the changelog it concerns.
  const problems = page.getByRole('list', { name: 'Problemas del borrador' }).getByRole('listitem');
  await expect(problems).toHaveCount(1, CHECKED);
  await expect(problems).toContainText('Diga qué cambia en esta versión y por qué');
  await saveScreenshot(page, testInfo, 'template-editor-item-es');
});

test('an office laptop receives the next version on its next sync and moves its run in progress to it', async ({
  page: admin,
}, testInfo) => {
  test.setTimeout(180_000);
  const hub = await startSeededHub();
  try {
    // The office administrator's laptop is enrolled and holds the templates the hub had then.
    await completeFirstRun(admin, {
      name: 'Jonas Weber',
      role: 'Local ICT administrator',
      office: 'Hamburg office',
    });
    const adminHub = new HubPanel(admin);
    await adminHub.open();
    await adminHub.connect(hub.url, await hub.adminCode('Hamburg office', 'Jonas Weber'));
    await expect(adminHub.connected()).toContainText(`as Jonas Weber`);
    await expect(new SyncPage(admin).statusLastSync()).toHaveText(/Synced/, { timeout: 60_000 });

    // Friday: the administrator starts the run on the newest version there is, 1.3.0.
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    const hamburg = new RunsPage(admin);
    await hamburg.startRun(HAMBURG);
    await expect(admin.getByText('New office go-live 1.3.0')).toBeVisible();
    await hamburg.openItem('site-access-badges');
    await hamburg.markDone();
    await expect(hamburg.row('site-access-badges')).toContainText('Done');
    await hamburg.openItem('isp-lines-delivered');
    await hamburg.detail().getByRole('textbox', { name: 'ISP line 1' }).fill('DTAG fibre 4711');
    await hamburg.detail().getByRole('textbox', { name: 'ISP line 2' }).fill('Vodafone 0815');
    await hamburg.detail().getByLabel('Notes').click();
    await expect(hamburg.row('isp-lines-delivered')).toContainText('DTAG fibre 4711');

    // Meanwhile the head of ICT publishes 1.4.0 (the first test drafts the same in the editor).
    const published = await publishDefinition(
      hub.store,
      newOffice140Text(),
      'new-office/1.4.0.yaml',
      new Date(),
    );
    expect(published.ok && published.version).toBe('1.4.0');

    // The office laptop receives it on its next sync.
    const adminSync = new SyncPage(admin);
    await adminSync.open();
    await adminSync.syncNow();
    await admin.getByRole('navigation').getByRole('link', { name: 'Templates' }).click();
    const adminTemplates = new TemplatesPage(admin);
    await expect(adminTemplates.versionLinks('New office go-live')).toHaveText(
      ['1.4.0', '1.3.0', '1.2.0', '1.1.0', '1.0.0'],
      { timeout: 15_000 },
    );
    await expect(adminTemplates.row('New office go-live')).toContainText('From the hub');
    await adminTemplates.openVersion('New office go-live', '1.4.0');
    await expect(adminTemplates.itemRow('second-line-ordered-early')).toBeVisible();
    await saveScreenshot(admin, testInfo, 'template-received-on-laptop');

    // The run in progress moves to 1.4.0: previewed item by item, then one event in its history.
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    await admin.getByRole('link', { name: 'Hamburg office' }).click();
    await expect(admin.getByText('New office go-live 1.3.0')).toBeVisible();
    await expect(
      admin.getByText(/Version 1\.4\.0 of New office go-live is on this device/),
    ).toBeVisible();
    await admin.getByRole('button', { name: 'Preview the move to 1.4.0…' }).click();
    const preview = admin.getByRole('dialog', { name: 'Move this run to version 1.4.0?' });
    await expect(preview.getByRole('status')).toContainText(
      '2 answers carried over, 1 to check again, 1 new items, 0 answers of removed items',
    );
    const recheck = preview.getByRole('region', { name: 'Check again (1)' });
    await expect(recheck).toContainText('isp-lines-delivered');
    await expect(recheck).toContainText(NEW_TITLE);
    await expect(recheck).toContainText(/title/);
    await expect(preview.getByRole('region', { name: 'Carried over unchanged (1)' })).toContainText(
      'site-access-badges',
    );
    await expect(preview.getByRole('region', { name: 'New in 1.4.0 (1)' })).toContainText(
      'second-line-ordered-early',
    );
    await saveScreenshot(admin, testInfo, 'run-move-preview');
    await preview.getByRole('button', { name: 'Move to 1.4.0' }).click();
    await expect(preview).toBeHidden();
    await expect(admin.getByText('New office go-live 1.4.0')).toBeVisible();
    await expect(
      admin.getByText(/Moved (from 1\.3\.0 )?to 1\.4\.0 on .* by Jonas Weber\./),
    ).toBeVisible();
    await expect(
      admin.getByText(/Version 1\.4\.0 of New office go-live is on this device/),
    ).toBeHidden();
    const rechecks = admin.getByRole('list', { name: 'Answers to check again' });
    await expect(rechecks.getByRole('listitem')).toHaveCount(1);
    await expect(rechecks).toContainText('isp-lines-delivered');
    await hamburg.search('site-access-badges');
    await expect(hamburg.row('site-access-badges')).toContainText('Done');
    await hamburg.search('isp-lines-delivered');
    await expect(hamburg.row('isp-lines-delivered')).toContainText('DTAG fibre 4711');
    await saveScreenshot(admin, testInfo, 'run-moved');
    // Checking the answer again clears the flag.
    await admin.getByRole('button', { name: 'Open isp-lines-delivered' }).click();
    await hamburg.detail().getByLabel('Notes').fill('Both lines re-tested end to end on Saturday.');
    await hamburg.detail().getByLabel('Notes').press('Tab');
    await expect(rechecks).toBeHidden();

    // A new run starts on 1.4.0.
    await admin.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    await hamburg.startRun({ ...HAMBURG, name: 'Hamburg warehouse' });
    await expect(admin.getByText('New office go-live 1.4.0')).toBeVisible();
  } finally {
    await hub.stop();
  }
});
