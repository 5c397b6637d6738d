// The app:// protocol: serves the built renderer (dist/renderer) at app://bundle/, a stable secure
// origin, so IndexedDB, localStorage and the CSP behave as on a real website and survive updates.
// Request -> file resolution is the pure resolveAppRequest, tested without Electron; every response
// carries the security headers shared with web mode (electron/common/content-security-policy.ts),
// with connect-src as the policy says at that moment (the enrolled hub, hub-origin.ts).

import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from '../common/ipc-contract';
import { securityHeaders, type ConnectPolicy } from '../common/content-security-policy';

/**
 * Must run before app 'ready'. standard: URLs parse like http (host, path, relative URLs, a real
 * origin); secure: a secure context like https (needed by crypto.subtle and friends); supportFetchAPI:
 * the renderer may fetch() its own files. corsEnabled stays false: nothing outside app://bundle may
 * read from it (same-origin module scripts and fetches do not need it). No bypassCSP, no service
 * workers: the app is already offline, from disk.
 */
export function registerAppSchemeAsPrivileged(
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>,
): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: false,
        codeCache: true,
      },
    },
  ]);
}

/** Content types by extension, for what Vite emits into dist/renderer. Anything else is a download. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

const FALLBACK_MIME_TYPE = 'application/octet-stream';

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? FALLBACK_MIME_TYPE;
}

export type AppRequestResolution =
  | { kind: 'file'; filePath: string; mimeType: string }
  | { kind: 'refused'; status: 400 | 403 | 404; reason: string };

function refuse(status: 400 | 403 | 404, reason: string): AppRequestResolution {
  return { kind: 'refused', status, reason };
}

/**
 * Maps an app:// URL to a file under `rendererRoot` (absolute). Only app://bundle is served; a path
 * that would leave the root, even once percent-decoded (..%2f, %2e%2e, %5c), is refused with 403.
 * A path whose last segment has no extension is a client-side route: it gets index.html.
 */
export function resolveAppRequest(url: string, rendererRoot: string): AppRequestResolution {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse(400, 'malformed URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:`)
    return refuse(403, `scheme ${parsed.protocol} is not served`);
  if (parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') {
    return refuse(403, `host ${JSON.stringify(parsed.host)} is not served`);
  }

  let decoded: string;
  try {
    // Chromium gives a standard-scheme URL at least '/'; node's parser leaves app://bundle empty.
    decoded = decodeURIComponent(parsed.pathname === '' ? '/' : parsed.pathname);
  } catch {
    return refuse(400, 'malformed percent-encoding');
  }
  if (decoded.includes('\0')) return refuse(400, 'NUL in path');
  // Backslashes and drive letters mean a Windows path was smuggled in, an empty segment an absolute
  // path (app://bundle//etc/passwd, /%2Fetc), dot segments surviving the URL parser encoded slashes.
  // None of them appear in a URL the renderer makes.
  const segments = decoded.slice(1).split('/');
  if (segments.at(-1) === '') segments.pop(); // a trailing slash: app://bundle/runs/
  const isSuspicious = (segment: string) =>
    segment === '' || segment === '..' || segment === '.' || segment.includes(':');
  if (!decoded.startsWith('/') || decoded.includes('\\') || segments.some(isSuspicious)) {
    return refuse(403, 'path traversal');
  }

  const lastSegment = segments.at(-1);
  const relative =
    lastSegment === undefined || path.posix.extname(lastSegment) === ''
      ? 'index.html'
      : segments.join('/');
  const root = path.resolve(rendererRoot);
  const filePath = path.resolve(root, relative);
  // Belt and braces: whatever the checks above missed, never serve outside the root.
  const fromRoot = path.relative(root, filePath);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
    return refuse(403, 'path traversal');
  }
  return { kind: 'file', filePath, mimeType: mimeTypeOf(filePath) };
}

export type ReadFile = (filePath: string) => Promise<Uint8Array>;

/** The connect policy for the next response (read for each one: the hub may have changed). */
export type ConnectPolicySource = () => ConnectPolicy;

function textResponse(status: number, text: string, policy: ConnectPolicy): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(policy), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Answers one app:// request: the file with its content type and the security headers, or an error. */
export async function respondToAppRequest(
  request: Pick<Request, 'url' | 'method'>,
  rendererRoot: string,
  readFile: ReadFile,
  connectPolicy: ConnectPolicySource,
): Promise<Response> {
  const policy = connectPolicy();
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return textResponse(405, 'Method Not Allowed', policy);
  const resolution = resolveAppRequest(request.url, rendererRoot);
  if (resolution.kind === 'refused') {
    const text =
      resolution.status === 404
        ? 'Not Found'
        : resolution.status === 403
          ? 'Forbidden'
          : 'Bad Request';
    return textResponse(resolution.status, text, policy);
  }
  let body: Uint8Array;
  try {
    body = await readFile(resolution.filePath);
  } catch {
    // Missing file, a directory, unreadable: all the same to the renderer.
    return textResponse(404, 'Not Found', policy);
  }
  const headers = { ...securityHeaders(policy), 'Content-Type': resolution.mimeType };
  // Copy into a fresh ArrayBuffer-backed array: Response wants Uint8Array<ArrayBuffer>, and a Buffer
  // from fs may be a view into node's shared pool.
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers,
  });
}

/** Serves dist/renderer on app://bundle/ for the default session. Call after app 'ready'. */
export function handleAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererRoot: string,
  readFile: ReadFile,
  connectPolicy: ConnectPolicySource,
): void {
  protocol.handle(APP_SCHEME, (request) =>
    respondToAppRequest(request, rendererRoot, readFile, connectPolicy),
  );
}
