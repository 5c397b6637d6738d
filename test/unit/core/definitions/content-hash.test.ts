// definitionContentHash: lowercase hex SHA-256 of the UTF-8 bytes, equal to the hash of the raw bytes.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHashOfBytes, definitionContentHash } from '../../../../core/definitions';
import { VALID_YAML } from './fixtures';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

describe('definitionContentHash', () => {
  it('matches the SHA-256 test vectors', () => {
    expect(definitionContentHash('')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(definitionContentHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes UTF-8 bytes, so it equals the hash of the file as read from disk', () => {
    for (const text of [VALID_YAML, 'title: Büro München ✓ 🚀\n', '\uFEFFid: x\n']) {
      const bytes = new TextEncoder().encode(text);
      expect(definitionContentHash(text)).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(contentHashOfBytes(bytes)).toBe(definitionContentHash(text));
    }
  });

  it('changes with any byte, line endings included', () => {
    expect(definitionContentHash('a\n')).not.toBe(definitionContentHash('a\r\n'));
    expect(definitionContentHash(VALID_YAML)).not.toBe(definitionContentHash(`${VALID_YAML} `));
  });

  it('agrees with node for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const hash = definitionContentHash(text);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns },
    );
  });
});
