// The application menu on fakes: every command item is there with its accelerator and sends its
// command to the focused window on the one menu channel; the standard roles are in place; About and
// Open log folder call what main passes in; macOS gets its application menu.
import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import {
  MENU_COMMANDS,
  MENU_COMMAND_CHANNEL,
  type MenuCommand,
} from '../../../electron/common/ipc-contract';
import {
  COMMAND_ITEMS,
  buildMenuTemplate,
  installAppMenu,
  openLogFolder,
  type AppMenuDependencies,
  type CommandTarget,
} from '../../../electron/main/app-menu';

function fakeWindow() {
  const sent: [string, MenuCommand][] = [];
  const window: CommandTarget = {
    webContents: { send: (channel, command) => void sent.push([channel, command]) },
  };
  return { window, sent };
}

function setUp(overrides: Partial<AppMenuDependencies> = {}) {
  const focused = fakeWindow();
  const deps: AppMenuDependencies = {
    platform: 'linux',
    appName: 'Go-live Checklists',
    getTargetWindow: () => focused.window,
    shell: { openPath: vi.fn(async (_path: string) => '') },
    logFolder: '/home/ana/.config/Go-live Checklists/logs',
    log: vi.fn(),
    showAbout: vi.fn(),
    isDevelopment: false,
    ...overrides,
  };
  return { deps, focused, template: buildMenuTemplate(deps) };
}

/** Every item of the template, depth first. */
function allItems(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? allItems(item.submenu) : []),
  ]);
}

function itemById(template: MenuItemConstructorOptions[], id: string) {
  const item = allItems(template).find((candidate) => candidate.id === id);
  if (!item) throw new Error(`no menu item ${id}`);
  return item;
}

/** Clicks like Electron does (the item, the focused window, the keyboard event). */
function click(item: MenuItemConstructorOptions) {
  (item.click as unknown as () => void)();
}

describe('application menu', () => {
  it('has a menu item for every command', () => {
    expect(COMMAND_ITEMS.map((item) => item.command).sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it.each([
    ['new-run', 'New run…', 'CmdOrCtrl+N'],
    ['import-template', 'Import template…', 'CmdOrCtrl+O'],
    ['import-report', 'Import report…', 'CmdOrCtrl+Shift+O'],
    ['export-pdf', 'Export PDF…', 'CmdOrCtrl+E'],
    ['backup', 'Back up all data…', 'CmdOrCtrl+B'],
    ['restore', 'Restore from backup…', 'CmdOrCtrl+Shift+B'],
  ] as const)(
    '%s: "%s" with %s sends its command to the focused window',
    (command, label, accelerator) => {
      const { template, focused } = setUp();
      const item = itemById(template, command);
      expect(item).toMatchObject({ label, accelerator });
      click(item);
      expect(focused.sent).toEqual([[MENU_COMMAND_CHANNEL, command]]);
    },
  );

  it('puts the commands in the File menu, in order', () => {
    const { template } = setUp();
    const file = template.find((item) => item.label === 'File');
    const ids = (file?.submenu as MenuItemConstructorOptions[]).map(
      (item) => item.id ?? item.role ?? item.type,
    );
    expect(ids).toEqual([
      'new-run',
      'separator',
      'import-template',
      'import-report',
      'export-pdf',
      'separator',
      'backup',
      'restore',
      'separator',
      'quit',
    ]);
  });

  it('has no two items with the same accelerator, nor one a standard role uses', () => {
    const { template } = setUp({ isDevelopment: true });
    const accelerators = allItems(template)
      .map((item) => item.accelerator)
      .filter((accelerator) => accelerator !== undefined);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    // Electron's default accelerators of the roles used (edit, window, view, app menus).
    const roleAccelerators = [
      ...['Z', 'Shift+Z', 'Y', 'X', 'C', 'V', 'A'].map((key) => `CmdOrCtrl+${key}`),
      ...['M', 'W', 'Q', 'H', 'Alt+H', 'R', 'Shift+R', 'Shift+I', 'Alt+I'].map(
        (key) => `CmdOrCtrl+${key}`,
      ),
      ...['0', 'Plus', '=', '-'].map((key) => `CmdOrCtrl+${key}`),
    ];
    for (const { accelerator } of COMMAND_ITEMS)
      expect(roleAccelerators).not.toContain(accelerator);
  });

  it('sends to whichever window is focused at the time of the click', () => {
    const first = fakeWindow();
    const second = fakeWindow();
    let target = first.window;
    const { template } = setUp({ getTargetWindow: () => target });
    click(itemById(template, 'export-pdf'));
    target = second.window;
    click(itemById(template, 'export-pdf'));
    expect(first.sent).toEqual([[MENU_COMMAND_CHANNEL, 'export-pdf']]);
    expect(second.sent).toEqual([[MENU_COMMAND_CHANNEL, 'export-pdf']]);
  });

  it('does nothing when no window is open', () => {
    const { template } = setUp({ getTargetWindow: () => null });
    expect(() => click(itemById(template, 'new-run'))).not.toThrow();
  });

  it('has the standard Edit and Window menus and a View menu with zoom and full screen', () => {
    const { template } = setUp();
    const roles = template.map((item) => item.role ?? item.label);
    expect(roles).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const view = template.find((item) => item.label === 'View');
    expect((view?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).toEqual([
      'resetZoom',
      'zoomIn',
      'zoomOut',
      undefined,
      'togglefullscreen',
    ]);
  });

  it('offers reload and the developer tools in development only', () => {
    const roles = (deps: Partial<AppMenuDependencies>) =>
      allItems(setUp(deps).template).map((item) => item.role);
    expect(roles({ isDevelopment: false })).not.toContain('toggleDevTools');
    expect(roles({ isDevelopment: false })).not.toContain('reload');
    expect(roles({ isDevelopment: true })).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('opens the log folder from Help with shell.openPath', () => {
    const { template, deps, focused } = setUp();
    const help = template.find((item) => item.role === 'help');
    const item = (help?.submenu as MenuItemConstructorOptions[]).find(
      (candidate) => candidate.label === 'Open log folder',
    );
    expect(item).toBeDefined();
    click(item as MenuItemConstructorOptions);
    expect(deps.shell.openPath).toHaveBeenCalledExactlyOnceWith(
      '/home/ana/.config/Go-live Checklists/logs',
    );
    expect(focused.sent).toEqual([]);
  });

  it('logs why the log folder did not open', async () => {
    const openPath = vi.fn(async () => 'No application is registered to open folders');
    const { deps } = setUp({ shell: { openPath } });
    await openLogFolder(deps);
    expect(deps.log).toHaveBeenCalledWith(
      'could not open /home/ana/.config/Go-live Checklists/logs: No application is registered to open folders',
    );
  });

  it('shows About from Help on Windows and Linux', () => {
    const { template, deps } = setUp({ platform: 'win32' });
    const help = template.find((item) => item.role === 'help');
    const about = (help?.submenu as MenuItemConstructorOptions[])[0];
    expect(about?.label).toBe('About Go-live Checklists');
    click(about as MenuItemConstructorOptions);
    expect(deps.showAbout).toHaveBeenCalledOnce();
  });

  it('on macOS: the application menu first, with About and Quit, and no Quit in File', () => {
    const { template, deps } = setUp({ platform: 'darwin' });
    const [appMenu, file] = template;
    expect(appMenu?.label).toBe('Go-live Checklists');
    const items = appMenu?.submenu as MenuItemConstructorOptions[];
    expect(items[0]?.label).toBe('About Go-live Checklists');
    expect(items.map((item) => item.role)).toEqual(
      expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    click(items[0] as MenuItemConstructorOptions);
    expect(deps.showAbout).toHaveBeenCalledOnce();
    expect((file?.submenu as MenuItemConstructorOptions[]).map((item) => item.role)).not.toContain(
      'quit',
    );
    const help = template.find((item) => item.role === 'help');
    expect((help?.submenu as MenuItemConstructorOptions[]).map((item) => item.label)).toEqual([
      'Open log folder',
    ]);
  });

  it('installAppMenu builds the template and makes it the application menu', () => {
    const { deps } = setUp();
    const menu = {
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    };
    const built: { template: MenuItemConstructorOptions[] } = installAppMenu(menu, deps);
    expect(menu.buildFromTemplate).toHaveBeenCalledOnce();
    expect(menu.setApplicationMenu).toHaveBeenCalledExactlyOnceWith(built);
    expect(built.template.map((item) => item.label ?? item.role)).toContain('File');
  });
});
