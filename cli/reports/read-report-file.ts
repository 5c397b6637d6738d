// Reads the file a supervisor was sent and finds the signed report in it, by content (not by
// extension): a PDF with the embedded go-live-report.json, a report bundle (.zip), or a report's
// JSON. Anything wrong with the file itself comes back as plain-English problems, never thrown.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BUNDLE_LIMITS,
  decodeBundle,
  extractReportFromPdf,
  parseReportJson,
  type BundleProblem,
} from '../../core/reports';
import { decodeUtf8Strict } from '../../core/reports/utf8';
import { nodeSha256 } from '../../hub/node-sha256';

export type InputKind = 'pdf' | 'bundle' | 'json';

export type ReportInput =
  | {
      ok: true;
      kind: InputKind;
      /** The signed report as read: not verified yet. */
      report: unknown;
      /** Problems with the file around the report (changed evidence, re-formatted JSON). */
      problems: string[];
    }
  | { ok: false; kind?: InputKind; problems: string[] };

/**
 * Larger files are refused before reading: a bundle is capped at 500 MB unpacked, and a PDF is
 * scanned for its embedded report in time linear in its size (core's pdf-embedded-files.ts), so
 * this limit also bounds the time a PDF takes (well under a second per 100 MB).
 */
export const MAX_INPUT_BYTES = 600 * 1024 * 1024;

const PDF_MAGIC = '%PDF-';

function startsWith(bytes: Uint8Array, text: string, within = 0): boolean {
  const limit = Math.min(bytes.length - text.length, within);
  for (let start = 0; start <= limit; start++) {
    let match = true;
    for (let i = 0; i < text.length && match; i++) match = bytes[start + i] === text.charCodeAt(i);
    if (match) return true;
  }
  return false;
}

function kindOf(bytes: Uint8Array): InputKind | undefined {
  // PDF readers accept the header anywhere in the first 1024 bytes.
  if (startsWith(bytes, PDF_MAGIC, 1024)) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004') || startsWith(bytes, 'PK\u0005\u0006')) return 'bundle';
  const first = bytes.find((byte) => ![0x20, 0x09, 0x0a, 0x0d].includes(byte));
  if (first === 0x7b) return 'json';
  return undefined;
}

function notRecognised(name: string): string {
  const extension = path.extname(name).toLowerCase();
  if (extension === '.pdf') return `${name} is not a PDF file (it does not start with %PDF-).`;
  if (extension === '.zip')
    return `${name} is not a zip file: it is damaged or not a report bundle.`;
  return `${name} is not a signed report: expected a PDF export, a report bundle (.zip) or a report (.json).`;
}

function fromJsonText(text: string, what: string): ReportInput {
  const parsed = parseReportJson(text, what);
  if (parsed.ok) return { ok: true, kind: 'json', report: parsed.value, problems: [] };
  if (parsed.code === 'not-canonical') {
    return { ok: true, kind: 'json', report: parsed.value, problems: [parsed.message] };
  }
  return { ok: false, kind: 'json', problems: [parsed.message] };
}

function bundleMessages(problems: readonly BundleProblem[]): string[] {
  return problems.map((problem) => problem.message);
}

export async function readReportFile(file: string, cwd: string): Promise<ReportInput> {
  const absolute = path.resolve(cwd, file);
  const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
  if (info instanceof Error) {
    const why =
      info.code === 'ENOENT'
        ? 'no such file'
        : info.code === 'EACCES'
          ? 'permission denied'
          : info.message;
    return { ok: false, problems: [`Cannot read ${file}: ${why}.`] };
  }
  if (!info.isFile()) return { ok: false, problems: [`${file} is not a file.`] };
  if (info.size > MAX_INPUT_BYTES) {
    return {
      ok: false,
      problems: [`${file} is ${Math.round(info.size / 1024 / 1024)} MB: too large to be a report.`],
    };
  }
  const buffer = await readFile(absolute);
  // A view of the buffer, not a copy: the file may be hundreds of megabytes.
  const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const kind = kindOf(bytes);
  if (kind === undefined) return { ok: false, problems: [notRecognised(file)] };

  if (kind === 'pdf') {
    const extracted = await extractReportFromPdf(bytes);
    if (!extracted.ok) return { ok: false, kind, problems: [extracted.problem.message] };
    const read = fromJsonText(extracted.json, `The report embedded in ${file}`);
    return { ...read, kind };
  }
  if (kind === 'bundle') {
    const decoded = decodeBundle(bytes, BUNDLE_LIMITS, nodeSha256);
    if (decoded.ok) return { ok: true, kind, report: decoded.signed, problems: [] };
    if (decoded.signed === undefined) {
      return { ok: false, kind, problems: bundleMessages(decoded.problems) };
    }
    return { ok: true, kind, report: decoded.signed, problems: bundleMessages(decoded.problems) };
  }
  const text = decodeUtf8Strict(bytes);
  if (text === undefined) return { ok: false, kind, problems: [`${file} is not UTF-8 text.`] };
  return fromJsonText(text, file);
}
