// The content hash of a definition file: lowercase hex SHA-256 of its UTF-8 bytes. Runs pin
// id + version + this hash, and checklists/lock.json records it for every published version, so
// it must never change for the same bytes. Line endings count: keep checklists/ files LF-only.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function definitionContentHash(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** The same hash for raw bytes (adapters that read files), equal to definitionContentHash of valid UTF-8. */
export function contentHashOfBytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export const CONTENT_HASH_PATTERN = /^[0-9a-f]{64}$/;
