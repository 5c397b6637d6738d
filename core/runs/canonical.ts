// Canonical JSON (RFC 8785) and SHA-256: what every hash of a run's history and report is taken over.
// SHA-256 comes through one interface, like Ed25519 (core/reports/ed25519-verifier.ts): the hub and
// the CLI hand in node:crypto's (hub/node-sha256.ts), the renderer keeps the pure-JS one below.
// Every implementation gives the same digest for the same input (test/unit/hub/node-sha256.test.ts).
//
// Canonical JSON is the canonicalize library's, with a native fast path for data that is already in
// canonical order (anything JSON.parse read from canonical text: a report file, stored events):
// for plain data (plain objects and arrays without holes, strings, finite numbers, booleans, null;
// undefined and symbols left out, as canonicalize leaves them) JSON.stringify writes strings and
// numbers exactly as canonicalize does (canonicalize calls it on every primitive) and properties
// in Object.keys order; when that order is sorted (by UTF-16 code units, as RFC 8785 and
// Array.prototype.sort compare) in every object, the output is the canonical text. Anything else
// takes the library's way. test/unit/core/reports/fast-canonical.property.test.ts holds the two
// to the same answers.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';

/** A plain object or array (nothing with its own toJSON, class or holes), not null. */
export function isPlainContainer(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return prototype === Array.prototype;
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** Whether canonicalize leaves this property out (and JSON.stringify too). */
export function isLeftOut(value: unknown): boolean {
  return value === undefined || typeof value === 'symbol';
}

/** A primitive both write the same way (non-finite numbers: canonicalize throws; bigint: both throw). */
export function isPlainPrimitive(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Plain data whose every object lists its keys in canonical order (see the top). */
function isSortedPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return isPlainPrimitive(value);
  if (!isPlainContainer(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return false;
      const item: unknown = value[i];
      if (!isLeftOut(item) && !isSortedPlainData(item)) return false;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // The keys' order first, so data in another order is told before its contents are walked.
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  for (const key of keys) {
    const item = record[key];
    if (!isLeftOut(item) && !isSortedPlainData(item)) return false;
  }
  return true;
}

/** RFC 8785 canonical JSON (keys sorted, no whitespace; undefined properties are left out). */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'object' && value !== null && isSortedPlainData(value)) {
    return JSON.stringify(value);
  }
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
