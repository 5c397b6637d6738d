// Ed25519 through @noble/ed25519's synchronous API, with SHA-512 from @noble/hashes: pure JS, no
// WebCrypto, so the same code verifies in the app, the CLI and the hub. Verification follows
// RFC 8032 strictly (zip215: false): non-canonical encodings are rejected, so a valid signature
// cannot be altered into a second valid one.
import * as ed from '@noble/ed25519';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { base64urlToBytes } from './base64url';

ed.hashes.sha512 = sha512;

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

export function ed25519PublicKey(privateKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(privateKey);
}

export function ed25519Sign(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return ed.sign(message, privateKey);
}

/** False for a wrong signature and for malformed keys or signatures (never throws). */
export function ed25519Verify(
  signature: Uint8Array,
  message: Uint8Array,
  publicKey: Uint8Array,
): boolean {
  if (signature.length !== SIGNATURE_BYTES || publicKey.length !== PUBLIC_KEY_BYTES) return false;
  try {
    return ed.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
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
