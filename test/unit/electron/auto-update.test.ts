// Auto-update on a fake updater: off without a feed URL (nothing is called, the reason is logged),
// on with one from the environment or <userData>/update.json (a generic feed, checked at start and
// on an interval), https only, off in development and without electron-updater, and a failed check
// (offline) is logged, not thrown.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  UPDATE_CHECK_INTERVAL_MS,
  UPDATE_CONFIG_FILE,
  loadUpdater,
  resolveUpdateFeed,
  startAutoUpdate,
  type UpdateFeed,
  type UpdaterLike,
} from '../../../electron/main/auto-update';

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'auto-update-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

function fakeUpdater(check: () => Promise<unknown> = async () => null) {
  const listeners = new Map<string, (value: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    setFeedURL: vi.fn<UpdaterLike['setFeedURL']>(),
    checkForUpdatesAndNotify: vi.fn(check),
    on: vi.fn((event: string, listener: (value: never) => void) => {
      listeners.set(event, listener);
      return updater;
    }),
  };
  return {
    updater: updater as typeof updater & UpdaterLike,
    emit: (event: string, value: unknown) => listeners.get(event)?.(value as never),
  };
}

const fakeLog = () => ({ info: vi.fn<(m: string) => void>(), warn: vi.fn<(m: string) => void>() });
const feedFrom = (env: Record<string, string | undefined>) =>
  resolveUpdateFeed({ env, userDataDir: userData, readFile: fs.readFile });

describe('resolveUpdateFeed', () => {
  it('is off when nothing is configured', async () => {
    await expect(feedFrom({})).resolves.toEqual({
      isEnabled: false,
      reason: expect.stringContaining('no update feed configured'),
    });
    await expect(feedFrom({ GOLIVE_UPDATE_URL: '  ' })).resolves.toMatchObject({
      isEnabled: false,
    });
  });

  it('takes GOLIVE_UPDATE_URL first', async () => {
    await fs.writeFile(
      path.join(userData, UPDATE_CONFIG_FILE),
      '{"url": "https://file.example.org/"}',
    );
    await expect(
      feedFrom({ GOLIVE_UPDATE_URL: 'https://updates.example.org/golive/' }),
    ).resolves.toEqual({
      isEnabled: true,
      url: 'https://updates.example.org/golive/',
      from: 'environment',
    });
  });

  it('reads <userData>/update.json otherwise', async () => {
    await fs.writeFile(
      path.join(userData, UPDATE_CONFIG_FILE),
      '{"url": "https://updates.example.org/golive/"}',
    );
    await expect(feedFrom({})).resolves.toEqual({
      isEnabled: true,
      url: 'https://updates.example.org/golive/',
      from: 'config file',
    });
  });

  it.each([
    'http://updates.example.org/',
    'file:///srv/updates/',
    'https://user:secret@updates.example.org/',
    'not a url',
  ])('refuses %s', async (url) => {
    await expect(feedFrom({ GOLIVE_UPDATE_URL: url })).resolves.toMatchObject({
      isEnabled: false,
      reason: expect.stringContaining('https'),
    });
    await fs.writeFile(path.join(userData, UPDATE_CONFIG_FILE), JSON.stringify({ url }));
    await expect(feedFrom({})).resolves.toMatchObject({ isEnabled: false });
  });

  it('is off, with a reason, when update.json is not JSON', async () => {
    await fs.writeFile(path.join(userData, UPDATE_CONFIG_FILE), 'url = https://x');
    await expect(feedFrom({})).resolves.toEqual({
      isEnabled: false,
      reason: expect.stringContaining('not JSON'),
    });
  });
});

describe('startAutoUpdate', () => {
  const on: UpdateFeed = {
    isEnabled: true,
    url: 'https://updates.example.org/golive/',
    from: 'environment',
  };

  it('does nothing without a feed URL', () => {
    const { updater } = fakeUpdater();
    const log = fakeLog();
    const setInterval = vi.fn();
    const status = startAutoUpdate({
      updater,
      feed: { isEnabled: false, reason: 'no update feed configured' },
      isPackaged: true,
      log,
      setInterval,
    });
    expect(status).toEqual({ isEnabled: false, reason: 'no update feed configured' });
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
    expect(setInterval).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith('updates are off: no update feed configured');
  });

  it('with a feed URL: a generic feed, checked now and every six hours, installed on quit', () => {
    const { updater } = fakeUpdater();
    const log = fakeLog();
    const timers: [() => void, number][] = [];
    const status = startAutoUpdate({
      updater,
      feed: on,
      isPackaged: true,
      log,
      setInterval: (callback, ms) => timers.push([callback, ms]),
    });
    expect(status).toEqual({ isEnabled: true, url: on.url });
    expect(updater.setFeedURL).toHaveBeenCalledExactlyOnceWith({
      provider: 'generic',
      url: 'https://updates.example.org/golive/',
    });
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true });
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledOnce();
    expect(timers.map(([, ms]) => ms)).toEqual([UPDATE_CHECK_INTERVAL_MS]);
    timers[0]?.[0]();
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(2);
  });

  it('logs a failed check (offline) and a downloaded update instead of throwing', async () => {
    const { updater, emit } = fakeUpdater(async () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED');
    });
    const log = fakeLog();
    startAutoUpdate({ updater, feed: on, isPackaged: true, log, setInterval: vi.fn() });
    await vi.waitFor(() =>
      expect(log.warn).toHaveBeenCalledWith(
        'the update check failed: net::ERR_INTERNET_DISCONNECTED',
      ),
    );
    emit('error', new Error('bad sha512'));
    expect(log.warn).toHaveBeenCalledWith('the update check failed: bad sha512');
    emit('update-downloaded', { version: '0.2.0' });
    expect(log.info).toHaveBeenCalledWith(
      'version 0.2.0 is downloaded and installs when the app quits',
    );
  });

  it('stays off in development and when electron-updater is not installed', () => {
    const { updater } = fakeUpdater();
    const log = fakeLog();
    expect(startAutoUpdate({ updater, feed: on, isPackaged: false, log })).toMatchObject({
      isEnabled: false,
      reason: expect.stringContaining('development'),
    });
    expect(startAutoUpdate({ updater: null, feed: on, isPackaged: true, log })).toMatchObject({
      isEnabled: false,
      reason: 'electron-updater is not installed',
    });
    expect(updater.setFeedURL).not.toHaveBeenCalled();
  });
});

describe('loadUpdater', () => {
  it("returns electron-updater's autoUpdater", () => {
    const { updater } = fakeUpdater();
    const loadModule = vi.fn(() => ({ autoUpdater: updater }));
    expect(loadUpdater(loadModule)).toBe(updater);
    expect(loadModule).toHaveBeenCalledWith('electron-updater');
  });

  it('returns null, quietly, while the package is not installed', () => {
    const log = vi.fn();
    const missing = () => {
      throw Object.assign(new Error("Cannot find module 'electron-updater'"), {
        code: 'MODULE_NOT_FOUND',
      });
    };
    expect(loadUpdater(missing, log)).toBeNull();
    expect(log).not.toHaveBeenCalled();
  });

  it('returns null and logs when the package fails to load', () => {
    const log = vi.fn();
    expect(
      loadUpdater(() => {
        throw new Error('broken install');
      }, log),
    ).toBeNull();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('broken install'));
  });
});
