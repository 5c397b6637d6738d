// The real desktop app through Playwright's Electron driver: the built main process starts, shows
// its window on app://bundle with the app shell, and window.app reports the desktop runtime.
// Skips (saying why) where the Electron binary is absent, as on machines that cannot download it.
// Needs `npm run build` first (dist/electron and dist/renderer).
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { AppBridge } from '../../electron/common/ipc-contract';
import { findElectronBinary } from '../../cli/electron-binary.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();
const skipReason = `Electron e2e skipped: Electron binary not available on this machine (${binary.reason ?? ''}).`;
if (binary.path === null) console.log(skipReason);

test.describe('desktop app', () => {
  test.skip(binary.path === null, skipReason);

  test('opens the main window on the app shell with the desktop bridge', async () => {
    // A fresh data folder per run: no state from earlier runs, no clash with a running instance.
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'golive-e2e-'));
    const app = await electron.launch({
      executablePath: binary.path ?? undefined,
      // The app folder, as `npm start` and the packaged app run it: Electron reads package.json (name,
      // version, "main": dist/electron/main.cjs). Pointed at main.cjs alone it would report its own name.
      args: [root, `--user-data-dir=${userDataDir}`],
      cwd: root,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');

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
});
