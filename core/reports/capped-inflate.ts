// Inflates untrusted compressed data with a hard cap on the bytes it actually produces: the
// compressed bytes go to fflate's streaming inflater in small steps, and inflating stops at the
// first step that takes the output past the cap. A bundle entry or PDF stream that declares 1 KB
// but inflates to gigabytes therefore costs at most one step's output, in time and in memory.
// Used by the bundle reader (raw deflate inside a zip) and the PDF reader (zlib streams).
import { Inflate, Unzlib } from 'fflate';

/**
 * Compressed bytes per step. Deflate's best ratio is about 1:1,032, so one step produces at most
 * about 4 MB before the cap is checked again (larger steps made honest data no faster).
 */
export const INFLATE_STEP_BYTES = 4 * 1024;

export type CappedInflateResult =
  | { ok: true; bytes: Uint8Array }
  | {
      ok: false;
      /**
       * over-cap: more output than allowed; damaged: not a valid stream. A stream cut short at
       * a block boundary is not noticed here: callers compare the length with what they expect.
       */
      reason: 'over-cap' | 'damaged';
      /** Bytes produced before stopping (the work done). */
      produced: number;
    };

class OverCap extends Error {}

/**
 * Inflates `data` (a raw deflate stream, as in a zip, or a zlib stream, as in a PDF) and returns
 * its bytes when they are at most `cap`.
 */
export function inflateCapped(
  data: Uint8Array,
  cap: number,
  format: 'raw' | 'zlib',
): CappedInflateResult {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  const collect = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > cap) throw new OverCap();
    chunks.push(chunk);
  };
  const inflater = format === 'raw' ? new Inflate(collect) : new Unzlib(collect);
  try {
    for (let offset = 0; offset < data.length; offset += INFLATE_STEP_BYTES) {
      inflater.push(data.subarray(offset, offset + INFLATE_STEP_BYTES), false);
    }
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    return { ok: false, reason: error instanceof OverCap ? 'over-cap' : 'damaged', produced };
  }
  const bytes = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes };
}
