// The CSP sent by the app:// protocol and by web mode: strict, no inline code, no plugins.
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  securityHeaders,
} from '../../../electron/common/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('content security policy', () => {
  const policy = contentSecurityPolicy();
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
    expect(securityHeaders()).toMatchObject({
      'Content-Security-Policy': policy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
