// decodeUtf8Strict: exact text for valid UTF-8 (ASCII takes a shortcut that must agree with the
// round-trip check), undefined for anything a lenient decoder would have changed.
import { describe, expect, it } from 'vitest';
import { decodeUtf8Strict } from '../../../../core/reports/utf8';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('decodeUtf8Strict', () => {
  it('gives ASCII (NUL and DEL included) and valid multi-byte text back exactly', () => {
    const ascii = Uint8Array.from({ length: 128 }, (_, i) => i);
    expect(decodeUtf8Strict(ascii)).toBe(
      String.fromCharCode(...Array.from({ length: 128 }, (_, i) => i)),
    );
    const text = 'Übergabe día 5 \u{1F4CE} 日本';
    expect(decodeUtf8Strict(new TextEncoder().encode(text))).toBe(text);
    expect(decodeUtf8Strict(new Uint8Array(0))).toBe('');
  });

  it('refuses what a lenient decoder would change: a BOM, invalid, overlong, surrogate, cut', () => {
    const refused = [
      bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d), // a byte order mark before "{}" (TextDecoder drops it)
      bytes(0x7b, 0xff, 0x7d), // 0xFF is never UTF-8
      bytes(0xc0, 0xaf), // overlong "/"
      bytes(0xed, 0xa0, 0x80), // an encoded surrogate
      bytes(0x41, 0xe2, 0x82), // cut in the middle of a character
      bytes(0x80), // a lone continuation byte
    ];
    for (const input of refused) expect(decodeUtf8Strict(input)).toBeUndefined();
  });
});
