// The application menu: File (new run, imports, export, backup, restore), the standard Edit, View and
// Window menus built from Electron's roles, and Help (About, Open log folder). An app item does not
// act in main: it sends a MenuCommand (electron/common/ipc-contract.ts) to the focused window, whose
// renderer decides what it means on the screen it shows (renderer/features/desktop/). Menu and the
// window lookup are passed in, so tests click the items of the template on fakes.
// Labels are English: the menu is built before the renderer's language is known. (To translate,
// the renderer would send its language and main rebuild the menu.)

import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../common/ipc-contract';

/** The window the commands go to, reduced to what is used. */
export interface CommandTarget {
  readonly webContents: { send(channel: string, command: MenuCommand): void };
}

export interface AppMenuDependencies {
  /** process.platform: macOS gets the application menu and keeps About there. */
  platform: string;
  /** app.getName(), the title of the macOS application menu. */
  appName: string;
  /** The focused window, else the main window; null when there is none (macOS, all closed). */
  getTargetWindow: () => CommandTarget | null;
  /** Electron's shell: Help > Open log folder shows `logFolder` in the file manager. */
  shell: { openPath(path: string): Promise<string> };
  /** Where the log files are (logging.ts). */
  logFolder: string;
  /** Where a failure to open the folder is reported. */
  log?: (message: string) => void;
  /** app.showAboutPanel, after app.setAboutPanelOptions. */
  showAbout: () => void;
  /** Reload and the developer tools, in development builds only. */
  isDevelopment: boolean;
}

/** The items that send a command, with their accelerators (the renderer's keys never clash). */
export const COMMAND_ITEMS: readonly {
  command: MenuCommand;
  label: string;
  accelerator: string;
}[] = [
  { command: 'new-run', label: 'New run…', accelerator: 'CmdOrCtrl+N' },
  { command: 'import-template', label: 'Import template…', accelerator: 'CmdOrCtrl+O' },
  { command: 'import-report', label: 'Import report…', accelerator: 'CmdOrCtrl+Shift+O' },
  { command: 'export-pdf', label: 'Export PDF…', accelerator: 'CmdOrCtrl+E' },
  { command: 'backup', label: 'Back up all data…', accelerator: 'CmdOrCtrl+B' },
  { command: 'restore', label: 'Restore from backup…', accelerator: 'CmdOrCtrl+Shift+B' },
];

export const OPEN_LOG_FOLDER_LABEL = 'Open log folder';

function commandItem(command: MenuCommand, deps: AppMenuDependencies): MenuItemConstructorOptions {
  const item = COMMAND_ITEMS.find((entry) => entry.command === command);
  if (!item) throw new Error(`No menu item for the command ${command}.`);
  return {
    id: command,
    label: item.label,
    accelerator: item.accelerator,
    click: () => sendCommand(deps, command),
  };
}

/** Sends `command` to the target window; without one (macOS, all windows closed) nothing happens. */
export function sendCommand(
  deps: Pick<AppMenuDependencies, 'getTargetWindow'>,
  command: MenuCommand,
) {
  deps.getTargetWindow()?.webContents.send(MENU_COMMAND_CHANNEL, command);
}

/** Shows the log folder; shell.openPath resolves to an error message, or '' when it worked. */
export function openLogFolder(deps: Pick<AppMenuDependencies, 'shell' | 'logFolder' | 'log'>) {
  const report = (problem: string) => deps.log?.(`could not open ${deps.logFolder}: ${problem}`);
  return deps.shell.openPath(deps.logFolder).then(
    (problem) => {
      if (problem !== '') report(problem);
    },
    (error: unknown) => report(String(error)),
  );
}

export function buildMenuTemplate(deps: AppMenuDependencies): MenuItemConstructorOptions[] {
  const isMac = deps.platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    id: 'about',
    label: isMac ? `About ${deps.appName}` : 'About Go-live Checklists',
    click: () => deps.showAbout(),
  };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      commandItem('new-run', deps),
      { type: 'separator' },
      commandItem('import-template', deps),
      commandItem('import-report', deps),
      commandItem('export-pdf', deps),
      { type: 'separator' },
      commandItem('backup', deps),
      commandItem('restore', deps),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      // Reload and the developer tools help nobody on site; they stay in development builds.
      ...(deps.isDevelopment
        ? ([
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
            { type: 'separator' },
          ] as const)
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      ...(isMac ? [] : [about, { type: 'separator' } as const]),
      {
        id: 'open-log-folder',
        label: OPEN_LOG_FOLDER_LABEL,
        click: () => void openLogFolder(deps),
      },
    ],
  };

  const macAppMenu: MenuItemConstructorOptions = {
    label: deps.appName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  return [
    ...(isMac ? [macAppMenu] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}

/** The slice of Electron's Menu used here. */
export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

/** Builds the menu and makes it the application menu (every window on Windows and Linux). */
export function installAppMenu<M>(menu: MenuApi<M>, deps: AppMenuDependencies): M {
  const built = menu.buildFromTemplate(buildMenuTemplate(deps));
  menu.setApplicationMenu(built);
  return built;
}
