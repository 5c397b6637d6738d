// Every BrowserWindow comes from createWindowOptions: its security flags, preload, theme and sizing.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_SIZE,
  MINIMUM_WINDOW_SIZE,
  WINDOW_BACKGROUND,
  createWindowOptions,
} from '../../../electron/main/window-options';

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

describe('createWindowOptions with remembered bounds', () => {
  it('opens where window-state.ts says', () => {
    const options = createWindowOptions({
      preloadPath,
      nativeTheme: { shouldUseDarkColors: false },
      bounds: { x: 120, y: 90, width: 1100, height: 720 },
    });
    expect(options).toMatchObject({ x: 120, y: 90, width: 1100, height: 720 });
  });

  it('lets the system place a window without a position, at the default size otherwise', () => {
    const placed = createWindowOptions({
      preloadPath,
      nativeTheme: { shouldUseDarkColors: false },
      bounds: { width: 1000, height: 700 },
    });
    expect(placed).not.toHaveProperty('x');
    expect(placed).not.toHaveProperty('y');
    const fresh = createWindowOptions({ preloadPath, nativeTheme: { shouldUseDarkColors: false } });
    expect(fresh).toMatchObject(DEFAULT_WINDOW_SIZE);
  });

  it('never opens smaller than the minimum size', () => {
    const options = createWindowOptions({
      preloadPath,
      nativeTheme: { shouldUseDarkColors: false },
      bounds: { x: 0, y: 0, width: 100, height: 100 },
    });
    expect(options).toMatchObject({
      width: MINIMUM_WINDOW_SIZE.width,
      height: MINIMUM_WINDOW_SIZE.height,
      minWidth: MINIMUM_WINDOW_SIZE.width,
      minHeight: MINIMUM_WINDOW_SIZE.height,
    });
  });
});
