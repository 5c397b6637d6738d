// base64url (RFC 4648 section 5, no padding) for public keys and signature values. Decoding is
// strict: one string for one byte sequence (no padding, no whitespace, unused trailing bits must be
// zero), so a signature value cannot be re-spelled into a second string that verifies.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

export function bytesToBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(triple >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** The bytes of a canonical base64url string, or undefined when it is not one. */
export function base64urlToBytes(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let position = 0;
  for (const char of text) {
    const value = LOOKUP.get(char);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[position++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero, or two strings would decode to the same bytes.
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

/** A canonical base64url string of exactly `byteLength` bytes. */
export function base64urlPattern(byteLength: number): RegExp {
  const chars = Math.ceil((byteLength * 8) / 6);
  return new RegExp(`^[A-Za-z0-9_-]{${chars}}$`);
}
