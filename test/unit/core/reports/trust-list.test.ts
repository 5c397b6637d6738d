// The trust list file: parsed strictly, with messages that say which entry is wrong.
import { describe, expect, it } from 'vitest';
import { findTrustedKey, parseTrustList } from '../../../../core/reports';
import { adminSigner, defaultTrust, supervisorSigner } from './fixtures';

describe('parseTrustList', () => {
  it('reads a valid list and finds keys in it', async () => {
    const trust = await defaultTrust();
    trust.keys[1] = {
      ...trust.keys[1]!,
      supervises: ['Berlin office'],
      revokedAt: '2026-01-01T00:00:00Z',
    };
    const parsed = parseTrustList(JSON.stringify(trust, null, 2));
    expect(parsed).toEqual({ ok: true, trust });
    if (!parsed.ok) return;
    const { publicKey } = await supervisorSigner.identity();
    expect(findTrustedKey(parsed.trust, publicKey)?.name).toBe('Sam Supervisor');
    expect(findTrustedKey(parsed.trust, 'A'.repeat(43))).toBeUndefined();
  });

  it('says what is wrong and where', async () => {
    const { publicKey } = await adminSigner.identity();
    const cases: [string, string[]][] = [
      ['[]', ['the trust list: expected an object, found a list']],
      [
        JSON.stringify({ format: 'go-live-trust-list', formatVersion: 2, keys: [] }),
        ['formatVersion: must be 1, found 2'],
      ],
      [
        JSON.stringify({
          format: 'go-live-trust-list',
          formatVersion: 1,
          keys: [
            { publicKey, name: 'Ana', role: 'admin', colour: 'red' },
            { publicKey, name: 'Ana', role: 'admin', revokedAt: 'last week' },
          ],
        }),
        [
          'keys[0].colour: unexpected field "colour": it is not part of the format',
          'keys[1].revokedAt: must be an ISO 8601 date and time',
        ],
      ],
      [
        JSON.stringify({
          format: 'go-live-trust-list',
          formatVersion: 1,
          keys: [
            { publicKey, name: 'Ana', role: 'admin' },
            { publicKey, name: 'Ana again', role: 'supervisor' },
            { publicKey: `${publicKey.slice(0, 42)}B`, name: 'Odd', role: 'admin' },
          ],
        }),
        [
          'keys[1].publicKey: the same key is already listed as keys[0]',
          'keys[2].publicKey: is not a 32-byte base64url public key',
        ],
      ],
    ];
    expect(parseTrustList('{')).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^The trust list is not valid JSON: .+\.$/)],
    });
    for (const [text, problems] of cases) {
      expect(parseTrustList(text)).toEqual({ ok: false, problems });
    }
  });
});
