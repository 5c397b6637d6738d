// Hostile files for the verifier's tests and benches: zips written byte by byte so their directory
// can lie (sizes, overlapping entries), deflate streams that inflate to gigabytes from a few
// megabytes, and junk PDFs. For tests and benches only.
import { deflateSync, unzipSync } from 'fflate';

export interface CraftedEntry {
  name: string;
  /** The bytes written as the entry's data: stored bytes, or a raw deflate stream. */
  data: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The uncompressed size the headers declare (the truth by default). */
  declaredSize?: number;
  /** Point this entry's directory record at the local header of an earlier entry (overlap). */
  sameDataAs?: number;
}

function u16(view: DataView, at: number, value: number): void {
  view.setUint16(at, value, true);
}
function u32(view: DataView, at: number, value: number): void {
  view.setUint32(at, value, true);
}

/** A zip with exactly the headers asked for (CRC left 0: the bundle reader does not use it). */
export function craftZip(entries: readonly CraftedEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const declared = (entry: CraftedEntry): number =>
    entry.declaredSize ??
    (entry.sameDataAs !== undefined
      ? declared(entries[entry.sameDataAs] as CraftedEntry)
      : entry.method === 0
        ? entry.data.length
        : inflatedSizeUnknown(entry));
  entries.forEach((entry, index) => {
    if (entry.sameDataAs !== undefined) {
      offsets.push(offsets[entry.sameDataAs] as number);
      return;
    }
    const name = encoder.encode(entry.name);
    const local = new Uint8Array(30 + name.length + entry.data.length);
    const view = new DataView(local.buffer);
    u32(view, 0, 0x04034b50);
    u16(view, 4, 20);
    u16(view, 8, entry.method);
    u32(view, 18, entry.data.length);
    u32(view, 22, declared(entry));
    u16(view, 26, name.length);
    local.set(name, 30);
    local.set(entry.data, 30 + name.length);
    offsets[index] = offset;
    locals.push(local);
    offset += local.length;
  });
  const centrals = entries.map((entry, index) => {
    const name = encoder.encode(entry.name);
    const source = entry.sameDataAs === undefined ? entry : entries[entry.sameDataAs]!;
    const central = new Uint8Array(46 + name.length);
    const view = new DataView(central.buffer);
    u32(view, 0, 0x02014b50);
    u16(view, 4, 20);
    u16(view, 6, 20);
    u16(view, 10, source.method);
    u32(view, 20, source.data.length);
    u32(view, 24, declared(entry));
    u16(view, 28, name.length);
    u32(view, 42, offsets[index] as number);
    central.set(name, 46);
    return central;
  });
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  u32(view, 0, 0x06054b50);
  u16(view, 8, entries.length);
  u16(view, 10, entries.length);
  u32(view, 12, directorySize);
  u32(view, 16, offset);
  return concat([...locals, ...centrals, end]);
}

function inflatedSizeUnknown(entry: CraftedEntry): number {
  throw new Error(`craftZip: say which size ${entry.name} declares`);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Raw deflate of real bytes (what an honest zip holds). */
export function deflateRaw(bytes: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 6 });
}

/** Writes bits into bytes, least significant bit first, as DEFLATE packs them. */
class BitWriter {
  readonly bytes: number[] = [];
  private bit = 0;
  /** `count` bits of `value`, low bit first (header fields and extra bits). */
  bits(value: number, count: number): void {
    for (let i = 0; i < count; i++) this.push((value >> i) & 1);
  }
  /** A Huffman code, most significant bit first. */
  code(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) this.push((value >> i) & 1);
  }
  private push(bit: number): void {
    if (this.bit === 0) this.bytes.push(0);
    this.bytes[this.bytes.length - 1]! |= bit << this.bit;
    this.bit = (this.bit + 1) % 8;
  }
  get aligned(): boolean {
    return this.bit === 0;
  }
}

/** The code length alphabet's transmission order (RFC 1951, 3.2.7). */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * A raw deflate stream that inflates to at least `bytes` zeros from about a thousandth of that
 * (the format's limit): one dynamic block whose codes give "length 258, distance 1" two bits, so
 * after one literal zero every zero byte of the stream is four such matches (1,032 bytes).
 */
export function deflateBomb(bytes: number): Uint8Array {
  const w = new BitWriter();
  w.bits(1, 1); // BFINAL
  w.bits(2, 2); // dynamic Huffman
  w.bits(286 - 257, 5); // HLIT: literal/length codes 0..285
  w.bits(2 - 1, 5); // HDIST: distance codes 0..1
  w.bits(19 - 4, 4); // HCLEN: all 19 (also makes the header's bit count come out even)
  // Code length code: 18 (a run of zeros) 1 bit "0"; lengths 1 and 2 two bits "10", "11".
  const codeLengthLengths: Record<number, number> = { 18: 1, 1: 2, 2: 2 };
  for (const symbol of CODE_LENGTH_ORDER) w.bits(codeLengthLengths[symbol] ?? 0, 3);
  const length = (value: 1 | 2) => w.code(value === 1 ? 0b10 : 0b11, 2);
  const zeros = (count: number) => {
    w.code(0, 1);
    w.bits(count - 11, 7);
  };
  // Literal/length lengths: 0 -> 2, 1..255 -> 0, 256 (end) -> 2, 257..284 -> 0, 285 (258) -> 1;
  // distance lengths: 0 (distance 1) -> 1, 1 (distance 2) -> 1.
  length(2);
  zeros(138);
  zeros(117);
  length(2);
  zeros(28);
  length(1);
  length(1);
  length(1);
  // Codes: 285 "0", literal 0 "10", end "11"; distance 1 "0".
  w.code(0b10, 2); // the literal zero the matches copy
  while (!w.aligned) w.code(0, 2); // "length 258, distance 1" until the next byte starts
  const head = Uint8Array.from(w.bytes);
  const matchBytes = Math.max(1, Math.ceil(bytes / 1032));
  const out = new Uint8Array(head.length + matchBytes + 1);
  out.set(head, 0);
  out[out.length - 1] = 0b11; // end of block, then padding
  return out;
}

/** A bundle's entries as honest crafted entries (deflated), to rebuild with lies added. */
export function entriesOf(bundle: Uint8Array): CraftedEntry[] {
  return Object.entries(unzipSync(bundle)).map(([name, bytes]) => ({
    name,
    data: deflateRaw(bytes),
    method: 8,
    declaredSize: bytes.length,
  }));
}

/** Deterministic junk (xorshift32): not random enough for anything but filling files. */
export function junk(length: number, seed = 0x2545f491): Uint8Array {
  const out = new Uint8Array(length);
  const words = new Uint32Array(out.buffer, 0, Math.floor(length / 4));
  let x = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words[i] = x;
  }
  return out;
}

/** A "PDF" of `length` bytes: a PDF header, junk, and %%EOF; no catalog, no objects. */
export function junkPdf(length: number): Uint8Array {
  const head = new TextEncoder().encode('%PDF-1.7\n%\u00e2\u00e3\n');
  const tail = new TextEncoder().encode('\n%%EOF\n');
  const out = junk(length);
  out.set(head, 0);
  out.set(tail, length - tail.length);
  return out;
}
