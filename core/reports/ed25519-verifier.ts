// The one Ed25519 verification of the product, whatever computes it. A platform supplies only the
// group equation (node:crypto on the hub and the CLI, or the pure-JS fallback in ed25519.ts); the
// rules around it live here, once, so every implementation gives the same answer for the same bytes:
//
// - RFC 8032 strict decoding (section 5.1.3, 5.1.7): S < L; A and R canonical (y < p, and no
//   "negative zero", x = 0 with the sign bit set). A signature cannot be re-spelled into a second
//   one that also verifies.
// - A and R of small order are refused (libsodium's policy): no honest key or signature has one, and
//   a small-order key would let one signature "verify" for many messages.
// - The cofactorless equation [S]B = R + [k]A, compared on R's encoding (what OpenSSL, BoringSSL,
//   Go and libsodium check). RFC 8032 allows either this or the cofactored [8][S]B = [8]R + [8][k]A;
//   they differ only for points with a small-order component, so mixing them would let the hub and
//   the app disagree about one report. The cross-check test feeds both implementations the same
//   vectors and requires identical answers.
//
// Synchronous on purpose: verifyReport is called in render paths and in the hub's request handler
// and stays synchronous; node:crypto's verify is synchronous, WebCrypto's is not (see ed25519.ts).

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export interface Ed25519Verifier {
  /**
   * True when `signature` is a valid Ed25519 signature of `message` by `publicKey` under the rules
   * above; false for anything else, malformed lengths and encodings included (never throws).
   */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/**
 * The platform's part: whether [S]B = R + [k]A holds, R compared by its encoding. Called only with
 * inputs the screening below accepted (right lengths, S < L, canonical points of large order); it
 * may throw, which counts as "does not verify".
 */
export type Ed25519Equation = (
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
) => boolean;

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const GROUP_ORDER = hex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
/** p = 2^255 - 19, little-endian. */
const FIELD_PRIME = hex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');

/**
 * The canonical encodings of the eight points of small order (the curve's torsion subgroup). After
 * the canonical check, each such point has exactly one encoding, so a list suffices; the unit test
 * derives the eight from the curve and compares.
 */
const SMALL_ORDER_POINTS = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
].map(hex);

function hex(text: string): Uint8Array {
  return Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** a < b for two 32-byte little-endian numbers. */
function lessThan(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (a[i]! !== b[i]!) return a[i]! < b[i]!;
  }
  return false;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** x = 0 holds only for y = 1 and y = p - 1; their encodings with the sign bit set are not canonical. */
const NEGATIVE_ZEROS = [
  hex('0100000000000000000000000000000000000000000000000000000000000080'),
  hex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'),
];

export type PointEncodingProblem = 'non-canonical' | 'small-order';

/** Why a 32-byte point encoding is refused before any curve arithmetic (undefined: it is not). */
export function pointEncodingProblem(point: Uint8Array): PointEncodingProblem | undefined {
  const y = Uint8Array.from(point);
  y[31] = y[31]! & 0x7f;
  if (!lessThan(y, FIELD_PRIME)) return 'non-canonical';
  if (NEGATIVE_ZEROS.some((zero) => equalBytes(zero, point))) return 'non-canonical';
  if (SMALL_ORDER_POINTS.some((small) => equalBytes(small, point))) return 'small-order';
  return undefined;
}

/** Whether the signature and key pass the checks that need no curve arithmetic (see the top). */
export function isWellFormed(signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(signature instanceof Uint8Array) || !(publicKey instanceof Uint8Array)) return false;
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  if (!lessThan(signature.subarray(32), GROUP_ORDER)) return false;
  return (
    pointEncodingProblem(signature.subarray(0, 32)) === undefined &&
    pointEncodingProblem(publicKey) === undefined
  );
}

/** The product's Ed25519 verification over a platform's group equation. */
export function strictEd25519Verifier(equation: Ed25519Equation): Ed25519Verifier {
  return {
    verify(signature, message, publicKey) {
      if (!isWellFormed(signature, publicKey) || !(message instanceof Uint8Array)) return false;
      try {
        return equation(signature, message, publicKey) === true;
      } catch {
        return false;
      }
    },
  };
}
