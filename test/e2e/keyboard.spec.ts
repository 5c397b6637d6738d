// Working fast by keyboard on the run screen (issue 16, points 4, 5 and 8): j/k keep the selected
// row visible and focused however far they go; after committing a value with Enter or attaching a
// file, focus is back on the item's row (so x, n, b act at once and Enter does not reopen the file
// dialog); the action buttons name their keys in a tooltip; long titles wrap instead of being cut.
import { test, expect, completeFirstRun, expectAccessible } from './fixtures';
import { RunsPage } from './pages/runs-page';

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

test('j and k keep the selected row in view and focused; focus returns to the row after an action', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  const selected = runs.itemList().locator('[role="row"][aria-selected="true"]');

  // Far down the list with j, back a little with k: the selected row is always the focused one
  // and on screen.
  await runs.itemList().getByRole('row').first().click();
  for (let step = 0; step < 30; step += 1) await page.keyboard.press('j');
  await expect(selected).toHaveCount(1);
  await expect(selected).toBeFocused();
  await expect(selected).toBeInViewport();
  const farDown = await selected.getAttribute('data-key');
  for (let step = 0; step < 4; step += 1) await page.keyboard.press('k');
  await expect(selected).toBeFocused();
  await expect(selected).toBeInViewport();
  expect(await selected.getAttribute('data-key')).not.toBe(farDown);
  await expectAccessible(page, 'run after j/k');

  // A value committed with Enter: focus is back on the row, and a shortcut acts from there.
  await runs.openItem('isp-order-lead-weeks');
  const value = runs.detail().getByLabel(/^Value/);
  await value.fill('6');
  await value.press('Enter');
  await expect(runs.row('isp-order-lead-weeks')).toBeFocused();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();

  // After attaching a file, focus is on the row, not on "Attach files…".
  await runs.openItem('electrical-circuits-dedicated');
  const chooser = page.waitForEvent('filechooser');
  await runs.detail().getByRole('button', { name: 'Attach files…' }).click();
  await (
    await chooser
  ).setFiles({ name: 'panel.txt', mimeType: 'text/plain', buffer: Buffer.from('Circuit 14') });
  await expect(runs.detail().getByText('panel.txt')).toBeVisible();
  await expect(runs.row('electrical-circuits-dedicated')).toBeFocused();

  // The action buttons say their keys (React Aria shows tooltips on hover once the mouse is in
  // use, as it is after a click).
  await runs.detail().getByRole('heading', { level: 2 }).first().click();
  await runs.detail().getByRole('button', { name: 'Done', exact: true }).hover();
  await expect(page.getByRole('tooltip')).toContainText('x');
  await runs.detail().getByRole('button', { name: 'Blocked…' }).hover();
  await expect(page.getByRole('tooltip')).toContainText('b');
});

test('long item titles wrap to two lines instead of being cut', async ({ page }) => {
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  await runs.search('drill');
  const titles = runs.itemList().locator('.item-title');
  await expect(titles.first()).toBeVisible();
  for (const title of await titles.all()) {
    const box = await title.evaluate((element) => ({
      isCut: element.scrollWidth > element.clientWidth + 1,
      lines: Math.round(
        element.getBoundingClientRect().height / parseFloat(getComputedStyle(element).lineHeight),
      ),
    }));
    expect(box.isCut, await title.innerText()).toBe(false);
    expect(box.lines).toBeLessThanOrEqual(2);
  }
  await expectAccessible(page, 'run with long titles');
});

test('several selected items take one reason: not applicable for three at once', async ({
  page,
}) => {
  await completeFirstRun(page);
  const runs = new RunsPage(page);
  await runs.startRun(BERLIN);
  await runs.search('drill');
  const rows = runs.itemList().locator('[role="row"]:has([data-item-id])');
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Selected items' });
  await expect(bar).toContainText('3 items selected');
  await expectAccessible(page, 'run with three items selected');
  await bar.getByRole('button', { name: 'Not applicable… (3)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Why do these 3 items not apply?' });
  await dialog.getByRole('textbox').fill('The landlord runs the drills for the whole building.');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  for (const index of [0, 1, 2]) await expect(rows.nth(index)).toContainText('N/A');
  await expect(rows.nth(3)).not.toContainText('N/A');
});
