// Ed25519 verification with node:crypto (OpenSSL), for the hub and the CLI: the core's rules
// (core/reports/ed25519-verifier.ts: strict encodings, no small-order points) around OpenSSL's
// cofactorless equation, about 15x faster than the pure-JS fallback. crypto.verify is synchronous,
// so verifyReport stays synchronous. Public keys are imported once and kept (a trust list holds few):
// importing costs about as much as a verification.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { strictEd25519Verifier, type Ed25519Verifier } from '../core/reports/ed25519-verifier';

/** SubjectPublicKeyInfo for id-Ed25519 (RFC 8410), followed by the 32 raw key bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const MAX_CACHED_KEYS = 1024;
const keys = new Map<string, KeyObject>();

function keyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('base64');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(id, key);
  }
  return key;
}

export const nodeEd25519: Ed25519Verifier = strictEd25519Verifier((signature, message, publicKey) =>
  verify(null, message, keyObject(publicKey), signature),
);
