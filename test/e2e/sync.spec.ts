// Sync end to end in web mode: a real hub on 127.0.0.1 (SQLite in a temporary folder) started by the
// test, an administrator enrolled with a one-time code through Settings, the hub stopped, a run
// signed off with no hub, the report waiting on the Sync screen and in the status bar, the hub
// started again (same data, same port), "Sync now", and the report arrives: sent on the screen,
// exactly one row in the hub, the device's receipt naming the hub's hash.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser, issueCode } from '../../hub/enrollment';
import { createHub } from '../../hub/server';
import type { HubStore } from '../../hub/store/hub-store';
import { openSqliteStore } from '../../hub/store/open-store';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { completeMiniRun, importTemplate } from './mini-office';
import { RunsPage } from './pages/runs-page';
import { HubPanel, SyncPage } from './pages/sync-page';

interface RunningHub {
  port: number;
  store: HubStore;
  stop(): Promise<void>;
}

async function startHub(file: string, port: number): Promise<RunningHub> {
  const store = await openSqliteStore(file);
  const app = createHub({ store });
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    store,
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

test('a report signed off with no hub reaches it exactly once when it returns', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'golive-sync-'));
  const hubFile = join(folder, 'hub', 'hub.sqlite');
  let hub = await startHub(hubFile, 0);
  const { port } = hub;
  const user = await createUser(
    hub.store,
    { name: 'Ana García', role: 'admin', office: 'Berlin office' },
    new Date(),
  );
  const { code } = await issueCode(hub.store, user, new Date());

  await completeFirstRun(page, {
    name: 'Ana García',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  });
  const hubPanel = new HubPanel(page);
  const sync = new SyncPage(page);
  await expect(sync.statusLastSync()).toHaveText(/No hub/);
  await hubPanel.open();
  await hubPanel.connect(`http://127.0.0.1:${port}`, code);
  await expect(hubPanel.connected()).toContainText(
    `Connected to http://127.0.0.1:${port} as Ana García`,
  );
  await expect(hubPanel.region()).toContainText('Trust list: 1 key.');
  await expect(sync.statusLastSync()).toHaveText(/Synced/);
  await saveScreenshot(page, testInfo, 'sync-settings-hub');

  await importTemplate(page, folder);
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  const runs = new RunsPage(page);
  await runs.startRun({
    template: 'Mini office go-live',
    name: 'Berlin office',
    goLive: '2026-12-07',
  });
  // The run's progress goes to the hub; the Sent list says when (issue 16, point 11).
  await sync.open();
  await sync.syncNow();
  const progressSent = sync
    .sent()
    .getByRole('listitem')
    .filter({ hasText: 'Progress of Berlin office' });
  await expect(progressSent).toContainText(/(Sent|Received by the hub) \d/, { timeout: 15_000 });
  await expect(sync.statusQueue()).toHaveText('Nothing waiting');

  // The line goes down: the hub is gone.
  await hub.stop();
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('link', { name: 'Berlin office' }).first().click();
  // Bad news early (issue 16, point 11): a blocker raised with no network waits for the hub,
  // and the status bar says so instead of "Nothing waiting".
  await runs.openItem('labels');
  await runs.markWithReason('Blocked…', 'The rack label printer is not delivered.');
  await expect(sync.statusQueue()).toHaveText('Progress of 1 run waiting');
  await completeMiniRun(runs);
  await page.getByRole('button', { name: 'Sign off…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
  await dialog.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByText(/Signed off by Ana García/)).toBeVisible();

  await sync.open();
  await expect(sync.waiting()).toContainText('Berlin office, revision 1');
  await expect(sync.statusQueue()).toHaveText('1 report waiting');
  await sync.syncNow();
  await expect(
    page.getByRole('alert').filter({ hasText: 'The hub does not answer' }),
  ).toBeVisible();
  await expect(sync.waiting()).toContainText('Berlin office, revision 1');
  await saveScreenshot(page, testInfo, 'sync-waiting');

  // The line is back: the same hub, same data, same port.
  hub = await startHub(hubFile, port);
  try {
    await sync.syncNow();
    await expect(sync.sent()).toContainText('Berlin office, revision 1', { timeout: 15_000 });
    await expect(sync.sent()).toContainText('Received by the hub');
    await expect(sync.waiting()).not.toContainText('Berlin office, revision 1');
    await expect(sync.statusQueue()).toHaveText('Nothing waiting');
    await expect(sync.lastSuccess()).not.toHaveText('Never');
    await saveScreenshot(page, testInfo, 'sync-sent');

    const stored = await hub.store.listReports('all');
    expect(stored).toHaveLength(1);
    const receipts = await page.evaluate(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('go-live-checklists');
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').getAll();
            request.onsuccess = () =>
              resolve(
                (request.result as { kind: string; receipt?: string }[])
                  .filter((row) => row.kind === 'report')
                  .map((row) => row.receipt ?? ''),
              );
            request.onerror = () => reject(request.error);
          };
        }),
    );
    expect(receipts).toHaveLength(1);
    expect(JSON.parse(receipts[0] ?? '{}')).toMatchObject({
      reportHash: stored[0]?.reportHash,
      revision: 1,
    });

    // Syncing again sends nothing new: still one row.
    await sync.syncNow();
    await expect(sync.statusQueue()).toHaveText('Nothing waiting');
    expect(await hub.store.listReports('all')).toHaveLength(1);
  } finally {
    await hub.stop();
  }
});
