// The one factory for BrowserWindow options: every window of the app gets the same locked-down
// webPreferences. Do not build BrowserWindow options anywhere else; if a window needs something
// different, add a parameter here and a test for it (test/unit/electron/window-options.test.ts).

import type { BrowserWindowConstructorOptions, NativeTheme } from 'electron';

/**
 * What the window paints before the renderer's first frame, so opening it does not flash white in
 * dark mode. Keep in step with the renderer's page background colours (light and dark themes).
 */
export const WINDOW_BACKGROUND = { light: '#ffffff', dark: '#1b1d21' } as const;

/** A first window's size (before window-state.ts has anything saved). */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const;
/** Narrow enough for a laptop split screen, wide enough for the checklist and its side panel. */
export const MINIMUM_WINDOW_SIZE = { width: 720, height: 520 } as const;

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (dist/electron/preload.cjs). */
  preloadPath: string;
  nativeTheme: Pick<NativeTheme, 'shouldUseDarkColors'>;
  title?: string;
  /** Where and how large to open (window-state.ts); without x and y the system places it. */
  bounds?: { x?: number; y?: number; width: number; height: number };
}

export function createWindowOptions({
  preloadPath,
  nativeTheme,
  title = 'Go-live Checklists',
  bounds = DEFAULT_WINDOW_SIZE,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title,
    ...(bounds.x === undefined || bounds.y === undefined ? {} : { x: bounds.x, y: bounds.y }),
    width: Math.max(bounds.width, MINIMUM_WINDOW_SIZE.width),
    height: Math.max(bounds.height, MINIMUM_WINDOW_SIZE.height),
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    backgroundColor: nativeTheme.shouldUseDarkColors
      ? WINDOW_BACKGROUND.dark
      : WINDOW_BACKGROUND.light,
    // Shown on 'ready-to-show' (main.ts), so the user never sees an empty frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
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
      safeDialogs: true,
      // Off: on Windows and Linux Chromium's spellchecker downloads its dictionaries from a Google
      // server, which an offline-first tool for admins on locked-down networks should not do
      // unasked. Revisit with bundled dictionaries (session.setSpellCheckerDictionaryDownloadURL).
      spellcheck: false,
    },
  };
}
