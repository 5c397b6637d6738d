// The main-process entry (bundled to dist/electron/main.cjs by electron/build.mjs): wiring only.
// One instance; the log file; the app:// scheme; hardening; IPC; the application menu; the main
// window on app://bundle/index.html where the user left it; updates when a feed is configured.
// Behaviour lives in the modules it wires, which take their Electron objects as parameters and are
// unit-tested without Electron (test/unit/electron/).

import path from 'node:path';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  webContents,
} from 'electron';
import { APP_ORIGIN } from '../common/ipc-contract';
import { installAppMenu } from './app-menu';
import { handleAppProtocol, registerAppSchemeAsPrivileged } from './app-protocol';
import { loadUpdater, resolveUpdateFeed, startAutoUpdate } from './auto-update';
import { EXTERNAL_URL_ALLOWLIST } from './external-allowlist';
import { createHandlers } from './handlers';
import { createHubOriginStore } from './hub-origin';
import { registerIpcHandlers, type SenderInfo } from './ipc';
import { createFileLogger, logFolder } from './logging';
import { createReportMirror } from './report-mirror';
import { denyAllPermissions, hardenAllWebContents } from './security';
import { createSigningKeyStore } from './signing-keys';
import { enforceSingleInstance } from './single-instance';
import { DEFAULT_WINDOW_SIZE, MINIMUM_WINDOW_SIZE, createWindowOptions } from './window-options';
import { createWindowStateStore, type WindowStateStore } from './window-state';

// Relative to this bundle (dist/electron/main.cjs), so the paths hold in development, when Electron
// is pointed at the bundle itself, and inside app.asar.
const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;

async function createMainWindow(windowState: WindowStateStore): Promise<BrowserWindow> {
  const state = await windowState.load();
  const window = new BrowserWindow(
    createWindowOptions({ preloadPath, nativeTheme, bounds: state.bounds }),
  );
  if (state.isMaximized) window.maximize();
  windowState.track(window);
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

// Another instance owns the data folder: it focuses its window and this one quits.
if (enforceSingleInstance(app, focusMainWindow)) {
  const userDataDir = app.getPath('userData');
  const log = createFileLogger({ fs, folder: logFolder(userDataDir), isEcho: !app.isPackaged });
  log.info(`${app.getName()} ${app.getVersion()} starting on ${process.platform}`);
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', reason));

  app.enableSandbox();
  registerAppSchemeAsPrivileged(protocol);
  const securityLog = log.scope('security');
  hardenAllWebContents(app, {
    allowlist: EXTERNAL_URL_ALLOWLIST,
    openExternal: (url) => shell.openExternal(url),
    log: (message) => securityLog.warn(message),
  });

  app.on('render-process-gone', (_event, _contents, details) =>
    log.error(`a renderer stopped: ${details.reason} (exit code ${details.exitCode})`),
  );
  app.on('child-process-gone', (_event, details) =>
    log.warn(`a ${details.type} process stopped: ${details.reason}`),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => log.info('quitting'));

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession, (message) => securityLog.warn(message));
    const getWindow = (sender: SenderInfo) => {
      const contents = webContents.fromId(sender.webContentsId);
      return (contents && BrowserWindow.fromWebContents(contents)) ?? mainWindow;
    };
    const hubLog = log.scope('hub-origin');
    const hubOrigins = createHubOriginStore({
      fs,
      userDataDir,
      dialog,
      getWindow,
      log: (message) => hubLog.info(message),
    });
    // Before the first page loads: its CSP names the hub.
    await hubOrigins.load();
    handleAppProtocol(
      protocol,
      rendererRoot,
      (filePath) => fs.readFile(filePath),
      // Loopback in development only (a hub under test); a packaged app talks to its hub alone.
      () => ({ hubOrigin: hubOrigins.current(), allowsLoopback: !app.isPackaged }),
    );
    const ipcLog = log.scope('ipc');
    const keysLog = log.scope('signing-keys');
    const mirrorLog = log.scope('report-mirror');
    registerIpcHandlers(
      ipcMain,
      createHandlers({
        app,
        platform: process.platform,
        shell,
        dialog,
        fs,
        getWindow,
        allowlist: EXTERNAL_URL_ALLOWLIST,
        // After 'ready', as safeStorage needs; the key itself is made on the first getSigningKey.
        signingKeys: createSigningKeyStore({
          safeStorage,
          userDataDir,
          fs,
          platform: process.platform,
          log: (message) => keysLog.warn(message),
        }),
        signingLog: keysLog,
        reportMirror: createReportMirror({
          fs,
          userDataDir,
          log: (message) => mirrorLog.info(message),
        }),
        hubOrigins,
      }),
      { log: (message) => ipcLog.warn(message) },
    );

    app.setAboutPanelOptions({
      applicationName: app.getName(),
      applicationVersion: app.getVersion(),
      copyright: 'Offline-first go-live checklists for local ICT administrators.',
    });
    installAppMenu(Menu, {
      platform: process.platform,
      appName: app.getName(),
      getTargetWindow: () => BrowserWindow.getFocusedWindow() ?? mainWindow,
      shell,
      logFolder: log.folder,
      log: (message) => log.warn(message),
      showAbout: () => app.showAboutPanel(),
      isDevelopment: !app.isPackaged,
    });

    const windowLog = log.scope('window-state');
    const windowState = createWindowStateStore({
      fs,
      userDataDir,
      screen,
      defaultSize: DEFAULT_WINDOW_SIZE,
      minimumSize: MINIMUM_WINDOW_SIZE,
      log: (message) => windowLog.warn(message),
    });
    mainWindow = await createMainWindow(windowState);
    // macOS: clicking the dock icon with no window open opens one again.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) {
        void createMainWindow(windowState).then((window) => (mainWindow = window));
      }
    });

    const updateLog = log.scope('update');
    startAutoUpdate({
      updater: loadUpdater(createRequire(__filename), (message) => updateLog.warn(message)),
      feed: await resolveUpdateFeed({ env: process.env, userDataDir, readFile: fs.readFile }),
      isPackaged: app.isPackaged,
      log: updateLog,
    });
  });
}
