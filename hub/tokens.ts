// Secrets the hub hands out and the hashes it keeps of them: device tokens (256 random bits, sent
// as `Authorization: Bearer …`), one-time enrollment codes (typed by people, so grouped base32
// without look-alike letters) and ids. Only SHA-256 hashes of tokens and codes are stored.
import { createHash, randomBytes } from 'node:crypto';

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/** Crockford-style base32 without I, L, O, U: easy to read out and type. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 100 random bits as XXXXX-XXXXX-XXXXX-XXXXX. */
export function newEnrollmentCode(): string {
  const bytes = randomBytes(20);
  const chars = [...bytes].map((byte) => CODE_ALPHABET[byte % 32]).join('');
  return (chars.match(/.{5}/g) ?? []).join('-');
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normalizeEnrollmentCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export function enrollmentCodeHash(code: string): string {
  return sha256Hex(normalizeEnrollmentCode(code));
}

export function deviceTokenHash(token: string): string {
  return sha256Hex(token);
}
