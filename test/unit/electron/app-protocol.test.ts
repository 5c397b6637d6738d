// The app:// protocol: scheme privileges, URL -> file resolution (index fallback, traversal refused,
// other hosts refused, MIME types) and responses with the shared security headers.
import path from 'node:path';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  handleAppProtocol,
  mimeTypeOf,
  registerAppSchemeAsPrivileged,
  resolveAppRequest,
  respondToAppRequest,
} from '../../../electron/main/app-protocol';
import {
  contentSecurityPolicy,
  type ConnectPolicy,
} from '../../../electron/common/content-security-policy';

const root = path.resolve('/srv/app/dist/renderer');
const inRoot = (...parts: string[]) => path.join(root, ...parts);

describe('registerAppSchemeAsPrivileged', () => {
  it('registers app as a secure standard scheme with fetch, without CORS or CSP bypass', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppSchemeAsPrivileged({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          supportFetchAPI: true,
        }),
      }),
    ]);
    const [[schemes]] = registerSchemesAsPrivileged.mock.calls as [
      [{ privileges: Record<string, boolean> }[]],
    ];
    expect(schemes[0]?.privileges).not.toMatchObject({ bypassCSP: true });
    expect(schemes[0]?.privileges).not.toMatchObject({ corsEnabled: true });
    expect(schemes[0]?.privileges).not.toMatchObject({ allowServiceWorkers: true });
  });
});

describe('resolveAppRequest', () => {
  it.each([
    ['app://bundle/index.html', 'index.html'],
    ['app://bundle/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://bundle/assets/index-abc123.css?v=1#x', 'assets/index-abc123.css'],
    ['app://bundle/favicon.svg', 'favicon.svg'],
    ['app://bundle/assets/a%20b.png', 'assets/a b.png'],
    ['app://bundle/assets/../favicon.svg', 'favicon.svg'],
  ])('serves %s from %s', (url, file) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'file', filePath: inRoot(file) });
  });

  it.each([
    'app://bundle',
    'app://bundle/',
    'app://bundle/runs',
    'app://bundle/runs/42/',
    'app://bundle/settings/profile?tab=1',
  ])('falls back to index.html for the route %s', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({
      kind: 'file',
      filePath: inRoot('index.html'),
    });
  });

  it.each([
    'app://bundle/..%2f..%2fetc%2fpasswd',
    'app://bundle/assets/..%2F..%2F..%2Fetc%2Fpasswd.txt',
    'app://bundle/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://bundle/assets/%2e%2e%2fsecret.json',
    'app://bundle/..%5c..%5cwindows%5cwin.ini',
    'app://bundle/assets%5c..%5c..%5csecret.txt',
    'app://bundle//etc/passwd',
    'app://bundle/%2Fetc%2Fpasswd',
    'app://bundle/C:%5CWindows%5Cwin.ini',
    'app://bundle/C:/Windows/win.ini',
    'app://bundle/assets/.%2fx.js',
  ])('refuses the traversal %s with 403', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it.each([
    'app://other/index.html',
    'app://bundle.evil/index.html',
    'app://user:pw@bundle/index.html',
    'app://bundle:8080/index.html',
    'https://bundle/index.html',
    'file:///etc/passwd',
  ])('refuses %s (another origin) with 403', (url) => {
    expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it.each(['not a url', 'app://bundle/%E0%A4%A', 'app://bundle/a%00.js'])(
    'refuses the malformed %s with 400',
    (url) => {
      expect(resolveAppRequest(url, root)).toMatchObject({ kind: 'refused', status: 400 });
    },
  );

  it('never resolves outside the root, whatever the URL', () => {
    const probes = [
      '..',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%252e%252e',
      '..%2f',
      '..%5c',
      '%2f',
      '%5c',
      ':',
      'a',
      '.',
      '',
    ];
    for (const a of probes) {
      for (const b of probes) {
        const resolution = resolveAppRequest(`app://bundle/${a}/${b}/x.js`, root);
        if (resolution.kind === 'file') {
          expect(resolution.filePath.startsWith(root + path.sep), resolution.filePath).toBe(true);
        }
      }
    }
  });
});

describe('mimeTypeOf', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/chunk.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/index.js.map', 'application/json; charset=utf-8'],
    ['locales/en.json', 'application/json; charset=utf-8'],
    ['favicon.svg', 'image/svg+xml'],
    ['icon.PNG', 'image/png'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['pdf.wasm', 'application/wasm'],
    ['checklists/server.yaml', 'text/yaml; charset=utf-8'],
    ['unknown.xyz', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeOf(file)).toBe(type);
  });
});

describe('respondToAppRequest on a real folder', () => {
  let folder: string;
  const read = (filePath: string) => readFile(filePath);

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
    await mkdir(path.join(folder, 'renderer', 'assets'), { recursive: true });
    await writeFile(
      path.join(folder, 'renderer', 'index.html'),
      '<!doctype html><title>Go-live Checklists</title>',
    );
    await writeFile(path.join(folder, 'renderer', 'assets', 'index.js'), 'console.log(1);');
    await writeFile(path.join(folder, 'secret.txt'), 'do not serve');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const enrolled: ConnectPolicy = { hubOrigin: 'https://hub.example.org', allowsLoopback: false };
  const get = (url: string, method = 'GET', policy: ConnectPolicy = enrolled) =>
    respondToAppRequest({ url, method }, path.join(folder, 'renderer'), read, () => policy);

  it('serves a file with its type and the security headers', async () => {
    const response = await get('app://bundle/assets/index.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(enrolled));
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1);');
  });

  it('serves index.html for a route', async () => {
    const response = await get('app://bundle/runs/42');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Go-live Checklists</title>');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://bundle/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['app://bundle/assets/missing.js', 404],
    ['app://bundle/assets', 200], // a folder name without extension is a route
    ['app://bundle/assets/.', 200],
    ['app://bundle/..%2fsecret.txt', 403],
    ['app://elsewhere/index.html', 403],
  ])('%s -> %i, still with the security headers', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy(enrolled));
    expect(await response.text()).not.toContain('do not serve');
  });

  it('names the hub the policy allows at the time of each request, and no other host', async () => {
    const connectSrc = async (policy: ConnectPolicy) =>
      (await get('app://bundle/index.html', 'GET', policy)).headers
        .get('content-security-policy')
        ?.split('; ')
        .find((directive) => directive.startsWith('connect-src '));
    expect(await connectSrc({ hubOrigin: null, allowsLoopback: false })).toBe("connect-src 'self'");
    expect(await connectSrc(enrolled)).toBe("connect-src 'self' https://hub.example.org");
    expect(await connectSrc({ hubOrigin: 'https://hub.example.org', allowsLoopback: true })).toBe(
      "connect-src 'self' https://hub.example.org http://127.0.0.1:* http://localhost:*",
    );
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
  });
});

describe('handleAppProtocol', () => {
  it('registers one handler for the app scheme that answers from the renderer folder', async () => {
    const handle =
      vi.fn<
        (scheme: string, handler: (request: Request) => Promise<Response> | Response) => void
      >();
    const readFileFake = vi.fn(async () => new TextEncoder().encode('<h1>hi</h1>'));
    let policy: ConnectPolicy = { hubOrigin: null, allowsLoopback: false };
    handleAppProtocol({ handle }, root, readFileFake, () => policy);
    expect(handle).toHaveBeenCalledOnce();
    const [scheme, handler] = handle.mock.calls[0] ?? [];
    expect(scheme).toBe('app');
    const response = await handler?.(new Request('https://placeholder.invalid/'));
    expect(response?.status).toBe(403); // not app://bundle
    const ok = await handler?.({ url: 'app://bundle/', method: 'GET' } as Request);
    expect(ok?.status).toBe(200);
    expect(readFileFake).toHaveBeenCalledWith(inRoot('index.html'));
    expect(ok?.headers.get('content-security-policy')).toContain("connect-src 'self';");
    // The user enrolled: the next page load allows that hub.
    policy = { hubOrigin: 'https://hub.example.org', allowsLoopback: false };
    const later = await handler?.({ url: 'app://bundle/', method: 'GET' } as Request);
    expect(later?.headers.get('content-security-policy')).toContain(
      "connect-src 'self' https://hub.example.org;",
    );
  });
});
