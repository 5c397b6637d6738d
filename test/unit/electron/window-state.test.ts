// The main window's state on a fake screen and window and a real temporary folder: saved
// atomically when the window settles and when it closes, restored as saved, and corrected when the
// saved place is off every display (unplugged monitor), partly off-screen or larger than the display.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  WINDOW_STATE_FILE,
  createWindowStateStore,
  fitToDisplays,
  type Rectangle,
  type ScreenLike,
  type TrackedWindow,
} from '../../../electron/main/window-state';

const laptop: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
const monitorOnTheRight: Rectangle = { x: 1920, y: 0, width: 2560, height: 1400 };
const minimumSize = { width: 720, height: 520 };

function screenOf(...workAreas: Rectangle[]): ScreenLike {
  return {
    getAllDisplays: () => workAreas.map((workArea) => ({ workArea })),
    getPrimaryDisplay: () => ({ workArea: workAreas[0] ?? laptop }),
  };
}

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'window-state-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

/** A window whose events the test fires, and timers the test runs. */
function fakeWindow(bounds: Rectangle, state = { isMaximized: false, isMinimized: false }) {
  const listeners = new Map<string, (() => void)[]>();
  const window: TrackedWindow & { bounds: Rectangle; state: typeof state } = {
    bounds,
    state,
    getNormalBounds: () => window.bounds,
    isMaximized: () => window.state.isMaximized,
    isMinimized: () => window.state.isMinimized,
    isFullScreen: () => false,
    on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
  };
  const emit = (event: string) => listeners.get(event)?.forEach((listener) => listener());
  return { window, emit };
}

function store(screen: ScreenLike = screenOf(laptop)) {
  const timers: (() => void)[] = [];
  const windowState = createWindowStateStore({
    fs,
    userDataDir: userData,
    screen,
    defaultSize: { width: 1280, height: 820 },
    minimumSize,
    log: () => undefined,
    setTimer: (callback) => timers.push(callback),
    clearTimer: () => timers.splice(0),
  });
  return { windowState, runTimers: () => timers.splice(0).forEach((callback) => callback()) };
}

const saved = async () =>
  JSON.parse(await fs.readFile(path.join(userData, WINDOW_STATE_FILE), 'utf8')) as unknown;

describe('window state', () => {
  it('opens at the default size, placed by the system, the first time', async () => {
    await expect(store().windowState.load()).resolves.toEqual({
      bounds: { width: 1280, height: 820 },
      isMaximized: false,
    });
  });

  it('saves size, position and maximised state once the window settles, and restores them', async () => {
    const { windowState, runTimers } = store();
    const { window, emit } = fakeWindow({ x: 100, y: 80, width: 1000, height: 700 });
    windowState.track(window);
    emit('resize');
    window.bounds = { x: 120, y: 90, width: 1100, height: 720 };
    emit('move');
    expect(await fs.readdir(userData)).toEqual([]);
    runTimers();
    await windowState.whenSaved();
    expect(await saved()).toEqual({
      version: 1,
      bounds: { x: 120, y: 90, width: 1100, height: 720 },
      isMaximized: false,
    });
    await expect(store().windowState.load()).resolves.toEqual({
      bounds: { x: 120, y: 90, width: 1100, height: 720 },
      isMaximized: false,
    });
  });

  it('saves when the window closes, maximised with its normal bounds, leaving no temporary file', async () => {
    const { windowState } = store();
    const { window, emit } = fakeWindow(
      { x: 200, y: 100, width: 1200, height: 800 },
      { isMaximized: true, isMinimized: false },
    );
    windowState.track(window);
    emit('close');
    await windowState.whenSaved();
    expect(await saved()).toMatchObject({ isMaximized: true, bounds: { x: 200, width: 1200 } });
    expect(await fs.readdir(userData)).toEqual([WINDOW_STATE_FILE]);
    await expect(store().windowState.load()).resolves.toMatchObject({ isMaximized: true });
  });

  it('does not save a minimised window', async () => {
    const { windowState } = store();
    const { window, emit } = fakeWindow(
      { x: -32000, y: -32000, width: 160, height: 28 },
      { isMaximized: false, isMinimized: true },
    );
    windowState.track(window);
    emit('close');
    await windowState.whenSaved();
    expect(await fs.readdir(userData)).toEqual([]);
    // The same store does save a normal window: the empty folder above is not a missed write.
    const normal = fakeWindow({ x: 10, y: 10, width: 900, height: 600 });
    windowState.track(normal.window);
    normal.emit('close');
    await windowState.whenSaved();
    expect(await fs.readdir(userData)).toEqual([WINDOW_STATE_FILE]);
  });

  it('moves a window saved on a monitor that is gone onto the primary display, centred', async () => {
    const { windowState, runTimers } = store(screenOf(laptop, monitorOnTheRight));
    const { window, emit } = fakeWindow({ x: 2400, y: 200, width: 1400, height: 900 });
    windowState.track(window);
    emit('move');
    runTimers();
    await windowState.whenSaved();
    // Back from the docking station: only the laptop's screen.
    await expect(store(screenOf(laptop)).windowState.load()).resolves.toEqual({
      bounds: { x: 260, y: 70, width: 1400, height: 900 },
      isMaximized: false,
    });
  });

  it('ignores a file it did not write', async () => {
    await fs.writeFile(path.join(userData, WINDOW_STATE_FILE), '{"bounds": "everywhere"}');
    await expect(store().windowState.load()).resolves.toEqual({
      bounds: { width: 1280, height: 820 },
      isMaximized: false,
    });
  });
});

describe('fitToDisplays', () => {
  const two = screenOf(laptop, monitorOnTheRight);

  it('keeps bounds that are fully on a display', () => {
    const bounds = { x: 2000, y: 100, width: 1600, height: 1000 };
    expect(fitToDisplays(bounds, two, minimumSize)).toEqual(bounds);
  });

  it('pulls a window partly off-screen back inside the display it is mostly on', () => {
    expect(fitToDisplays({ x: -300, y: 900, width: 1000, height: 700 }, two, minimumSize)).toEqual({
      x: 0,
      y: 340,
      width: 1000,
      height: 700,
    });
  });

  it('centres a window that is off every display on the primary one', () => {
    expect(fitToDisplays({ x: 9000, y: 9000, width: 1000, height: 700 }, two, minimumSize)).toEqual(
      { x: 460, y: 170, width: 1000, height: 700 },
    );
  });

  it('treats a sliver on screen (less than a title bar) as off-screen', () => {
    expect(
      fitToDisplays({ x: 1880, y: 1000, width: 1000, height: 700 }, screenOf(laptop), minimumSize),
    ).toEqual({
      x: 460,
      y: 170,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    const small: Rectangle = { x: 0, y: 0, width: 1280, height: 680 };
    expect(
      fitToDisplays({ x: 0, y: 0, width: 2500, height: 1400 }, screenOf(small), minimumSize),
    ).toEqual({ x: 0, y: 0, width: 1280, height: 680 });
    expect(
      fitToDisplays({ x: 10, y: 10, width: 300, height: 200 }, screenOf(laptop), minimumSize),
    ).toEqual({ x: 10, y: 10, width: 720, height: 520 });
  });
});
