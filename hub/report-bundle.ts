// The bundle the hub serves for a stored revision: the bytes as received while nobody signed since;
// after countersign or send-back signatures were posted, the same report and evidence re-encoded
// by core with every signature, so the reader verifies one self-contained file. The received bytes
// themselves are never rewritten.
import type { AttachmentRef } from '../core/runs/model';
import type { Signature, SignedReport } from '../core/reports/index';
import { BUNDLE_LIMITS, decodeBundle, encodeBundle } from '../core/reports/index';
import { nodeSha256 } from './node-sha256';
import type { HubStore, ReportMeta } from './store/hub-store';

/** The stored report as a SignedReport with every signature, and the evidence bytes. */
export async function storedReport(
  store: HubStore,
  meta: ReportMeta,
  bundle: Uint8Array,
): Promise<{ signed: SignedReport; attachments: Map<string, Uint8Array>; receivedCount: number }> {
  const decoded = decodeBundle(bundle, BUNDLE_LIMITS, nodeSha256);
  if (!decoded.ok) {
    throw new Error(`hub: the stored bundle of ${meta.reportId} r${meta.revision} does not decode`);
  }
  const received = decoded.signed as SignedReport;
  const signatures = (await store.signatures(meta.reportId, meta.revision)).map(
    (record) => JSON.parse(record.signatureJson) as Signature,
  );
  return {
    signed: { body: received.body, signatures },
    attachments: decoded.attachments,
    receivedCount: received.signatures.length,
  };
}

function refsOf(signed: SignedReport): AttachmentRef[] {
  return signed.body.sections.flatMap((section) =>
    section.items.flatMap((item) => item.attachments),
  );
}

export async function currentBundle(
  store: HubStore,
  meta: ReportMeta,
  bundle: Uint8Array,
): Promise<Uint8Array> {
  const { signed, attachments, receivedCount } = await storedReport(store, meta, bundle);
  if (receivedCount === signed.signatures.length) return bundle;
  const seen = new Set<string>();
  const files = refsOf(signed).flatMap((ref) => {
    const bytes = attachments.get(ref.sha256);
    if (!bytes || seen.has(ref.sha256)) return [];
    seen.add(ref.sha256);
    return [{ ref, bytes }];
  });
  return encodeBundle(signed, files);
}
