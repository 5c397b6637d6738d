// Reads a received zip (a report bundle) without trusting what it says about itself. The central
// directory is read first and checked as a whole before anything is inflated: the number of
// entries and the sum of the sizes they declare against the bundle limits, every entry's bytes
// inside the file and before the directory, no two entries sharing bytes (a known way to build a
// zip bomb), no encryption, no ZIP64 (a report bundle never needs it), only stored or deflated
// data. Then an entry is read only when asked for, and never yields more or fewer bytes than it
// declares: stored data must have the declared length, and deflated data is inflated with a hard
// cap (capped-inflate.ts), so an entry that lies about its size stops within one step.
// fflate's unzipSync is not used for reading: it inflates every entry to the end of its stream,
// however far that is beyond the declared size (tens of seconds for an 8 MB file).
import { strFromU8 } from 'fflate';
import type { BundleLimits } from './bundle-format';
import { inflateCapped } from './capped-inflate';
import { decodeUtf8Strict } from './utf8';

export type ZipProblemCode =
  'corrupt-zip' | 'too-large' | 'too-many-entries' | 'overlapping-entries' | 'entry-size-mismatch';

export interface ZipProblem {
  code: ZipProblemCode;
  message: string;
  /** The entry the problem is about. */
  path?: string;
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** Offset of the entry's data (after its local header) and its length in the file. */
  dataStart: number;
  compressedSize: number;
  /** The uncompressed size the directory declares: exactly what reading it yields. */
  declaredSize: number;
}

export interface ZipDirectory {
  /** The first entry of each name, in directory order; folders ("name/") are left out. */
  entries: Map<string, ZipEntry>;
  /** Names listed more than once (their later copies are never read). */
  duplicates: string[];
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_RECORD = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const MB = 1024 * 1024;

/** Thrown inside the directory reader; every other error there means a damaged zip. */
class Refused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.message);
  }
}

const corrupt = (why: string): Refused =>
  new Refused({
    code: 'corrupt-zip',
    message: `The file is not a readable zip: ${why}.`,
  });

const NOT_READABLE: ZipProblem = {
  code: 'corrupt-zip',
  message: 'The file is not a readable zip: it is damaged, cut short or not a report bundle.',
};

function endOfDirectory(view: DataView): number {
  const last = view.byteLength - END_RECORD_BYTES;
  const first = Math.max(0, last - MAX_COMMENT_BYTES);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  }
  throw new Refused(NOT_READABLE);
}

function entryName(bytes: Uint8Array, utf8: boolean): string {
  if (!utf8) return strFromU8(bytes, true);
  const name = decodeUtf8Strict(bytes);
  if (name === undefined) throw corrupt('an entry name is not UTF-8');
  return name;
}

interface Span {
  name: string;
  start: number;
  end: number;
}

function checkNoOverlap(spans: Span[]): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as Span;
    const current = sorted[i] as Span;
    if (current.start < previous.end) {
      throw new Refused({
        code: 'overlapping-entries',
        path: current.name,
        message: `The bundle's entries ${previous.name} and ${current.name} share the same bytes: refused (a zip bomb, or not a report bundle).`,
      });
    }
  }
}

function readDirectory(bytes: Uint8Array, limits: BundleLimits): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < END_RECORD_BYTES) throw new Refused(NOT_READABLE);
  const end = endOfDirectory(view);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryStart = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 8, true) !== count) {
    throw corrupt('it is split over several files');
  }
  if (count === 0xffff || directoryStart === 0xffffffff || directorySize === 0xffffffff) {
    throw corrupt('it uses ZIP64, which a report bundle never needs');
  }
  if (directoryStart + directorySize > end) throw new Refused(NOT_READABLE);
  if (count > limits.maxEntries) {
    throw new Refused({
      code: 'too-many-entries',
      message: `The bundle has more than ${limits.maxEntries} files: not a report bundle.`,
    });
  }

  const entries = new Map<string, ZipEntry>();
  const duplicates: string[] = [];
  const spans: Span[] = [];
  let declaredTotal = 0;
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryStart + directorySize) throw new Refused(NOT_READABLE);
    if (view.getUint32(at, true) !== DIRECTORY_RECORD) throw new Refused(NOT_READABLE);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const declaredSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const recordLength =
      46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    if (at + recordLength > directoryStart + directorySize) throw new Refused(NOT_READABLE);
    const name = entryName(bytes.subarray(at + 46, at + 46 + nameLength), (flags & 0x800) !== 0);
    at += recordLength;

    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxTotalBytes) {
      throw new Refused({
        code: 'too-large',
        message: `The bundle unpacks to more than ${Math.round(limits.maxTotalBytes / MB)} MB: refused (a zip bomb, or not a report bundle).`,
      });
    }
    if ((flags & 1) !== 0) throw corrupt(`${name} is encrypted`);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff) {
      throw corrupt('it uses ZIP64, which a report bundle never needs');
    }
    if (method !== 0 && method !== 8) throw corrupt(`${name} is compressed with method ${method}`);
    if (method === 0 && compressedSize !== declaredSize) {
      throw new Refused({
        code: 'entry-size-mismatch',
        path: name,
        message: `The bundle's ${name} holds ${compressedSize} bytes but declares ${declaredSize}: refused (a zip bomb, or a damaged bundle).`,
      });
    }
    if (view.getUint32(localHeader, true) !== LOCAL_HEADER) throw new Refused(NOT_READABLE);
    const dataStart =
      localHeader +
      30 +
      view.getUint16(localHeader + 26, true) +
      view.getUint16(localHeader + 28, true);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > directoryStart) throw corrupt(`the data of ${name} runs past its end`);
    spans.push({ name, start: localHeader, end: dataEnd });

    if (name.endsWith('/')) continue;
    if (entries.has(name)) duplicates.push(name);
    else entries.set(name, { name, method, dataStart, compressedSize, declaredSize });
  }
  checkNoOverlap(spans);
  return { entries, duplicates };
}

/** The zip's directory, checked as a whole (see the top), or the first reason to refuse it. */
export function readZipDirectory(
  bytes: Uint8Array,
  limits: BundleLimits,
): { ok: true; directory: ZipDirectory } | { ok: false; problem: ZipProblem } {
  try {
    return { ok: true, directory: readDirectory(bytes, limits) };
  } catch (error) {
    return { ok: false, problem: error instanceof Refused ? error.problem : NOT_READABLE };
  }
}

/** An entry's bytes: exactly its declared size, or the reason it cannot be read. */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: ZipProblem } {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) return { ok: true, bytes: data.slice() };
  const inflated = inflateCapped(data, entry.declaredSize, 'raw');
  if (inflated.ok && inflated.bytes.length === entry.declaredSize) {
    return { ok: true, bytes: inflated.bytes };
  }
  if (!inflated.ok && inflated.reason === 'damaged') {
    return {
      ok: false,
      problem: {
        code: 'corrupt-zip',
        path: entry.name,
        message: `The file is not a readable zip: the compressed data of ${entry.name} is damaged or cut short.`,
      },
    };
  }
  const more = !inflated.ok;
  return {
    ok: false,
    problem: {
      code: 'entry-size-mismatch',
      path: entry.name,
      message: `The bundle's ${entry.name} declares ${entry.declaredSize} bytes but inflates to ${more ? 'more' : 'fewer'}: refused${more ? ' after reading no further (a zip bomb, or a damaged bundle)' : ' (a damaged bundle)'}.`,
    },
  };
}
