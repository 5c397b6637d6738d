// The Content-Security-Policy of the renderer, sent as a header by the desktop app's app:// protocol
// and by the web-mode server alike. No inline scripts or styles, no eval, no plugins, no framing.
// connect-src names the app itself, the one hub the user enrolled with (the desktop app learns it
// through setHubOrigin, electron/main/hub-origin.ts; web mode from HUB_URL), and loopback only in
// development builds and web mode, so a script injected into the page cannot send data anywhere
// else. A document's CSP is fixed when it loads: after the hub changes, the page reloads.
// Pure: no electron, no node, imported by main, the renderer and renderer/vite.config.ts.

/** What connect-src allows besides the app itself. */
export interface ConnectPolicy {
  /** Origin of the hub the user enrolled with (see hubOriginOf), or null before enrollment. */
  hubOrigin: string | null;
  /** Any port on this machine over http: development builds (a hub under test) and web mode. */
  allowsLoopback: boolean;
}

export const LOOPBACK_SOURCES: readonly string[] = ['http://127.0.0.1:*', 'http://localhost:*'];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * The origin to allow for a hub address, or null when the address cannot be a hub: https on any
 * host, plain http only on this machine (as renderer/sync/hub-connection.ts's normalizeHubUrl
 * says), no user name or password. IPv6 literals are refused: a CSP source cannot name them.
 */
export function hubOriginOf(hubUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(hubUrl.trim());
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.hostname.startsWith('[')) return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url.origin;
  return null;
}

/** The connect-src sources of `policy`, 'self' first. */
export function connectSources(policy: ConnectPolicy): string[] {
  const sources = ["'self'"];
  if (policy.hubOrigin !== null) {
    // Checked again: whatever stored the origin, only a hub origin reaches the header.
    const origin = hubOriginOf(policy.hubOrigin);
    if (origin !== null && origin === policy.hubOrigin) sources.push(origin);
  }
  if (policy.allowsLoopback) sources.push(...LOOPBACK_SOURCES);
  return sources;
}

export function contentSecurityPolicyDirectives(
  policy: ConnectPolicy,
): Readonly<Record<string, readonly string[]>> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    // blob: for evidence photos and their thumbnails (renderer/features/evidence/).
    'img-src': ["'self'", 'blob:', 'data:'],
    'font-src': ["'self'"],
    'connect-src': connectSources(policy),
    'media-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    // No plugins and no frames: evidence PDFs are never rendered in the page (they are saved).
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
}

export function contentSecurityPolicy(policy: ConnectPolicy): string {
  return Object.entries(contentSecurityPolicyDirectives(policy))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * Web mode's policy: loopback (it runs on 127.0.0.1 for development and tests) and the hub named
 * by HUB_URL, if any. A HUB_URL that is not a hub address is an error, not silently ignored.
 */
export function webModeConnectPolicy(hubUrl: string | undefined): ConnectPolicy {
  if (hubUrl === undefined || hubUrl.trim() === '')
    return { hubOrigin: null, allowsLoopback: true };
  const hubOrigin = hubOriginOf(hubUrl);
  if (hubOrigin === null) {
    throw new Error(
      `HUB_URL=${JSON.stringify(hubUrl)} is not a hub address: use https://host (plain http only on 127.0.0.1 or localhost).`,
    );
  }
  return { hubOrigin, allowsLoopback: true };
}

/** Headers every renderer response carries, in the desktop app and in web mode. */
export function securityHeaders(policy: ConnectPolicy): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(policy),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
