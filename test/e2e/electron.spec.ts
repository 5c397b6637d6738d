// The real desktop app through Playwright's Electron driver: the built main process starts, shows
// its window on app://bundle with the app shell, and window.app reports the desktop runtime; then a
// go-live weekend in miniature through the desktop's own paths: first run, a template imported from
// the File menu, a run ticked and signed off, the PDF exported from the File menu, and the signed
// report's second copy and the log file on disk.
// Native dialogs cannot be clicked by Playwright: the test replaces dialog.showOpenDialog and
// showSaveDialog in the main process with answers (the same objects the IPC handlers call).
// Skips (saying why) where the Electron binary is absent, as on machines that cannot download it.
// Needs `npm run build` first (dist/electron and dist/renderer).
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import type { AppBridge } from '../../electron/common/ipc-contract';
import { findElectronBinary } from '../../cli/electron-binary.mjs';
import { FirstRunPage } from './pages/first-run-page';
import { RunsPage } from './pages/runs-page';
import { MINI_TEMPLATE, completeMiniRun } from './mini-office';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();
const skipReason = `Electron e2e skipped: Electron binary not available on this machine (${binary.reason ?? ''}).`;
if (binary.path === null) console.log(skipReason);

/** Launches the app on a fresh data folder: no state from earlier runs, no clash with a running instance. */
async function launch(): Promise<{ app: ElectronApplication; page: Page; userDataDir: string }> {
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'golive-e2e-'));
  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    // The app folder, as `npm start` and the packaged app run it: Electron reads package.json (name,
    // version, "main": dist/electron/main.cjs). Pointed at main.cjs alone it would report its own name.
    args: [root, `--user-data-dir=${userDataDir}`],
    cwd: root,
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page, userDataDir };
}

/** Clicks an item of the application menu by its id (electron/main/app-menu.ts). */
async function clickMenuItem(app: ElectronApplication, id: string) {
  const found = await app.evaluate(({ Menu }, itemId) => {
    const item = Menu.getApplicationMenu()?.getMenuItemById(itemId);
    item?.click();
    return item !== null && item !== undefined;
  }, id);
  expect(found, `menu item ${id}`).toBe(true);
}

/** The next native open and save dialogs answer with these paths. */
async function answerDialogs(app: ElectronApplication, answers: { open?: string; save?: string }) {
  await app.evaluate(({ dialog }, { open, save }) => {
    if (open !== undefined) {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [open] })) as never;
    }
    if (save !== undefined) {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: save })) as never;
    }
  }, answers);
}

test.describe('desktop app', () => {
  test.skip(binary.path === null, skipReason);

  test('opens the main window on the app shell with the desktop bridge', async () => {
    const { app, page, userDataDir } = await launch();
    try {
      expect(page.url()).toMatch(/^app:\/\/bundle\//);
      await expect(page).toHaveTitle(/Go-live Checklists/);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) =>
            BrowserWindow.getAllWindows().map((w) => w.isVisible()),
          ),
        )
        .toEqual([true]);

      const info = await page.evaluate(() =>
        (window as Window & { app?: AppBridge }).app?.getInfo(),
      );
      expect(info).toMatchObject({ runtime: 'desktop', name: 'Go-live Checklists' });

      // The page gets the bridge, never node or ipcRenderer.
      const leaks = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(leaks).toEqual({ require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });

  test('first run, tick, sign off, export the PDF from the menu; the second copy is on disk', async () => {
    test.setTimeout(180_000);
    const { app, page, userDataDir } = await launch();
    try {
      const firstRun = new FirstRunPage(page);
      await expect(firstRun.heading()).toBeVisible();
      await firstRun.fill({
        name: 'Ana García',
        role: 'Local ICT administrator',
        office: 'Berlin office',
      });
      await firstRun.submit();
      await expect(page.getByRole('navigation')).toBeVisible();

      // File > Import template… goes to Templates and opens the (answered) native dialog.
      const templatePath = path.join(userDataDir, 'mini-office-1.0.0.yaml');
      await writeFile(templatePath, MINI_TEMPLATE);
      await answerDialogs(app, { open: templatePath });
      await clickMenuItem(app, 'import-template');
      await expect(page.getByText('Mini office go-live').first()).toBeVisible();

      // File > New run… opens the new-run dialog on the runs list.
      await clickMenuItem(app, 'new-run');
      await expect(page.getByRole('dialog', { name: 'Start a run' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toBeHidden();

      const runs = new RunsPage(page);
      await runs.startRun({
        template: 'Mini office go-live',
        name: 'Berlin office',
        goLive: '2026-12-07',
      });
      const runId = decodeURIComponent(/#\/runs\/([^/?]+)/.exec(page.url())?.[1] ?? '');
      expect(runId).not.toBe('');
      await completeMiniRun(runs);

      await page.getByRole('button', { name: 'Sign off…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Sign off' }).click();
      await dialog.getByLabel('Lessons learned').fill('Order the second line six weeks ahead.');
      await dialog.getByRole('button', { name: 'Sign off' }).click();
      await expect(page.getByText(/Signed off by Ana García/)).toBeVisible();

      // File > Export PDF… on the signed run saves its PDF where the (answered) dialog says.
      const pdfPath = path.join(userDataDir, 'berlin-office.pdf');
      await answerDialogs(app, { save: pdfPath });
      await clickMenuItem(app, 'export-pdf');
      await expect(page.getByText(`PDF saved: ${pdfPath}`)).toBeVisible();
      expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      // The second copy of the signed report, in case Chromium resets IndexedDB.
      const copy = path.join(userDataDir, 'signed-reports', runId, 'r1', 'report.json');
      await expect.poll(() => existsSync(copy)).toBe(true);
      expect(JSON.parse(readFileSync(copy, 'utf8'))).toMatchObject({
        body: { reportId: runId, revision: 1 },
      });
      expect(readFileSync(path.join(userDataDir, 'logs', 'main.log'), 'utf8')).toContain(
        'starting on',
      );
    } finally {
      await app.close();
      await rm(userDataDir, { recursive: true, force: true });
    }
  });
});
