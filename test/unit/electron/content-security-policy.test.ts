// The CSP sent by the app:// protocol and by web mode: strict, no inline code, no plugins, and
// connect-src narrowed to the app, the enrolled hub and (development, web mode) loopback: never
// any https host, so an injected script cannot send data to a server of its choosing.
import { describe, expect, it } from 'vitest';
import {
  connectSources,
  contentSecurityPolicy,
  hubOriginOf,
  securityHeaders,
  webModeConnectPolicy,
  type ConnectPolicy,
} from '../../../electron/common/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

const packagedBeforeEnrolment: ConnectPolicy = { hubOrigin: null, allowsLoopback: false };
const packagedEnrolled: ConnectPolicy = {
  hubOrigin: 'https://hub.example.org',
  allowsLoopback: false,
};

describe('content security policy', () => {
  const policy = contentSecurityPolicy(packagedEnrolled);
  const parsed = directives(policy);

  it('allows no inline code and no eval', () => {
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).not.toContain('unsafe-hashes');
    expect(policy).not.toContain('wasm-unsafe-eval');
  });

  it("defaults to 'self' and allows no plugins, frames, base or form targets", () => {
    expect(parsed.get('default-src')).toEqual(["'self'"]);
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('object-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-src')).toEqual(["'none'"]);
    expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
    expect(parsed.get('base-uri')).toEqual(["'none'"]);
    expect(parsed.get('form-action')).toEqual(["'none'"]);
  });

  it('lets scripts come from nowhere but the app', () => {
    expect(parsed.get('script-src')).not.toContain('https:');
    expect(parsed.get('script-src')).not.toContain('*');
  });

  it('is sent with the other security headers', () => {
    expect(securityHeaders(packagedEnrolled)).toEqual({
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
  });
});

describe('connect-src', () => {
  const connectSrc = (policy: ConnectPolicy) =>
    directives(contentSecurityPolicy(policy)).get('connect-src');

  it('never allows any https host, in any configuration', () => {
    for (const policy of [
      packagedBeforeEnrolment,
      packagedEnrolled,
      { hubOrigin: null, allowsLoopback: true },
      webModeConnectPolicy(undefined),
      webModeConnectPolicy('https://hub.example.org'),
    ]) {
      const sources = connectSrc(policy) ?? [];
      expect(sources).not.toContain('https:');
      expect(sources).not.toContain('*');
      expect(sources.filter((source) => source.startsWith('https://'))).toEqual(
        policy.hubOrigin === null ? [] : [policy.hubOrigin],
      );
    }
  });

  it('is the app alone before enrollment in the packaged app', () => {
    expect(connectSrc(packagedBeforeEnrolment)).toEqual(["'self'"]);
  });

  it('adds the enrolled hub, and loopback only where allowed', () => {
    expect(connectSrc(packagedEnrolled)).toEqual(["'self'", 'https://hub.example.org']);
    expect(connectSrc({ hubOrigin: 'http://127.0.0.1:8787', allowsLoopback: false })).toEqual([
      "'self'",
      'http://127.0.0.1:8787',
    ]);
    expect(connectSrc({ ...packagedEnrolled, allowsLoopback: true })).toEqual([
      "'self'",
      'https://hub.example.org',
      'http://127.0.0.1:*',
      'http://localhost:*',
    ]);
  });

  it.each([
    'https:',
    '*',
    "https://hub.example.org 'unsafe-inline'",
    'https://hub.example.org; script-src *',
    'https://hub.example.org/path',
    'http://hub.example.org',
  ])('drops a stored hub origin that is not one (%s)', (hubOrigin) => {
    expect(connectSources({ hubOrigin, allowsLoopback: false })).toEqual(["'self'"]);
  });
});

describe('hubOriginOf', () => {
  it.each([
    ['https://hub.example.org', 'https://hub.example.org'],
    ['  https://Hub.Example.org:8443/api/  ', 'https://hub.example.org:8443'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:3000/', 'http://localhost:3000'],
  ])('%s -> %s', (url, origin) => {
    expect(hubOriginOf(url)).toBe(origin);
  });

  it.each([
    'http://hub.example.org',
    'ftp://hub.example.org',
    'https://user:secret@hub.example.org',
    'http://[::1]:8787',
    'javascript:alert(1)',
    'hub.example.org',
    '',
  ])('refuses %s', (url) => {
    expect(hubOriginOf(url)).toBeNull();
  });
});

describe('web mode', () => {
  it('allows loopback, and the hub of HUB_URL when set', () => {
    expect(webModeConnectPolicy(undefined)).toEqual({ hubOrigin: null, allowsLoopback: true });
    expect(webModeConnectPolicy('https://hub.example.org/')).toEqual({
      hubOrigin: 'https://hub.example.org',
      allowsLoopback: true,
    });
  });

  it('refuses a HUB_URL that is not a hub address, saying which', () => {
    expect(() => webModeConnectPolicy('http://hub.example.org')).toThrow(
      /HUB_URL="http:\/\/hub.example.org" is not a hub address/,
    );
  });
});
