// The signed report inside the exported PDF: its canonical JSON as the embedded file
// 'go-live-report.json', so the PDF stands on its own and can be verified offline. Only that
// embedded report is signed; the printed pages are a rendering of it and are not covered by any
// signature, so verifiers must read the embedded report (the CLI and the app do).
// pdf-lib writes the attachment. Reading never loads the document (a hostile or huge PDF would
// cost seconds per megabyte): pdf-embedded-files.ts finds the embedded file streams in the raw
// bytes, and the report is the one among them that is a go-live report. The filespec naming it
// may sit in a compressed object stream, so the report is recognised by its content, and two
// reports in one PDF are refused (readers could disagree about which one counts).
import { AFRelationship, PDFDocument } from 'pdf-lib';
import type { SignedReport } from './report-format';
import { REPORT_FORMAT } from './report-format';
import { MAX_REPORT_JSON_BYTES, canonicalReportBytes } from './report-hash';
import {
  findEmbeddedFileStreams,
  hasPdfHeader,
  mentionsEncryption,
  type EmbeddedFileStream,
} from './pdf-embedded-files';
import { decodeUtf8Strict } from './utf8';

export const REPORT_ATTACHMENT_NAME = 'go-live-report.json';
export const REPORT_ATTACHMENT_MIME_TYPE = 'application/json';

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
  if (embeddedReports(pdfBytes).reports.length > 0) {
    throw new Error(`The PDF already holds ${REPORT_ATTACHMENT_NAME}: render a fresh PDF instead.`);
  }
  const doc = await PDFDocument.load(pdfBytes, { updateMetadata: false });
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

/** JSON text that is a go-live report (by its body's format), whatever its other content. */
function isReportJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    const body = (value as { body?: { format?: unknown } } | null)?.body;
    return typeof body === 'object' && body !== null && body.format === REPORT_FORMAT;
  } catch {
    return false;
  }
}

interface EmbeddedReports {
  reports: string[];
  /** Embedded files that could not be read (the report could be among them). */
  unreadable: string[];
}

function embeddedReports(pdfBytes: Uint8Array): EmbeddedReports {
  const result: EmbeddedReports = { reports: [], unreadable: [] };
  const streams: EmbeddedFileStream[] = findEmbeddedFileStreams(pdfBytes, MAX_REPORT_JSON_BYTES);
  for (const stream of streams) {
    if (stream.bytes === undefined) {
      result.unreadable.push(stream.unreadable ?? 'it cannot be decoded');
      continue;
    }
    const json = decodeUtf8Strict(stream.bytes);
    if (json !== undefined && isReportJson(json)) result.reports.push(json);
  }
  return result;
}

const problem = (code: PdfProblemCode, message: string): ExtractedReport => ({
  ok: false,
  problem: { code, message },
});

/**
 * Reads the embedded report's JSON text out of a PDF (not verified: see verifyReport), in time
 * linear in the file's size. A promise for its callers' sake: nothing here waits.
 */
export function extractReportFromPdf(pdfBytes: Uint8Array): Promise<ExtractedReport> {
  return Promise.resolve(readEmbeddedReport(pdfBytes));
}

function readEmbeddedReport(pdfBytes: Uint8Array): ExtractedReport {
  if (!hasPdfHeader(pdfBytes)) {
    return problem('not-a-pdf', 'The file is not a PDF: it does not start with %PDF-.');
  }
  const { reports, unreadable } = embeddedReports(pdfBytes);
  if (reports.length === 1) return { ok: true, json: reports[0] as string };
  if (reports.length > 1) {
    return problem(
      'several-embedded-reports',
      `The PDF holds ${reports.length} signed reports (${REPORT_ATTACHMENT_NAME}): readers could disagree about which one counts, so none is read.`,
    );
  }
  if (mentionsEncryption(pdfBytes)) {
    return problem(
      'encrypted-pdf',
      'The PDF is encrypted: the app never exports encrypted PDFs, so it was re-saved by another program.',
    );
  }
  if (unreadable.length > 0) {
    return problem(
      'unreadable-embedded-report',
      `The PDF's embedded files cannot be read, so no ${REPORT_ATTACHMENT_NAME} was found in it: ${unreadable[0] as string}.`,
    );
  }
  return problem(
    'no-embedded-report',
    `The PDF holds no ${REPORT_ATTACHMENT_NAME}: it is not a signed report export, or the report was removed.`,
  );
}
