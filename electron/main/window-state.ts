// Remembers the main window's size, position and maximised state in <userData>/window-state.json
// (written atomically), and restores them where they can be seen: a position on a display that is
// gone (a laptop back from the docking station) or mostly off-screen is moved onto a display, and a
// size larger than the display shrinks to fit. Electron's screen and the window are passed in, so
// tests use fakes.

import path from 'node:path';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What window-state.json holds. Bump `version` when the shape changes, and keep reading the old. */
export interface WindowState {
  version: 1;
  /** The normal (not maximised) bounds, so un-maximising returns to them. */
  bounds: Rectangle;
  isMaximized: boolean;
}

/** The bounds to open the window with; x and y are absent when the system should place it. */
export interface RestoredWindowState {
  bounds: { x?: number; y?: number; width: number; height: number };
  isMaximized: boolean;
}

/** The slice of Electron's screen used here. */
export interface ScreenLike {
  getAllDisplays(): { workArea: Rectangle }[];
  getPrimaryDisplay(): { workArea: Rectangle };
}

/** The slice of a BrowserWindow that is tracked. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export interface WindowStateFileSystem extends AtomicWriteFileSystem {
  readFile(filePath: string): Promise<Uint8Array>;
}

export interface WindowStateOptions {
  fs: WindowStateFileSystem;
  /** app.getPath('userData'). */
  userDataDir: string;
  screen: ScreenLike;
  /** The size of a first window (window-options.ts). */
  defaultSize: { width: number; height: number };
  /** The smallest window (window-options.ts); restored sizes never go below it. */
  minimumSize: { width: number; height: number };
  log?: (message: string) => void;
  /** How long moves and resizes settle before the state is written. */
  debounceMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window must be on a display to count as visible (the title bar, grabbable). */
const MIN_VISIBLE = 64;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function parseState(bytes: Uint8Array): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const candidate = value as Partial<WindowState> | null;
  const bounds = candidate?.bounds as Partial<Rectangle> | undefined;
  if (
    candidate?.version !== 1 ||
    typeof candidate.isMaximized !== 'boolean' ||
    !isFiniteNumber(bounds?.x) ||
    !isFiniteNumber(bounds.y) ||
    !isFiniteNumber(bounds.width) ||
    !isFiniteNumber(bounds.height) ||
    bounds.width <= 0 ||
    bounds.height <= 0
  ) {
    return null;
  }
  return {
    version: 1,
    bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height },
    isMaximized: candidate.isMaximized,
  };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/**
 * Where saved bounds should open now: on the display they overlap most, moved and shrunk to lie
 * inside its work area; on the primary display, centred, when no display shows enough of them.
 */
export function fitToDisplays(
  saved: Rectangle,
  screen: ScreenLike,
  minimumSize: { width: number; height: number },
): Rectangle {
  const areas = screen.getAllDisplays().map((display) => display.workArea);
  let best: Rectangle | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const { width, height } = overlap(saved, area);
    if (width >= MIN_VISIBLE && height >= MIN_VISIBLE && width * height > bestArea) {
      best = area;
      bestArea = width * height;
    }
  }
  const area = best ?? screen.getPrimaryDisplay().workArea;
  const width = Math.round(clamp(saved.width, minimumSize.width, area.width));
  const height = Math.round(clamp(saved.height, minimumSize.height, area.height));
  if (best === undefined) {
    return {
      x: Math.round(area.x + (area.width - width) / 2),
      y: Math.round(area.y + (area.height - height) / 2),
      width,
      height,
    };
  }
  return {
    x: Math.round(clamp(saved.x, area.x, area.x + area.width - width)),
    y: Math.round(clamp(saved.y, area.y, area.y + area.height - height)),
    width,
    height,
  };
}

export function createWindowStateStore(options: WindowStateOptions) {
  const { fs, screen } = options;
  const file = path.join(options.userDataDir, WINDOW_STATE_FILE);
  const log = options.log ?? ((message: string) => console.warn(`[window-state] ${message}`));
  const debounceMs = options.debounceMs ?? 500;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer =
    options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));

  async function save(state: WindowState): Promise<void> {
    const json = `${JSON.stringify(state, null, 2)}\n`;
    await writeFileAtomic(fs, file, new TextEncoder().encode(json));
  }

  // The saves track() started, in order, so whenSaved can wait for the last one.
  let saving: Promise<void> = Promise.resolve();

  return {
    file,

    /** The state to open the main window with; the defaults when nothing usable was saved. */
    async load(): Promise<RestoredWindowState> {
      const fallback: RestoredWindowState = {
        bounds: { ...options.defaultSize },
        isMaximized: false,
      };
      let bytes: Uint8Array;
      try {
        bytes = await fs.readFile(file);
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code !== 'ENOENT') {
          log(`could not read ${file}: ${String(error)}`);
        }
        return fallback;
      }
      const state = parseState(bytes);
      if (state === null) {
        log(`ignored ${file}: not a window state this app wrote`);
        return fallback;
      }
      return {
        bounds: fitToDisplays(state.bounds, screen, options.minimumSize),
        isMaximized: state.isMaximized,
      };
    },

    save,

    /** Resolves when every save track() has started so far is on disk (or has failed, logged). */
    whenSaved: (): Promise<void> => saving,

    /**
     * Saves the window's state a moment after it stops moving or resizing, and when it closes.
     * Minimised and full-screen states are not saved: the window reopens as it was before them.
     */
    track(window: TrackedWindow): void {
      let timer: unknown;
      const capture = (): WindowState | null =>
        window.isMinimized() || window.isFullScreen()
          ? null
          : { version: 1, bounds: window.getNormalBounds(), isMaximized: window.isMaximized() };
      const saveNow = () => {
        if (timer !== undefined) clearTimer(timer);
        timer = undefined;
        const state = capture();
        if (state === null) return;
        saving = saving
          .then(() => save(state))
          .catch((error: unknown) => log(`could not save ${file}: ${String(error)}`));
      };
      const saveSoon = () => {
        if (timer !== undefined) clearTimer(timer);
        timer = setTimer(saveNow, debounceMs);
      };
      for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
        window.on(event, saveSoon);
      }
      window.on('close', saveNow);
    },
  };
}

export type WindowStateStore = ReturnType<typeof createWindowStateStore>;
