// The hub's and the CLI's SHA-256 (node:crypto) and the renderer's (pure JS) are one hash: the same
// digest for the NIST/RFC 6234 test vectors and for random bytes and text, including the text cases
// where encoding matters (non-ASCII, astral characters, lone surrogates, which both encode as U+FFFD).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pureJsSha256, type Sha256 } from '../../../core/reports';
import { nodeSha256 } from '../../../hub/node-sha256';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);
const hashers: [string, Sha256][] = [
  ['node:crypto', nodeSha256],
  ['pure JS', pureJsSha256],
];

/** FIPS 180-2 appendix B / RFC 6234 section 8.5 vectors (ASCII text). */
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['a'.repeat(1_000_000), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

describe('SHA-256: node:crypto and pure JS', () => {
  for (const [name, hasher] of hashers) {
    it(`${name} gives the NIST digests, for text and for its bytes`, () => {
      for (const [text, digest] of VECTORS) {
        expect(hasher.hex(text)).toBe(digest);
        expect(hasher.hex(new TextEncoder().encode(text))).toBe(digest);
      }
    });
  }

  it('give identical digests for text that needs UTF-8 care', () => {
    const texts = [
      'Übergabe an die Büroleitung, día 5',
      '日本語のレポート',
      'a \u{1F4CE} attached photo',
      'lone high \ud800 surrogate',
      'lone low \udc00 surrogate',
      '\udc00\ud800 reversed pair',
      '\ufffd replacement character itself',
      '\u0000 NUL and \u007f DEL',
    ];
    for (const text of texts) {
      expect(nodeSha256.hex(text)).toBe(pureJsSha256.hex(text));
      // Text hashes as its UTF-8 bytes (TextEncoder's, U+FFFD for a lone surrogate).
      expect(nodeSha256.hex(text)).toBe(nodeSha256.hex(new TextEncoder().encode(text)));
    }
    expect(nodeSha256.hex('\ud800')).toBe(nodeSha256.hex('\ufffd'));
  });

  it('give identical digests for random bytes, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(nodeSha256.hex(bytes)).toBe(pureJsSha256.hex(bytes));
      }),
      { numRuns },
    );
    // Every length around SHA-256's 64-byte blocks and 56-byte padding limit, by construction.
    for (let length = 0; length <= 130; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(nodeSha256.hex(bytes)).toBe(pureJsSha256.hex(bytes));
    }
  });

  it('give identical digests for random text of every kind of code unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(nodeSha256.hex(text)).toBe(pureJsSha256.hex(text));
      }),
      { numRuns },
    );
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
          maxLength: 100,
        }),
        (text) => {
          expect(nodeSha256.hex(text)).toBe(pureJsSha256.hex(text));
        },
      ),
      { numRuns },
    );
  });
});
