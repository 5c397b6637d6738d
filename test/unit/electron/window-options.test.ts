// Every BrowserWindow comes from createWindowOptions: its security flags, preload, theme and sizing.
import { describe, expect, it } from 'vitest';
import { WINDOW_BACKGROUND, createWindowOptions } from '../../../electron/main/window-options';

const preloadPath = '/app/dist/electron/preload.cjs';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath, nativeTheme: { shouldUseDarkColors: false } });

  it('locks down webPreferences', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('uses the given preload', () => {
    expect(options.webPreferences?.preload).toBe(preloadPath);
  });

  it('stays hidden until ready-to-show, with a title and sensible sizes', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Go-live Checklists');
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? Infinity);
    expect(options.height).toBeGreaterThanOrEqual(options.minHeight ?? Infinity);
    expect(options.minWidth).toBeGreaterThanOrEqual(640);
    expect(options.minHeight).toBeGreaterThanOrEqual(480);
  });

  it('paints the background of the OS theme', () => {
    expect(options.backgroundColor).toBe(WINDOW_BACKGROUND.light);
    const dark = createWindowOptions({ preloadPath, nativeTheme: { shouldUseDarkColors: true } });
    expect(dark.backgroundColor).toBe(WINDOW_BACKGROUND.dark);
  });

  it('returns fresh objects, so one window cannot change another window’s options', () => {
    const other = createWindowOptions({ preloadPath, nativeTheme: { shouldUseDarkColors: false } });
    expect(other).toEqual(options);
    expect(other.webPreferences).not.toBe(options.webPreferences);
  });
});
