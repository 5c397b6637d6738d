// Ed25519 in pure JS through @noble/ed25519's point arithmetic, with SHA-512 from @noble/hashes:
// signing for tests and the CLI's key signer, and the fallback verifier where no platform crypto is
// at hand synchronously. The hub and the CLI verify with node:crypto instead (hub/node-ed25519.ts,
// about 15x faster); the renderer keeps this one, because verifyReport is synchronous and runs in
// render paths while WebCrypto's verify is async, and the app verifies a handful of signatures at a
// time. The rules every verifier follows are in ed25519-verifier.ts.
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js';
import { base64urlToBytes } from './base64url';
import {
  PUBLIC_KEY_BYTES,
  SIGNATURE_BYTES,
  strictEd25519Verifier,
  type Ed25519Verifier,
} from './ed25519-verifier';

ed.hashes.sha512 = sha512;

export { PUBLIC_KEY_BYTES, SIGNATURE_BYTES };

/** The scalar of 32 little-endian bytes (or of a 64-byte hash), reduced modulo the group order. */
function scalarModL(bytes: Uint8Array): bigint {
  const value = BigInt(`0x${bytesToHex(Uint8Array.from(bytes).reverse())}`);
  return ed.etc.mod(value, ed.Point.CURVE().n);
}

/**
 * [S]B = R + [k]A with k = SHA-512(R || A || M) mod L, as ed25519-verifier.ts requires (cofactorless,
 * R compared exactly). noble's own verify checks the cofactored equation, which answers otherwise
 * for points with a small-order component, so it is not used here. S < L and the encodings were
 * checked before this runs; decoding is strict (zip215: false) all the same.
 */
function cofactorlessEquation(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  const encodedR = signature.subarray(0, 32);
  const s = BigInt(`0x${bytesToHex(Uint8Array.from(signature.subarray(32)).reverse())}`);
  const A = ed.Point.fromBytes(publicKey, false);
  const R = ed.Point.fromBytes(encodedR, false);
  const k = scalarModL(sha512(concatBytes(encodedR, publicKey, message)));
  const sB = ed.Point.BASE.multiply(s, false);
  return sB.subtract(A.multiply(k, false)).equals(R);
}

/** The pure-JS verifier: the fallback where node:crypto is not available synchronously. */
export const pureJsEd25519: Ed25519Verifier = strictEd25519Verifier(cofactorlessEquation);

export function ed25519PublicKey(privateKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(privateKey);
}

export function ed25519Sign(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return ed.sign(message, privateKey);
}

/** False for a wrong signature and for malformed keys or signatures (never throws). Pure JS. */
export function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  return pureJsEd25519.verify(signature, message, publicKey);
}

/**
 * A short, human-comparable fingerprint of a base64url public key: the first 16 hex digits of the
 * SHA-256 of the raw key bytes. Undefined when the text is not a 32-byte base64url key.
 */
export function keyFingerprint(publicKey: string): string | undefined {
  const bytes = base64urlToBytes(publicKey);
  if (!bytes || bytes.length !== PUBLIC_KEY_BYTES) return undefined;
  return bytesToHex(sha256(bytes)).slice(0, 16);
}
