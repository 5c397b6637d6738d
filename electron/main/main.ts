// The main-process entry (bundled to dist/electron/main.cjs by electron/build.mjs): wiring only.
// One instance; the app:// scheme; hardening; IPC; the main window on app://bundle/index.html.
// Behaviour lives in the modules it wires, which take their Electron objects as parameters and are
// unit-tested without Electron (test/unit/electron/).

import path from 'node:path';
import fs from 'node:fs/promises';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  protocol,
  safeStorage,
  session,
  shell,
  webContents,
} from 'electron';
import { APP_ORIGIN } from '../common/ipc-contract';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol';
import { EXTERNAL_URL_ALLOWLIST } from './external-allowlist';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { denyAllPermissions, hardenAllWebContents } from './security';
import { createSigningKeyStore } from './signing-keys';
import { createWindowOptions } from './window-options';

// Relative to this bundle (dist/electron/main.cjs), so the paths hold in development, when Electron
// is pointed at the bundle itself, and inside app.asar.
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(createWindowOptions({ preloadPath, nativeTheme }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder; it focuses its window ('second-instance' below).
  app.quit();
} else {
  app.enableSandbox();
  registerAppSchemeAsPrivileged(protocol);
  hardenAllWebContents(app, {
    allowlist: EXTERNAL_URL_ALLOWLIST,
    openExternal: (url) => shell.openExternal(url),
  });

  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    handleAppProtocol(protocol, rendererRoot, (filePath) => fs.readFile(filePath));
    registerIpcHandlers(
      ipcMain,
      createHandlers({
        app,
        platform: process.platform,
        shell,
        dialog,
        fs,
        getWindow: (sender) => {
          const contents = webContents.fromId(sender.webContentsId);
          return (contents && BrowserWindow.fromWebContents(contents)) ?? mainWindow;
        },
        allowlist: EXTERNAL_URL_ALLOWLIST,
        // After 'ready', as safeStorage needs; the key itself is made on the first getSigningKey.
        signingKeys: createSigningKeyStore({
          safeStorage,
          userDataDir: app.getPath('userData'),
          fs,
          platform: process.platform,
        }),
      }),
    );
    mainWindow = createMainWindow();
    // macOS: clicking the dock icon with no window open opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
    });
  });
}
