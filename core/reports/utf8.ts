// Strict UTF-8 decoding without TextDecoder (a platform global the core does not use): fflate
// decodes, and re-encoding must give the same bytes back, so invalid sequences (which a lenient
// decoder would turn into U+FFFD) are refused instead of silently changed.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { strFromU8 } from 'fflate';

/** Whether every byte is ASCII: then any UTF-8 decoder gives exactly one character per byte. */
function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** The text, or undefined when the bytes are not valid UTF-8. */
export function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  // ASCII (most report files) cannot decode to anything else, so it needs no round trip.
  if (isAscii(bytes)) return strFromU8(bytes);
  let text: string;
  try {
    text = strFromU8(bytes);
  } catch {
    return undefined;
  }
  const back = utf8ToBytes(text);
  if (back.length !== bytes.length) return undefined;
  for (let i = 0; i < back.length; i++) if (back[i] !== bytes[i]) return undefined;
  return text;
}
