// Canonical JSON (RFC 8785) and SHA-256: what every hash of a run's history and report is taken over.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/** RFC 8785 canonical JSON (keys sorted, no whitespace; undefined properties are left out). */
export function canonicalJson(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Cannot canonicalize this value.');
  return json;
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
