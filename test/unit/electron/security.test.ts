// security.ts on plain fakes: permissions denied, navigation kept on app://bundle, window.open denied
// (allowlisted https links go to the system browser), webviews blocked, and the external-URL rules.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  checkExternalUrl,
  denyAllPermissions,
  hardenAllWebContents,
  hardenWebContents,
  isAllowedExternalUrl,
  isAppUrl,
} from '../../../electron/main/security';
import type { HardeningOptions, PermissionSession } from '../../../electron/main/security';
import { EXTERNAL_URL_ALLOWLIST } from '../../../electron/main/external-allowlist';

const allowlist = ['github.com', 'learn.microsoft.com'];

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  /** Emits a preventable navigation-like event and says whether it was prevented. */
  attempt(eventName: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event = { url, preventDefault: vi.fn() };
    this.emit(eventName, event);
    return event.preventDefault.mock.calls.length > 0;
  }
}

function harden() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn<(url: string) => Promise<void>>(async () => undefined);
  const log = vi.fn<(message: string) => void>();
  const options: HardeningOptions = { allowlist, openExternal, log };
  hardenWebContents(contents, options);
  return { contents, openExternal, log };
}

describe('denyAllPermissions', () => {
  type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0];
  type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0];

  function fakeSession() {
    const handlers: { request?: RequestHandler; check?: CheckHandler } = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (handler) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler) => void (handlers.check = handler),
    };
    return { session, handlers };
  }

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'a-permission-from-the-future',
  ])('denies the request for %s and logs it', (permission) => {
    const { session, handlers } = fakeSession();
    const log = vi.fn();
    denyAllPermissions(session, log);
    const callback = vi.fn();
    handlers.request?.({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(permission));
  });

  it.each(['media', 'clipboard-sanitized-write', 'fullscreen'])(
    'answers the check for %s with false',
    (permission) => {
      const { session, handlers } = fakeSession();
      denyAllPermissions(session, vi.fn());
      expect(handlers.check?.(null, permission, 'app://bundle')).toBe(false);
    },
  );
});

describe('hardenWebContents', () => {
  it.each(['app://bundle/index.html', 'app://bundle/index.html#/runs/42', 'app://bundle/'])(
    'lets the app navigate within app://bundle (%s)',
    (url) => {
      const { contents, log } = harden();
      expect(contents.attempt('will-navigate', url)).toBe(false);
      expect(contents.attempt('will-redirect', url)).toBe(false);
      expect(log).not.toHaveBeenCalled();
    },
  );

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://user@bundle/index.html',
    'about:blank',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ])('blocks navigation and redirects to %s', (url) => {
    const { contents, openExternal, log } = harden();
    expect(contents.attempt('will-navigate', url)).toBe(true);
    expect(contents.attempt('will-redirect', url)).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('opens an allowlisted https link the page tried to navigate to in the system browser instead', () => {
    const { contents, openExternal } = harden();
    expect(contents.attempt('will-navigate', 'https://learn.microsoft.com/en-us/windows/')).toBe(
      true,
    );
    expect(openExternal).toHaveBeenCalledExactlyOnceWith(
      'https://learn.microsoft.com/en-us/windows/',
    );
  });

  it('never follows a redirect to an allowlisted site either (only user navigation opens links)', () => {
    const { contents, openExternal } = harden();
    expect(contents.attempt('will-redirect', 'https://github.com/')).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies window.open and routes allowlisted https links to the system browser', () => {
    const { contents, openExternal } = harden();
    expect(contents.windowOpenHandler?.({ url: 'https://github.com/org/repo' })).toEqual({
      action: 'deny',
    });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/org/repo');
  });

  it.each([
    'https://evil.example/',
    'http://github.com/',
    'app://bundle/index.html',
    'javascript:alert(1)',
    'about:blank',
  ])('denies window.open(%s) without opening anything', (url) => {
    const { contents, openExternal, log } = harden();
    expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalled();
  });

  it('logs, and does not throw, when the system browser fails', async () => {
    const { contents, openExternal, log } = harden();
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    contents.windowOpenHandler?.({ url: 'https://github.com/' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringContaining('no browser')));
  });

  it('blocks <webview> attachment', () => {
    const { contents, log } = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalled();
  });
});

describe('hardenAllWebContents', () => {
  it('hardens every web contents the app creates', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app, { allowlist, openExternal: vi.fn(), log: vi.fn() });
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);
    for (const contents of [first, second]) {
      expect(contents.windowOpenHandler).not.toBeNull();
      expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    }
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://github.com/', true],
    ['https://github.com/org/repo/issues?q=is%3Aopen#top', true],
    ['https://GITHUB.com/org', true],
    ['https://docs.github.com/en', true],
    ['https://learn.microsoft.com/en-us/', true],
    ['https://sub.learn.microsoft.com/', true],
    // not https
    ['http://github.com/', false],
    ['HTTP://github.com/', false],
    ['javascript:alert(1)', false],
    ['javascript://github.com/%0aalert(1)', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['file://github.com/etc/passwd', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['ftp://github.com/', false],
    ['ms-settings:', false],
    ['app://bundle/index.html', false],
    // credentials, ports
    ['https://user:pass@github.com/', false],
    ['https://user@github.com/', false],
    ['https://github.com:8443/', false],
    // look-alikes and other hosts
    ['https://github.com.evil.com/', false],
    ['https://evilgithub.com/', false],
    ['https://github.co/', false],
    ['https://microsoft.com/', false],
    ['https://xn--gthub-n4a.com/', false],
    ['https://gіthub.com/', false],
    ['https://evil.com/?https://github.com/', false],
    ['https://evil.com/#github.com', false],
    ['https://github.com@evil.com/', false],
    ['https://evil.com\\@github.com/', false],
    // malformed
    ['', false],
    ['github.com', false],
    ['//github.com/', false],
    ['https://', false],
    ['https://[not-an-ip]/', false],
    [`https://github.com/${'a'.repeat(3000)}`, false],
  ])('%s -> %s', (url, expected) => {
    expect(isAllowedExternalUrl(url, allowlist)).toBe(expected);
  });

  it('is not fooled by a non-string', () => {
    expect(isAllowedExternalUrl(42 as unknown as string, allowlist)).toBe(false);
  });

  it('hands back the normalised URL with a reason when refusing', () => {
    expect(checkExternalUrl('https://GitHub.com/a/../b', allowlist)).toEqual({
      isAllowed: true,
      href: 'https://github.com/b',
    });
    expect(checkExternalUrl('https://evil.example/', allowlist)).toEqual({
      isAllowed: false,
      reason: 'evil.example is not on the list of allowed sites',
    });
  });

  it('ships an allowlist of bare lower-case host names', () => {
    for (const entry of EXTERNAL_URL_ALLOWLIST)
      expect(entry).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://bundle/index.html', true],
    ['app://bundle', true],
    ['app://bundle.evil/index.html', false],
    ['app://bundle:8080/index.html', false],
    ['https://bundle/index.html', false],
    ['app:bundle/index.html', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
