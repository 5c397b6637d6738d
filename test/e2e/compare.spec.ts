// Compare end to end in web mode: a real hub seeded through its API with seven rollouts (five
// offices on new-office 1.0.0, 1.1.0 and 1.3.0, a version published on the hub only; two client
// onboardings), progress histories and signed reports; the app connects as the global head of
// ICT in Settings, pulls the reports, and the Compare screen shows the rollouts table, the section
// heatmap (with a section not in every version), the lessons learned and the SLA; the CSV export
// is read back.
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { ComparePage } from './pages/compare-page';
import { HubPanel, SyncPage } from './pages/sync-page';
import { startSeededHub } from './seed-hub';

test('the head of ICT compares rollouts across offices and clients', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const hub = await startSeededHub();
  try {
    await completeFirstRun(page, {
      name: 'Helena Vogel',
      role: 'Global head of ICT',
      office: 'Head office',
    });
    const hubPanel = new HubPanel(page);
    await hubPanel.open();
    await hubPanel.connect(hub.url, hub.headCode);
    await expect(hubPanel.connected()).toContainText(`Connected to ${hub.url} as Helena Vogel`);
    // The first sync pulls and verifies every signed report: slow on a busy machine.
    await expect(new SyncPage(page).statusLastSync()).toHaveText(/Synced/, { timeout: 60_000 });

    const compare = new ComparePage(page);
    await compare.open();
    await expect(compare.status()).toContainText(`Progress from ${hub.url} as of`);
    const rows = compare.rolloutRows();
    await expect(rows).toHaveCount(7);
    for (const office of [
      'Berlin office',
      'Paris office',
      'Warsaw office',
      'Madrid office',
      'Lisbon office',
      'Zurich delivery centre',
      'Dublin delivery centre',
    ]) {
      await expect(compare.rolloutsTable()).toContainText(office);
    }
    const berlin = rows.filter({ hasText: 'Berlin office' });
    await expect(berlin).toContainText('v1.1.0');
    // The template by its name, not its id; a run named like its office is not repeated.
    await expect(berlin.locator('td').first()).toContainText('New office go-live');
    await expect(berlin.locator('td').first()).not.toContainText('new-office');
    await expect(rows.filter({ hasText: 'Paris office' }).locator('th')).toHaveText('Paris office');
    // The expected go-live says how it was projected.
    await expect(berlin).toContainText(/Expected .* h left × \d\.\d \((assumed pace|pace so far)/);
    // The whole table fits a 1366 px window: nothing to scroll sideways.
    const overflow = await compare
      .rolloutsTable()
      .evaluate((table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0));
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(berlin).toContainText('1 blocker');
    await expect(berlin).toContainText(/days? late/);
    await expect(rows.filter({ hasText: 'Lisbon office' })).toContainText('v1.0.0');
    await expect(rows.filter({ hasText: 'Lisbon office' })).toContainText('Signed');
    await expect(rows.filter({ hasText: 'Warsaw office' })).toContainText('v1.3.0');

    await compare.sortBy('Progress');
    await expect(
      compare.rolloutsTable().getByRole('columnheader', { name: 'Progress' }),
    ).toHaveAttribute('aria-sort', 'ascending');
    await expect(rows.first()).toContainText('Warsaw office');
    await expect(page.getByRole('heading', { name: 'Progress over time' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Open blockers by department' })).toBeVisible();
    await saveScreenshot(page, testInfo, 'compare-rollouts');
    await page
      .getByRole('heading', { name: 'Open blockers by department' })
      .scrollIntoViewIfNeeded();
    await saveScreenshot(page, testInfo, 'compare-charts');

    const csv = await compare.exportCsv();
    expect(csv.name).toMatch(/^rollouts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Office,Run,Kind,Country,Template,Template version,Progress %/);
    expect(lines).toHaveLength(8);
    expect(csv.text).toContain('Berlin office');
    expect(csv.text).toContain(
      'Madrid office,Madrid office opening,new-office,ES,new-office,1.1.0',
    );

    await compare.tab('Sections');
    await compare.chooseTemplate('New office go-live');
    const heatmap = compare.heatmap();
    await expect(heatmap).toBeVisible();
    await expect(heatmap.getByRole('columnheader', { name: /Warsaw office/ })).toBeVisible();
    const review = heatmap.getByRole('row', { name: /Post go-live review/ });
    await expect(
      review.locator('td[title="Not in version 1.0.0 of the template"]').first(),
    ).toHaveText(/—/);
    await expect(heatmap.getByRole('row', { name: /Internet connectivity/ })).toContainText('%');
    await review.scrollIntoViewIfNeeded();
    await saveScreenshot(page, testInfo, 'compare-heatmap');

    await compare.tab('Lessons learned');
    const v110 = page.getByRole('region', { name: 'v1.1.0' });
    await expect(v110).toContainText('order the second line six weeks ahead');
    await expect(v110).toContainText('isp-lines-delivered');
    await expect(page.getByRole('region', { name: 'v1.0.0' })).toContainText(
      'server room badge arrived a day late',
    );
    await saveScreenshot(page, testInfo, 'compare-lessons');

    await compare.tab('SLA');
    const acme = page.getByRole('region', { name: 'Acme Bank onboarding' });
    await expect(acme).toContainText('Breached');
    await expect(acme).toContainText('Met');
    await saveScreenshot(page, testInfo, 'compare-sla');
  } finally {
    await hub.stop();
  }
});
