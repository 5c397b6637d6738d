// Language and locale (issue 16, point 10): on a laptop whose browser speaks German, the app in
// English says React Aria's words in English (not "Element wählen"), dates read as the chosen
// language writes them (not mm/dd/yyyy, not 12-hour), ISO 8601 when chosen in Settings, and in
// Spanish when the app is in Spanish.
import { test, expect, completeFirstRun, expectAccessible } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { SettingsPage } from './pages/settings-page';

test.use({ locale: 'de-DE' });

test('the primitives and every date follow the app language and the chosen date format', async ({
  page,
}) => {
  await completeFirstRun(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // React Aria's own words in the app's language.
  await page.getByRole('button', { name: 'New run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a run' });
  await dialog.getByRole('button', { name: /Template/ }).click();
  await page.getByRole('option', { name: 'New office go-live', exact: true }).click();
  await expect(dialog.getByRole('button', { name: /Work model/ })).toContainText('Select an item');
  await expect(dialog).not.toContainText('Element wählen');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const runs = new RunsPage(page);
  await runs.startRun({
    template: 'New office go-live',
    name: 'Berlin office',
    goLive: '2026-12-07',
    text: {
      'Seats (workstations) on site': '120',
      'Country (ISO 3166-1 alpha-2 code, e.g. DE)': 'DE',
    },
    checks: ['The office has its own server room'],
    choices: { 'Work model': 'hybrid' },
  });
  const header = page.locator('.run-header');
  await expect(header).toContainText('7 Dec 2026');
  await expectAccessible(page, 'run, dates by language');

  // ISO 8601, chosen in Settings, everywhere at once.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /Dates and times/ }).click();
  await page.getByRole('option', { name: /^ISO 8601/ }).click();
  await expect(page.getByRole('button', { name: /Dates and times/ })).toContainText(
    '2026-12-05 14:30',
  );
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByRole('table')).toContainText('2026-12-07');

  // Spanish, by language again.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: /Dates and times/ }).click();
  await page.getByRole('option', { name: /^As the language/ }).click();
  await new SettingsPage(page).chooseLanguage('English', 'Español');
  await page.getByRole('navigation').getByRole('link', { name: 'Ejecuciones' }).click();
  await expect(page.getByRole('table')).toContainText('7 dic 2026');
});
