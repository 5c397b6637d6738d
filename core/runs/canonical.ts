// Canonical JSON (RFC 8785) and SHA-256: what every hash of a run's history and report is taken over.
// SHA-256 comes through one interface, like Ed25519 (core/reports/ed25519-verifier.ts): the hub and
// the CLI hand in node:crypto's (hub/node-sha256.ts), the renderer keeps the pure-JS one below.
// Every implementation gives the same digest for the same input (test/unit/hub/node-sha256.test.ts).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/** RFC 8785 canonical JSON (keys sorted, no whitespace; undefined properties are left out). */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Cannot canonicalize this value.');
  return json;
}

export interface Sha256 {
  /**
   * Lowercase hex SHA-256 of the bytes, or of the text's UTF-8 encoding (a lone surrogate encodes
   * as U+FFFD, as TextEncoder does). Synchronous: hashes are taken in render paths too.
   */
  hex(data: string | Uint8Array): string;
}

/** SHA-256 in pure JS (@noble/hashes): the fallback where no platform hash is at hand synchronously. */
export const pureJsSha256: Sha256 = {
  hex: (data) => bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data)),
};

export function sha256Hex(text: string, hasher: Sha256 = pureJsSha256): string {
  return hasher.hex(text);
}
