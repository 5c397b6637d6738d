// Hardening of every web contents and of the session: the renderer stays on app://bundle, opens no
// windows, attaches no webviews and is granted no permission. External https links on the allowlist
// (external-allowlist.ts) go to the system browser instead. The Electron objects are passed in, so
// unit tests drive these functions with plain fakes.
// The window side of the same policy (sandbox, contextIsolation, ...) is in window-options.ts; the
// CSP is in electron/common/content-security-policy.ts (frame-src 'none' keeps sub-frames out).

import { APP_HOST, APP_SCHEME } from '../common/ipc-contract';

export type SecurityLog = (message: string) => void;

const defaultLog: SecurityLog = (message) => console.warn(`[security] ${message}`);

/** Longer URLs are refused rather than handed to the OS (some shells truncate or choke on them). */
const MAX_EXTERNAL_URL_LENGTH = 2048;

/** True when `url` is a page or resource of the app itself: app://bundle/..., nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Compare scheme and host, not `origin`: node's URL gives non-special schemes an opaque origin.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export type ExternalUrlCheck =
  { isAllowed: true; href: string } | { isAllowed: false; reason: string };

/**
 * Decides whether `url` may be opened in the system browser: https only, no credentials, no explicit
 * port, and a host that is an allowlist entry or a subdomain of one. On success `href` is the
 * normalised URL: open that, not the original string, so the OS sees what was checked.
 */
export function checkExternalUrl(url: string, allowlist: readonly string[]): ExternalUrlCheck {
  if (typeof url !== 'string' || url.length === 0)
    return { isAllowed: false, reason: 'no URL given' };
  if (url.length > MAX_EXTERNAL_URL_LENGTH)
    return { isAllowed: false, reason: 'the URL is too long' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { isAllowed: false, reason: 'not a valid URL' };
  }
  if (parsed.protocol !== 'https:') return { isAllowed: false, reason: 'only https links open' };
  if (parsed.username !== '' || parsed.password !== '') {
    return { isAllowed: false, reason: 'links with user names or passwords do not open' };
  }
  if (parsed.port !== '')
    return { isAllowed: false, reason: 'links with an explicit port do not open' };
  // The URL parser lower-cases the host and turns international names into punycode, so look-alike
  // hosts (github.com.evil.com, gіthub.com with a Cyrillic i) never equal an entry.
  const host = parsed.hostname;
  const isListed = allowlist.some((entry) => {
    const domain = entry.toLowerCase();
    return host === domain || host.endsWith(`.${domain}`);
  });
  if (!isListed) return { isAllowed: false, reason: `${host} is not on the list of allowed sites` };
  return { isAllowed: true, href: parsed.href };
}

/** See checkExternalUrl. */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[]): boolean {
  return checkExternalUrl(url, allowlist).isAllowed;
}

// The slices of Electron's Session, WebContents and App that the hardening uses. The real objects
// satisfy them (checked where main.ts passes them in); tests pass plain fakes.

/** Session permission hooks. Permissions are typed as string: a new permission is denied too. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (isGranted: boolean) => void,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
}

export interface NavigationEvent {
  url: string;
  preventDefault(): void;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface HardenableWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface WebContentsCreatedSource {
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: HardenableWebContents) => void,
  ): unknown;
}

export interface HardeningOptions {
  /** Hosts whose https links open in the system browser (external-allowlist.ts). */
  allowlist: readonly string[];
  /** shell.openExternal in the app; called only with URLs that passed checkExternalUrl. */
  openExternal: (url: string) => Promise<void>;
  log?: SecurityLog;
}

/**
 * Denies every permission request and check. The app needs none today; to grant one, answer it here
 * for app://bundle only, with a comment saying which feature needs it.
 */
export function denyAllPermissions(
  session: PermissionSession,
  log: SecurityLog = defaultLog,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log(`denied the permission request "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
}

function openIfAllowed(url: string, options: HardeningOptions, log: SecurityLog): void {
  const check = checkExternalUrl(url, options.allowlist);
  if (!check.isAllowed) {
    log(`did not open ${JSON.stringify(url)}: ${check.reason}`);
    return;
  }
  options.openExternal(check.href).catch((error: unknown) => {
    log(`the system browser could not open ${check.href}: ${String(error)}`);
  });
}

/** Keeps one web contents on app://bundle: navigation, redirects, new windows and webviews. */
export function hardenWebContents(
  contents: HardenableWebContents,
  options: HardeningOptions,
): void {
  const log = options.log ?? defaultLog;

  // A click on an ordinary link to an allowed site opens it in the browser; anything else that
  // would take the window away from the app is dropped.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked navigation to ${JSON.stringify(event.url)}`);
    openIfAllowed(event.url, options, log);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked a redirect to ${JSON.stringify(event.url)}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, options, log);
    return { action: 'deny' };
  });
  // webviewTag is false in window-options.ts; this also covers a web contents created without them.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

/** Hardens every web contents the app will create (windows, devtools, anything later). */
export function hardenAllWebContents(
  app: WebContentsCreatedSource,
  options: HardeningOptions,
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
