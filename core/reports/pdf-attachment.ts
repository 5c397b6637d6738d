// The signed report inside the exported PDF: its canonical JSON as the embedded file
// 'go-live-report.json', so the PDF stands on its own and can be verified offline. Only that
// embedded report is signed; the printed pages are a rendering of it and are not covered by any
// signature, so verifiers must read the embedded report (the CLI and the app do).
// pdf-lib writes the attachment; reading walks the catalog's /Names /EmbeddedFiles name tree by
// hand (pdf-lib has no reader for it), with limits on depth, entries and inflated size.
import { Unzlib } from 'fflate';
import {
  AFRelationship,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { SignedReport } from './report-format';
import { MAX_REPORT_JSON_BYTES, canonicalReportBytes } from './report-hash';
import { decodeUtf8Strict } from './utf8';

export const REPORT_ATTACHMENT_NAME = 'go-live-report.json';
export const REPORT_ATTACHMENT_MIME_TYPE = 'application/json';

const MAX_NAME_TREE_DEPTH = 32;
const MAX_NAME_TREE_ENTRIES = 10_000;
const INFLATE_CHUNK = 4096;

export type PdfProblemCode =
  | 'not-a-pdf'
  | 'encrypted-pdf'
  | 'no-embedded-report'
  | 'several-embedded-reports'
  | 'unreadable-embedded-report';

export interface PdfProblem {
  code: PdfProblemCode;
  message: string;
}

export type ExtractedReport = { ok: true; json: string } | { ok: false; problem: PdfProblem };

/** Embeds the signed report into a PDF (the renderer's layout) and returns the new PDF's bytes. */
export async function attachReportToPdf(
  pdfBytes: Uint8Array,
  signed: SignedReport,
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const existing = findEmbeddedReports(doc);
  if (existing.found.length > 0) {
    throw new Error(`The PDF already holds ${REPORT_ATTACHMENT_NAME}: render a fresh PDF instead.`);
  }
  const { body } = signed;
  const signedAt = new Date(body.signedAt);
  await doc.attach(canonicalReportBytes(signed), REPORT_ATTACHMENT_NAME, {
    mimeType: REPORT_ATTACHMENT_MIME_TYPE,
    description: `Signed go-live report for ${body.run.name}, revision ${body.revision}. Only this file is signed: verify it with the Go-live Checklists app or "npm run report:verify".`,
    creationDate: signedAt,
    modificationDate: signedAt,
    afRelationship: AFRelationship.Data,
  });
  return doc.save();
}

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString
    ? value.decodeText()
    : undefined;
}

interface Found {
  found: PDFDict[];
  truncated: boolean;
}

/** File specifications named go-live-report.json in the document's EmbeddedFiles name tree. */
function findEmbeddedReports(doc: PDFDocument): Found {
  const result: Found = { found: [], truncated: false };
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const root = names instanceof PDFDict ? names.lookup(PDFName.of('EmbeddedFiles')) : undefined;
  if (!(root instanceof PDFDict)) return result;
  const visited = new Set<PDFDict>();
  let entries = 0;
  const walk = (node: PDFDict, depth: number): void => {
    if (depth > MAX_NAME_TREE_DEPTH || visited.has(node)) {
      result.truncated = true;
      return;
    }
    visited.add(node);
    const pairs = node.lookup(PDFName.of('Names'));
    if (pairs instanceof PDFArray) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) {
        if (++entries > MAX_NAME_TREE_ENTRIES) {
          result.truncated = true;
          return;
        }
        const spec = pairs.lookup(i + 1);
        if (!(spec instanceof PDFDict)) continue;
        const key = text(pairs.lookup(i));
        const names = [
          key,
          text(spec.lookup(PDFName.of('UF'))),
          text(spec.lookup(PDFName.of('F'))),
        ];
        if (names.includes(REPORT_ATTACHMENT_NAME)) result.found.push(spec);
      }
    }
    const kids = node.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) {
      for (let i = 0; i < kids.size(); i++) {
        const kid = kids.lookup(i);
        if (kid instanceof PDFDict) walk(kid, depth + 1);
      }
    }
  };
  walk(root, 0);
  return result;
}

class TooLarge extends Error {}

function inflateCapped(data: Uint8Array, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Unzlib((chunk) => {
    size += chunk.length;
    if (size > cap) throw new TooLarge();
    chunks.push(chunk);
  });
  // Small input chunks bound how much one step can inflate before the cap is checked.
  for (let offset = 0; offset < data.length; offset += INFLATE_CHUNK) {
    inflater.push(data.subarray(offset, offset + INFLATE_CHUNK), false);
  }
  inflater.push(new Uint8Array(0), true);
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The decoded bytes of an embedded file stream: unfiltered or FlateDecode only. */
function streamBytes(doc: PDFDocument, spec: PDFDict): Uint8Array | PdfProblem {
  const unreadable = (why: string): PdfProblem => ({
    code: 'unreadable-embedded-report',
    message: `The PDF's ${REPORT_ATTACHMENT_NAME} cannot be read: ${why}.`,
  });
  const files = spec.lookup(PDFName.of('EF'));
  const entry =
    files instanceof PDFDict
      ? (files.get(PDFName.of('F')) ?? files.get(PDFName.of('UF')))
      : undefined;
  const stream = entry instanceof PDFRef ? doc.context.lookup(entry) : entry;
  if (!(stream instanceof PDFRawStream)) return unreadable('it has no file stream');
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const filters =
    filter === undefined
      ? []
      : filter instanceof PDFArray
        ? Array.from({ length: filter.size() }, (_, i) => filter.lookup(i))
        : [filter];
  if (filters.length === 0) {
    if (stream.contents.length > MAX_REPORT_JSON_BYTES) return unreadable('it is too large');
    return stream.contents;
  }
  const flate = PDFName.of('FlateDecode');
  if (filters.length !== 1 || filters[0] !== flate || stream.dict.has(PDFName.of('DecodeParms'))) {
    return unreadable('it is encoded in a way this verifier does not read (only FlateDecode)');
  }
  try {
    return inflateCapped(stream.contents, MAX_REPORT_JSON_BYTES);
  } catch (error) {
    return unreadable(
      error instanceof TooLarge ? 'it is too large' : 'its compressed data is damaged',
    );
  }
}

/** Reads the embedded report's JSON text out of a PDF (not verified: see verifyReport). */
export async function extractReportFromPdf(pdfBytes: Uint8Array): Promise<ExtractedReport> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdfBytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
  } catch {
    return {
      ok: false,
      problem: { code: 'not-a-pdf', message: 'The file is not a readable PDF.' },
    };
  }
  if (doc.isEncrypted) {
    return {
      ok: false,
      problem: {
        code: 'encrypted-pdf',
        message:
          'The PDF is encrypted: the app never exports encrypted PDFs, so it was re-saved by another program.',
      },
    };
  }
  const { found } = findEmbeddedReports(doc);
  if (found.length === 0) {
    return {
      ok: false,
      problem: {
        code: 'no-embedded-report',
        message: `The PDF holds no ${REPORT_ATTACHMENT_NAME}: it is not a signed report export, or the report was removed.`,
      },
    };
  }
  if (found.length > 1) {
    return {
      ok: false,
      problem: {
        code: 'several-embedded-reports',
        message: `The PDF holds ${found.length} files named ${REPORT_ATTACHMENT_NAME}: readers could disagree about which one counts.`,
      },
    };
  }
  const bytes = streamBytes(doc, found[0] as PDFDict);
  if (!(bytes instanceof Uint8Array)) return { ok: false, problem: bytes };
  const json = decodeUtf8Strict(bytes);
  if (json === undefined) {
    return {
      ok: false,
      problem: {
        code: 'unreadable-embedded-report',
        message: `The PDF's ${REPORT_ATTACHMENT_NAME} is not UTF-8 text.`,
      },
    };
  }
  return { ok: true, json };
}
