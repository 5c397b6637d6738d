// Exports a signed report as the PDF that stands alone (the signed JSON embedded) or as the
// single-file bundle (report + evidence) a supervisor imports; both through the bridge's save.
import type { SignedReport } from '../../../core/reports/report-format';
import type { SignedReportRow } from '../../storage/database';
import { services } from '../../app/services';
import { bridge } from '../../bridge/bridge';
import { renderReportPdf } from '../../pdf/report-pdf';
import { buildReportBundle } from '../../sync/report-bundle';
import { pdfLabels } from './pdf-labels';
import { appLocale, currentDateStyle } from '../../i18n/date-format';

function attachmentRefs(signed: SignedReport) {
  return signed.body.sections.flatMap((section) =>
    section.items.flatMap((item) => item.attachments),
  );
}

async function attachmentRows(signed: SignedReport) {
  const hashes = [...new Set(attachmentRefs(signed).map((ref) => ref.sha256))];
  const rows = await services.db.attachments.where('sha256').anyOf(hashes).toArray();
  return new Map(rows.map((row) => [row.sha256, row]));
}

export function reportFileName(row: SignedReportRow, extension: string): string {
  const name = row.signed.body.run.name.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-|-$/g, '');
  return `${name}-sign-off-r${row.revision}.${extension}`;
}

export async function exportReportPdf(row: SignedReportRow, language: string) {
  const rows = await attachmentRows(row.signed);
  const thumbnails = new Map<string, { bytes: Uint8Array; mimeType: 'image/jpeg' | 'image/png' }>();
  for (const [sha256, attachment] of rows) {
    if (!attachment.thumbnail) continue;
    const mimeType = attachment.thumbnail.type === 'image/png' ? 'image/png' : 'image/jpeg';
    thumbnails.set(sha256, {
      bytes: new Uint8Array(await attachment.thumbnail.arrayBuffer()),
      mimeType,
    });
  }
  const { definition } = row.signed.body;
  const template = await services.definitions.get(definition.id, definition.version);
  const pdf = await renderReportPdf(row.signed, {
    thumbnails,
    labels: pdfLabels(language),
    language,
    generatedAt: new Date().toISOString(),
    reportHash: row.reportHash,
    dates: { style: currentDateStyle(), locale: appLocale(language) },
    parameters: template?.definition.parameters ?? [],
  });
  return bridge.saveFile({
    suggestedName: reportFileName(row, 'pdf'),
    mimeType: 'application/pdf',
    data: pdf,
  });
}

export async function exportReportBundle(row: SignedReportRow) {
  const bundle = await buildReportBundle(services.db, row);
  return bridge.saveFile({
    suggestedName: reportFileName(row, 'golive.zip'),
    mimeType: 'application/zip',
    data: bundle,
  });
}
