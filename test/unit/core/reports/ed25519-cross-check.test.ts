// The two Ed25519 verifiers give the same answer for the same bytes: the pure-JS fallback (the
// renderer's) and node:crypto (the hub's and the CLI's), both behind the core's strict rules
// (core/reports/ed25519-verifier.ts). Fed the golden vectors, RFC 8032's own vectors, and the edge
// cases where Ed25519 libraries are known to disagree (Chalkias, Garillot, Nikolaenko, "Taming the
// many EdDSAs", 2020): S not reduced, non-canonical and "negative zero" points, small-order keys and
// commitments, points with a small-order component (where the cofactored and the cofactorless
// equations answer differently), built here from the curve with noble's point arithmetic.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ed25519Sign, pureJsEd25519 } from '../../../../core/reports/ed25519';
import {
  pointEncodingProblem,
  type Ed25519Verifier,
} from '../../../../core/reports/ed25519-verifier';
import {
  base64urlToBytes,
  verifyReport,
  type SignedStatement,
  type TrustList,
} from '../../../../core/reports';
import { nodeEd25519 } from '../../../../hub/node-ed25519';
import vectors from './golden-vectors.json';

type Point = InstanceType<typeof ed.Point>;
const { Point: P } = ed;
const L = P.CURVE().n;
const FIELD = P.CURVE().p;
const B = P.BASE;
const VERIFIERS: Record<string, Ed25519Verifier> = { pureJs: pureJsEd25519, node: nodeEd25519 };

function le32(value: bigint): Uint8Array {
  return hexToBytes(value.toString(16).padStart(64, '0')).reverse();
}

function fromLe(bytes: Uint8Array): bigint {
  return BigInt(`0x${bytesToHex(Uint8Array.from(bytes).reverse())}`);
}

function mod(value: bigint, m: bigint): bigint {
  return ((value % m) + m) % m;
}

/** A signature by secret scalar `a` (public point A) with nonce scalar r and commitment R. */
function signRaw(a: bigint, A: Point, r: bigint, R: Point, message: Uint8Array): Uint8Array {
  const k = mod(fromLe(sha512(concatBytes(R.toBytes(), A.toBytes(), message))), L);
  return concatBytes(R.toBytes(), le32(mod(r + k * a, L)));
}

function challenge(R: Uint8Array, A: Uint8Array, message: Uint8Array): bigint {
  return mod(fromLe(sha512(concatBytes(R, A, message))), L);
}

/** Every verifier's answer; the test wants them all equal (and, where known, equal to `expected`). */
function answers(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) {
  return Object.fromEntries(
    Object.entries(VERIFIERS).map(([name, v]) => [name, v.verify(signature, message, publicKey)]),
  );
}

function expectAll(
  expected: boolean,
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) {
  expect(answers(signature, message, publicKey)).toEqual({ pureJs: expected, node: expected });
}

/** The eight points of small order: multiples of a point of order 8. */
const T8 = P.fromBytes(
  hexToBytes('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
  false,
);
const TORSION = Array.from({ length: 8 }, (_, i) =>
  i === 0 ? P.ZERO : T8.multiply(BigInt(i), false),
);

const a = 0x1234567890abcdefn * 0xfedcba0987654321n + 12345n;
const A = B.multiply(a);
const r = 0xdeadbeefn * 0xcafebaben + 777n;
const R = B.multiply(r);
const message = utf8ToBytes('go-live: the signed statement');

describe('the two Ed25519 verifiers agree', () => {
  it('on the golden vectors: the sign-off and the countersign verify, a changed statement does not', () => {
    for (const v of [vectors, vectors.countersign]) {
      const key = base64urlToBytes(v.publicKey)!;
      const signature = base64urlToBytes(v.signature)!;
      const statement = utf8ToBytes(v.canonicalStatement);
      expectAll(true, signature, statement, key);
      expectAll(false, signature, utf8ToBytes(v.canonicalStatement.replace('sign', 'Sign')), key);
    }
  });

  it('on RFC 8032 section 7.1 (tests 1 and 2)', () => {
    const cases = [
      {
        key: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
        message: '',
        signature:
          'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      },
      {
        key: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
        message: '72',
        signature:
          '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
      },
    ];
    for (const c of cases) {
      expectAll(true, hexToBytes(c.signature), hexToBytes(c.message), hexToBytes(c.key));
    }
  });

  it('on a signature built here, and refuse it with S + L (S not reduced)', () => {
    const signature = signRaw(a, A, r, R, message);
    expectAll(true, signature, message, A.toBytes());
    const s = fromLe(signature.subarray(32));
    expectAll(false, concatBytes(R.toBytes(), le32(s + L)), message, A.toBytes());
  });

  it('in refusing wrong lengths, bit flips, another message and another key', () => {
    const signature = signRaw(a, A, r, R, message);
    expectAll(false, signature.subarray(0, 63), message, A.toBytes());
    expectAll(false, concatBytes(signature, new Uint8Array(1)), message, A.toBytes());
    expectAll(false, signature, message, A.toBytes().subarray(0, 31));
    expectAll(false, new Uint8Array(0), message, new Uint8Array(0));
    expectAll(false, signature, utf8ToBytes('go-live: another statement'), A.toBytes());
    expectAll(false, signature, message, B.multiply(a + 1n).toBytes());
    for (const bit of [0, 7, 255, 256, 300, 511]) {
      const flipped = Uint8Array.from(signature);
      flipped[bit >> 3]! ^= 1 << (bit & 7);
      expectAll(false, flipped, message, A.toBytes());
    }
  });

  it('in refusing a key that is not a point on the curve', () => {
    let y = 2n;
    // The first y with no x on the curve.
    for (; ; y++) {
      try {
        P.fromBytes(le32(y), false);
      } catch {
        break;
      }
    }
    const signature = signRaw(a, A, r, R, message);
    expectAll(false, signature, message, le32(y));
  });

  it('in refusing non-canonical encodings (y + p) of points of large order, as key and as R', () => {
    // y and y + p name the same point when y + p < 2^255, that is for y <= 18.
    const large = [...Array(19).keys()].map(BigInt).flatMap((y) => {
      try {
        return P.fromBytes(le32(y), false).isSmallOrder() ? [] : [y];
      } catch {
        return [];
      }
    });
    expect(large.length).toBeGreaterThan(0);
    const signature = signRaw(a, A, r, R, message);
    for (const y of large) {
      const nonCanonical = le32(y + FIELD);
      expect(pointEncodingProblem(nonCanonical)).toBe('non-canonical');
      expectAll(false, signature, message, nonCanonical);
      expectAll(false, concatBytes(nonCanonical, signature.subarray(32)), message, A.toBytes());
    }
  });

  /**
   * A signature (R = [s]B, s) under key `encoded` for the first message whose challenge k makes
   * [k]A vanish: the bare cofactorless equation [s]B = R + [k]A then holds, so only the screening
   * can refuse it (OpenSSL alone accepts such signatures).
   */
  function equationHoldsUnder(encoded: Uint8Array, point: Point) {
    const s = 987654321n;
    const Renc = B.multiply(s).toBytes();
    for (let i = 0; ; i++) {
      const text = utf8ToBytes(`small-order key ${i}`);
      const k = challenge(Renc, encoded, text);
      if (point.multiply(k, false).is0()) {
        const signature = concatBytes(Renc, le32(s));
        expect(B.multiply(s).equals(P.fromBytes(Renc, false).add(point.multiply(k, false)))).toBe(
          true,
        );
        return { signature, text };
      }
    }
  }

  it('in refusing "negative zero" keys (x = 0 with the sign bit), where the equation holds', () => {
    const cases = [
      { text: '0100000000000000000000000000000000000000000000000000000000000080', point: P.ZERO },
      {
        text: 'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff',
        point: TORSION[4]!,
      },
    ];
    for (const { text, point } of cases) {
      const negativeZero = hexToBytes(text);
      expect(pointEncodingProblem(negativeZero)).toBe('non-canonical');
      expect(point.toBytes()[31]! & 0x80).toBe(0);
      const { signature, text: signed } = equationHoldsUnder(negativeZero, point);
      expectAll(false, signature, signed, negativeZero);
      expectAll(false, concatBytes(negativeZero, signature.subarray(32)), signed, A.toBytes());
    }
  });

  it('in refusing each of the eight small-order keys, where the equation holds', () => {
    const encodings = TORSION.map((point) => bytesToHex(point.toBytes()));
    expect(new Set(encodings).size).toBe(8);
    for (const point of TORSION) {
      expect(point.isSmallOrder()).toBe(true);
      expect(pointEncodingProblem(point.toBytes())).toBe('small-order');
      const { signature, text } = equationHoldsUnder(point.toBytes(), point);
      expectAll(false, signature, text, point.toBytes());
    }
  });

  it('in refusing each small-order R under a real key', () => {
    const signature = signRaw(a, A, r, R, message);
    for (const point of TORSION) {
      expectAll(false, concatBytes(point.toBytes(), signature.subarray(32)), message, A.toBytes());
    }
  });

  it('on keys with a small-order component: the cofactored equation alone would accept more', () => {
    let cofactoredOnly = 0;
    let both = 0;
    for (let i = 0; i < 64; i++) {
      const text = utf8ToBytes(`mixed key ${i}`);
      const mixed = A.add(TORSION[1 + (i % 7)]!); // A plus a point of order 2, 4 or 8
      const signature = signRaw(a, mixed, r, R, text);
      const k = challenge(R.toBytes(), mixed.toBytes(), text);
      // [S]B = R + [k]A' holds exactly when [k]T = 0.
      const expected = TORSION[1 + (i % 7)]!.multiply(k, false).is0();
      expectAll(expected, signature, text, mixed.toBytes());
      const cofactored = ed.verify(signature, text, mixed.toBytes(), { zip215: false });
      expect(cofactored).toBe(true);
      if (expected) both += 1;
      else cofactoredOnly += 1;
    }
    // Both kinds occurred, so the agreement above covers the case where the equations differ.
    expect(cofactoredOnly).toBeGreaterThan(0);
    expect(both).toBeGreaterThan(0);
  });

  it('on an R with a small-order component: refused, where the cofactored equation accepts', () => {
    for (let i = 1; i < 8; i++) {
      const mixedR = R.add(TORSION[i]!);
      const text = utf8ToBytes(`mixed R ${i}`);
      const k = challenge(mixedR.toBytes(), A.toBytes(), text);
      const signature = concatBytes(mixedR.toBytes(), le32(mod(r + k * a, L)));
      expectAll(false, signature, text, A.toBytes());
      expect(ed.verify(signature, text, A.toBytes(), { zip215: false })).toBe(true);
    }
  });

  it('on random keys, messages and corrupted signatures (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 200 }),
        fc.nat(575),
        fc.integer({ min: 0, max: 255 }),
        (seed, text, position, value) => {
          const key = ed.getPublicKey(seed);
          const signature = ed25519Sign(text, seed);
          const expectedValid = answers(signature, text, key);
          expect(expectedValid).toEqual({ pureJs: true, node: true });
          const corrupted = Uint8Array.from(signature);
          if (position < 512) corrupted[position >> 3] = value;
          const target = position < 512 ? corrupted : signature;
          const otherKey = Uint8Array.from(key);
          if (position >= 512) otherKey[(position - 512) >> 1] = value;
          const result = answers(target, text, otherKey);
          expect(result.pureJs).toBe(result.node);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('verifyReport answers the same with either verifier', () => {
  const trust: TrustList = {
    format: 'go-live-trust-list',
    formatVersion: 1,
    keys: [
      {
        publicKey: vectors.publicKey,
        name: 'Ana Admin',
        role: 'admin',
        office: vectors.body.run.office,
      },
    ],
  };
  const report = {
    body: vectors.body,
    signatures: [{ statement: vectors.statement as SignedStatement, value: vectors.signature }],
  };

  it('valid, and invalid once the signature value changes', () => {
    for (const ed25519 of Object.values(VERIFIERS)) {
      expect(verifyReport(report, trust, { ed25519 }).valid).toBe(true);
      const bytes = base64urlToBytes(vectors.signature)!;
      bytes[40]! ^= 1;
      const changed = {
        ...report,
        signatures: [{ ...report.signatures[0]!, value: Buffer.from(bytes).toString('base64url') }],
      };
      const result = verifyReport(changed, trust, { ed25519 });
      expect(result.valid).toBe(false);
      expect(result.problems.map((p) => p.code)).toEqual(['bad-signature']);
    }
  });
});
