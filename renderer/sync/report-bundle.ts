// The report bundle of a signed report on this device: the signed report and its evidence bytes
// from the attachment store, packed by core's encodeBundle. Shared by "Export bundle" (every
// signature the report holds now) and the sync push (the report as signed off, see below).
import { encodeBundle } from '../../core/reports';
import type { BundleAttachment, SignedReport } from '../../core/reports';
import type { GoLiveDatabase, SignedReportRow } from '../storage/database';

export interface BundleOptions {
  /**
   * 'all': the report as held now (an export). 'sign-off': only the sign-off signature, exactly as
   * the report was signed here, so every push of a revision is the same bytes and a retry is a
   * replay to the hub even if a countersigned copy was imported meanwhile (countersignatures reach
   * the hub from the supervisor, not from this push).
   */
  signatures?: 'all' | 'sign-off';
}

function attachmentRefs(signed: SignedReport) {
  return signed.body.sections.flatMap((section) =>
    section.items.flatMap((item) => item.attachments),
  );
}

export async function buildReportBundle(
  db: GoLiveDatabase,
  row: SignedReportRow,
  options: BundleOptions = {},
): Promise<Uint8Array> {
  const signed: SignedReport =
    options.signatures === 'sign-off'
      ? { ...row.signed, signatures: row.signed.signatures.slice(0, 1) }
      : row.signed;
  const refs = attachmentRefs(signed);
  const hashes = [...new Set(refs.map((ref) => ref.sha256))];
  const rows = await db.attachments.where('sha256').anyOf(hashes).toArray();
  const bySha = new Map(rows.map((attachment) => [attachment.sha256, attachment]));
  const attachments: BundleAttachment[] = [];
  for (const ref of refs) {
    const attachment = bySha.get(ref.sha256);
    if (attachment)
      attachments.push({ ref, bytes: new Uint8Array(await attachment.blob.arrayBuffer()) });
  }
  return encodeBundle(signed, attachments);
}
