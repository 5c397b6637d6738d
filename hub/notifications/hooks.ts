// The calls the hub's rules make (ingest-report.ts, progress.ts, append-signature.ts): each builds,
// before the store's transaction, what that transaction must also do for notifications, and hands
// it to the store method that makes the change (insertReport, insertProgress, appendSignature run
// it inside their transaction after the change, only when it changed something). Whatever the
// planners need from outside the transaction (published definitions) is read here, first.
import type { Signature } from '../../core/reports/index';
import type { ProgressSnapshot } from '../../core/sync/wire-protocol';
import type { HubStore, ReportMeta, SignatureRecord } from '../store/hub-store';
import type { SendBackFacts } from './causes';
import { noticeReportStored, noticeSentBack, noticeSnapshot } from './causes';
import { catalogFor } from './definitions';
import type { InTransaction } from './notification-store';

export type { InTransaction } from './notification-store';

export async function snapshotNotices(
  store: HubStore,
  snapshot: ProgressSnapshot,
  receivedAt: string,
): Promise<InTransaction> {
  const catalog = await catalogFor(store, [snapshot]);
  return (writer) => noticeSnapshot(writer, { snapshot, receivedAt, catalog });
}

function sendBackOf(signature: Signature | undefined, at: string): SendBackFacts | undefined {
  if (signature?.statement.purpose !== 'send-back') return undefined;
  return { by: signature.statement.signer.name, comment: signature.statement.comment ?? '', at };
}

export function reportNotices(
  meta: ReportMeta,
  signatures: readonly SignatureRecord[],
): InTransaction {
  const last = signatures.at(-1);
  const signature = last ? (JSON.parse(last.signatureJson) as Signature) : undefined;
  return (writer) => noticeReportStored(writer, meta, sendBackOf(signature, meta.receivedAt));
}

/** A send-back appended to a stored revision (nothing for a countersign). */
export function signatureNotices(
  meta: ReportMeta,
  signature: Signature,
  index: number,
  receivedAt: string,
): InTransaction | undefined {
  const sendBack = sendBackOf(signature, receivedAt);
  if (sendBack === undefined) return undefined;
  const after: ReportMeta = { ...meta, reviewState: 'sent-back', signatureCount: index + 1 };
  return (writer) => noticeSentBack(writer, after, sendBack, index);
}
