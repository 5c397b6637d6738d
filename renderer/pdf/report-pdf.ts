// The PDF adapter: renders a signed report as the sign-off PDF a supervisor decides from, and embeds
// the signed canonical JSON in it (core/reports/pdf-attachment.ts) so the PDF can be verified on its
// own. Runs in the renderer (desktop app and web mode) and in node (tests, benches). pdfmake and its
// fonts (~3 MB) are loaded on the first export only, through a dynamic import.
import { REPORT_ATTACHMENT_NAME, attachReportToPdf } from '../../core/reports/pdf-attachment';
import type { SignedReport } from '../../core/reports/report-format';
import { reportHash } from '../../core/reports/report-hash';
import { reportDocumentDefinition, type ReportPdfOptions } from './report-document';

export type { PdfLabels } from './pdf-labels';
export { DEFAULT_PDF_LABELS } from './pdf-labels';
export type { ReportPdfOptions, ReportThumbnail } from './report-document';

/**
 * Renders the sign-off PDF of a signed report, with the report attached as go-live-report.json.
 * Throws when `options.reportHash` is not the fingerprint of `signed.body`: the PDF must never
 * print a fingerprint other than the one of the report it carries.
 */
export async function renderReportPdf(
  signed: SignedReport,
  options: ReportPdfOptions,
): Promise<Uint8Array> {
  const actualHash = reportHash(signed.body);
  if (options.reportHash !== actualHash) {
    throw new Error(
      `The report fingerprint ${options.reportHash} is not the one of this report (${actualHash}).`,
    );
  }
  const definition = reportDocumentDefinition(signed, {
    ...options,
    embeddedFileName: REPORT_ATTACHMENT_NAME,
  });
  const { pdfMakeWithFonts } = await import('./pdf-fonts');
  const buffer = await pdfMakeWithFonts().createPdf(definition).getBuffer();
  // A node Buffer (or the browser build's Buffer polyfill): copy into a plain Uint8Array.
  const pdfBytes = new Uint8Array(buffer.byteLength);
  pdfBytes.set(buffer);
  return attachReportToPdf(pdfBytes, signed);
}
