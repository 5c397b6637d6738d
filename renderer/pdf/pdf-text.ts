// Text helpers for the sign-off PDF: every string taken from a report goes through `plain` or
// `line` before it reaches pdfmake, which draws it as plain text (no markup is ever interpreted).
// Formatting is locale-aware for numbers and fixed (UTC, 'YYYY-MM-DD HH:mm') for timestamps, so a
// supervisor in another time zone reads the same times as the administrator's report.

/**
 * C0/C1 control characters except the line feed, and the Unicode bidi controls that could make text
 * read differently from what was signed (e.g. U+202E right-to-left override).
 */
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Multi-line report text: normalised line ends, tabs as spaces, control characters removed. */
export function plain(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(UNSAFE_CHARACTERS, '');
}

/** One-line report text (titles, names, ids): line breaks become spaces. */
export function line(text: string): string {
  return plain(text).replace(/\n+/g, ' ');
}

/** Fills "{name}" placeholders of a label. Values are inserted as they are (already plain). */
export function fill(label: string, values: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/** The first `length` hex characters of a hash, or the sanitised text if it is not hex. */
export function shortHash(hash: string, length = 16): string {
  const clean = line(hash);
  return /^[0-9a-f]+$/i.test(clean) ? clean.slice(0, length).toLowerCase() : clean;
}

/** A short hash grouped in fours, easier to read aloud: "3f2a 9b1c 0d4e 77aa". */
export function groupedHash(hash: string, length = 16): string {
  return (shortHash(hash, length).match(/.{1,4}/g) ?? []).join(' ');
}

/** How the PDF writes dates: ISO 8601, or by the report's language (issue 16, point 10). */
export interface PdfDates {
  style: 'language' | 'iso';
  /** BCP 47 locale for the language style ("en-GB", "es-ES"). */
  locale: string;
}

export const ISO_PDF_DATES: PdfDates = { style: 'iso', locale: 'en-GB' };

/**
 * A moment, always in UTC so the document reads the same wherever it is opened: "2025-06-01 14:03
 * UTC", or "1 Jun 2025, 14:03 UTC" by language. Anything that does not parse is shown as it is.
 */
export function formatTimestamp(dates: PdfDates, iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return line(iso);
  if (dates.style === 'language') {
    const text = new Intl.DateTimeFormat(dates.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      hourCycle: 'h23',
      timeZone: 'UTC',
    }).format(time);
    return `${text} UTC`;
  }
  const date = new Date(time).toISOString();
  return `${date.slice(0, 10)} ${date.slice(11, 16)} UTC`;
}

/** A calendar day ('YYYY-MM-DD'): as it is, or "7 Dec 2026" by language. */
export function formatPdfDay(dates: PdfDates, day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (dates.style === 'iso' || match === null) return line(day);
  const [, year, month, date] = match.map(Number);
  return new Intl.DateTimeFormat(dates.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    Date.UTC(year!, month! - 1, date),
  );
}

/** A number in the report's language ("940,5" in Spanish). */
export function formatNumber(value: number, language: string): string {
  try {
    return new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value);
  } catch {
    return String(value);
  }
}

/** "820 B", "12.3 KB", "4.1 MB" (1024-based), with the report's decimal separator. */
export function formatBytes(size: number, language: string): string {
  if (!Number.isFinite(size) || size < 1024) return `${formatNumber(size, language)} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const rounded = Math.round(value * 10) / 10;
  return `${formatNumber(rounded, language)} ${units[unit] ?? 'GB'}`;
}

/** Base64 of bytes, in chunks so large images do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  }
  return btoa(binary);
}

/** Runs of non-space characters longer than this are cut into pieces pdfmake may wrap between. */
const LONGEST_WORD = 24;
const PIECE = 12;

/**
 * A text as pdfmake inline pieces when it holds a long unbroken run (hash, URL, path): pdfmake
 * sizes table columns by their longest word and would let such a run overflow the page, but it
 * wraps freely between pieces. The pieces are drawn adjacent, so the text reads (and copies) as it
 * was. Short texts are returned unchanged.
 */
export function breakable(text: string): string | string[] {
  const longRun = new RegExp(`\\S{${LONGEST_WORD + 1},}`, 'g');
  if (!longRun.test(text)) return text;
  longRun.lastIndex = 0;
  const pieces: string[] = [];
  let position = 0;
  for (const match of text.matchAll(longRun)) {
    if (match.index > position) pieces.push(text.slice(position, match.index));
    for (let start = 0; start < match[0].length; start += PIECE) {
      pieces.push(match[0].slice(start, start + PIECE));
    }
    position = match.index + match[0].length;
  }
  if (position < text.length) pieces.push(text.slice(position));
  return pieces;
}
