// Reading a report file a person hands us: a bundle (.zip: report + evidence) or a PDF sign-off
// (the signed JSON is embedded). Verification always runs on what the file holds; only a report
// whose signatures hold is kept, with its evidence, for review.
import { decodeBundle, verifyReport, type VerificationResult } from '../../../core/reports';
import type { SignedReport, TrustList } from '../../../core/reports/report-format';
import type { OpenedFile } from '../../../electron/common/ipc-contract';
import type { AttachmentRow } from '../../storage/database';
import { services } from '../../app/services';

export interface ReadReport {
  verification: VerificationResult;
  signed?: SignedReport;
  attachments: Map<string, Uint8Array>;
  problems: string[];
}

function isPdf(file: OpenedFile): boolean {
  return (
    file.name.toLowerCase().endsWith('.pdf') ||
    new TextDecoder().decode(file.data.slice(0, 5)) === '%PDF-'
  );
}

export async function readReportFile(
  file: OpenedFile,
  trust: TrustList | null,
): Promise<ReadReport> {
  let input: unknown;
  let attachments = new Map<string, Uint8Array>();
  if (isPdf(file)) {
    // Loaded when a PDF comes: pdf-lib is not part of the first page's code.
    const { extractReportFromPdf } = await import('../../../core/reports/pdf-attachment');
    const extracted = await extractReportFromPdf(file.data);
    if (!extracted.ok)
      return {
        verification: { valid: false, problems: [], warnings: [], signatures: [] },
        attachments,
        problems: [extracted.problem.message],
      };
    try {
      input = JSON.parse(extracted.json);
    } catch {
      return {
        verification: { valid: false, problems: [], warnings: [], signatures: [] },
        attachments,
        problems: ['The report embedded in the PDF is not valid JSON.'],
      };
    }
  } else {
    const decoded = decodeBundle(file.data);
    if (!decoded.ok) {
      return {
        verification: { valid: false, problems: [], warnings: [], signatures: [] },
        attachments,
        problems: decoded.problems.map((problem) => problem.message),
      };
    }
    input = decoded.signed;
    attachments = decoded.attachments;
  }
  const knownRevisions = (await services.db.signedReports.toArray()).map(
    ({ reportId, revision, reportHash }) => ({ reportId, revision, reportHash }),
  );
  const verification = verifyReport(input, trust, {
    knownRevisions: knownRevisions.filter((known) => !isSameRevision(known, input)),
  });
  return {
    verification,
    signed: verification.reportHash ? (input as SignedReport) : undefined,
    attachments,
    problems: [],
  };
}

/** Importing a copy with more signatures of a revision we hold is not a replay. */
function isSameRevision(known: { reportId: string; revision: number }, input: unknown): boolean {
  const body = (input as { body?: { reportId?: unknown; revision?: unknown } } | null)?.body;
  return body?.reportId === known.reportId && body.revision === known.revision;
}

/** Keeps a verified report and its evidence; the evidence is filed under the report's id. */
export async function keepImportedReport(
  read: ReadReport,
  source: 'imported' | 'hub' = 'imported',
): Promise<void> {
  const { signed, verification } = read;
  if (!signed || !verification.reportHash)
    throw new Error('Only a report that could be read is kept.');
  if (verification.signatures.some((signature) => !signature.valid && signature.keyTrusted)) {
    throw new Error('A signature does not hold: the report was changed after it was signed.');
  }
  const now = new Date().toISOString();
  const rows: AttachmentRow[] = [];
  for (const section of signed.body.sections) {
    for (const item of section.items) {
      for (const ref of item.attachments) {
        const bytes = read.attachments.get(ref.sha256);
        if (!bytes) continue;
        rows.push({
          id: `${signed.body.reportId}:${ref.sha256}`,
          runId: `report:${signed.body.reportId}`,
          itemId: item.id,
          name: ref.name,
          mimeType: ref.mimeType,
          size: ref.size,
          sha256: ref.sha256,
          blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: ref.mimeType }),
          createdAt: now,
        });
      }
    }
  }
  await services.reports.storeImported(signed, verification.reportHash, source);
  // Evidence this device already holds (its own run's, pulled back countersigned) is not copied.
  const held = new Set(
    (
      await services.db.attachments
        .where('sha256')
        .anyOf(rows.map((row) => row.sha256))
        .toArray()
    ).map((row) => row.sha256),
  );
  const missing = rows.filter((row) => !held.has(row.sha256));
  if (missing.length > 0) await services.db.attachments.bulkPut(missing);
}
