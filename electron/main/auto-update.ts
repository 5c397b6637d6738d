// Updates of the desktop app from a server the organisation runs, and only then: off unless a feed
// URL is configured, so an offline-first tool never calls home by default. The feed is an
// electron-builder "generic" server (a folder with latest.yml / latest-linux.yml / latest-mac.yml
// and the installers), given by the environment variable GOLIVE_UPDATE_URL or by
// <userData>/update.json ({ "url": "https://updates.example.org/golive/" }). https only.
// The updater is electron-updater's autoUpdater, passed in through the small interface below, so
// tests use a fake and the app starts without the package (updates then stay off, logged).
// electron-updater checks the downloaded installer's signature on Windows (publisherName) and macOS
// (code signature); AppImage and deb updates are not signature-checked by it, hence https only.

import path from 'node:path';

export const UPDATE_URL_VARIABLE = 'GOLIVE_UPDATE_URL';
export const UPDATE_CONFIG_FILE = 'update.json';
/** How often a running app looks again (it also looks at start). */
export const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** The slice of electron-updater's AppUpdater used here (its autoUpdater satisfies it). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export type UpdateFeed =
  | { isEnabled: true; url: string; from: 'environment' | 'config file' }
  | { isEnabled: false; reason: string };

export interface UpdateFeedSources {
  env: Readonly<Record<string, string | undefined>>;
  /** app.getPath('userData'). */
  userDataDir: string;
  readFile(filePath: string): Promise<Uint8Array>;
}

function httpsUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && url.username === '' && url.password === ''
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/** Where updates come from, if anywhere: the environment first, then update.json. */
export async function resolveUpdateFeed(sources: UpdateFeedSources): Promise<UpdateFeed> {
  const fromEnvironment = sources.env[UPDATE_URL_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== '') {
    const url = httpsUrl(fromEnvironment);
    return url === null
      ? { isEnabled: false, reason: `${UPDATE_URL_VARIABLE} is not an https URL` }
      : { isEnabled: true, url, from: 'environment' };
  }
  const file = path.join(sources.userDataDir, UPDATE_CONFIG_FILE);
  let bytes: Uint8Array;
  try {
    bytes = await sources.readFile(file);
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'ENOENT') {
      return {
        isEnabled: false,
        reason: `no update feed configured (${UPDATE_URL_VARIABLE} or ${file})`,
      };
    }
    return { isEnabled: false, reason: `${file} could not be read: ${String(error)}` };
  }
  let config: unknown;
  try {
    config = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { isEnabled: false, reason: `${file} is not JSON` };
  }
  const urlText = (config as { url?: unknown } | null)?.url;
  const url = typeof urlText === 'string' ? httpsUrl(urlText) : null;
  return url === null
    ? { isEnabled: false, reason: `${file} has no https "url"` }
    : { isEnabled: true, url, from: 'config file' };
}

export interface AutoUpdateOptions {
  /** null when electron-updater is not installed (loadUpdater). */
  updater: UpdaterLike | null;
  feed: UpdateFeed;
  /** app.isPackaged: electron-updater only updates installed apps. */
  isPackaged: boolean;
  log: { info(message: string): void; warn(message: string): void };
  intervalMs?: number;
  setInterval?: (callback: () => void, ms: number) => unknown;
}

export type AutoUpdateStatus =
  { isEnabled: true; url: string } | { isEnabled: false; reason: string };

/**
 * Points the updater at the feed and checks now and every `intervalMs`; a found update downloads in
 * the background, the OS shows a notification, and it installs when the app quits. A failed check
 * (offline, the server down) is logged and tried again at the next interval.
 */
export function startAutoUpdate(options: AutoUpdateOptions): AutoUpdateStatus {
  const { updater, feed, log } = options;
  const off = (reason: string): AutoUpdateStatus => {
    log.info(`updates are off: ${reason}`);
    return { isEnabled: false, reason };
  };
  if (!feed.isEnabled) return off(feed.reason);
  if (updater === null) return off('electron-updater is not installed');
  if (!options.isPackaged) return off('this is not an installed app (development)');

  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.setFeedURL({ provider: 'generic', url: feed.url });
  updater.on('error', (error) => log.warn(`the update check failed: ${error.message}`));
  updater.on('update-downloaded', (info) =>
    log.info(`version ${info.version} is downloaded and installs when the app quits`),
  );
  const check = () => {
    updater.checkForUpdatesAndNotify().catch((error: unknown) => {
      log.warn(
        `the update check failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  };
  check();
  (options.setInterval ?? setInterval)(check, options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS);
  log.info(`updates are on, from ${feed.url} (${feed.from})`);
  return { isEnabled: true, url: feed.url };
}

/**
 * electron-updater's autoUpdater, or null when the package is not installed. `loadModule` is a
 * require function (createRequire in main.ts): a plain require would make esbuild bundle the
 * package, and fail to build while it is absent.
 */
export function loadUpdater(
  loadModule: (name: string) => unknown,
  log: (message: string) => void = () => undefined,
): UpdaterLike | null {
  try {
    const loaded = loadModule('electron-updater') as { autoUpdater?: UpdaterLike } | null;
    return loaded?.autoUpdater ?? null;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // Absent is expected until the package is added; anything else is worth a line in the log.
    if (code !== 'MODULE_NOT_FOUND') log(`electron-updater could not be loaded: ${String(error)}`);
    return null;
  }
}
