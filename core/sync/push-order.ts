// Rule 3 of exactly once (sync-engine.ts): what is not delivered yet holds what must follow it on
// the hub. Revisions of one report go in order: revision n+1 waits while revision n is not
// delivered (even while n only waits for its retry time), because the hub refuses an older
// revision once a newer one is stored (409): n's lost answer could then never be confirmed. The
// fault-proxy test found this one. Likewise a signature waits for its revision (when this device
// pushes it) and for the signatures before it on the same revision: each signature covers the
// ones before it (previousSignatures), so the hub can only append them in order.
import type { OutboxEntry } from './outbox';
import { parseReportOutboxKey, parseSignatureOutboxKey } from './outbox';

export interface DeliveryOrder {
  /** An earlier entry this one must follow on the hub is not delivered yet: do not try it now. */
  isHeld(entry: OutboxEntry): boolean;
  /** The hub confirmed this entry: what follows it is free to go. */
  delivered(entry: OutboxEntry): void;
}

const revisionKey = (id: { reportId: string; revision: number }) => `${id.reportId}@${id.revision}`;

function reportIdOf(entry: OutboxEntry) {
  return entry.kind === 'report' ? parseReportOutboxKey(entry.key) : undefined;
}

function signatureIdOf(entry: OutboxEntry) {
  return entry.kind === 'signature' ? parseSignatureOutboxKey(entry.key) : undefined;
}

/** The order among `unsent` (every entry not delivered, due or not). */
export function deliveryOrder(unsent: readonly OutboxEntry[]): DeliveryOrder {
  /** Report revisions not delivered, by reportId. */
  const revisionsUndelivered = new Map<string, Set<number>>();
  /** Signature indexes not delivered, by `${reportId}@${revision}`. */
  const signaturesUndelivered = new Map<string, Set<number>>();
  const add = (map: Map<string, Set<number>>, key: string, value: number) =>
    map.set(key, (map.get(key) ?? new Set<number>()).add(value));
  for (const entry of unsent) {
    const report = reportIdOf(entry);
    if (report) add(revisionsUndelivered, report.reportId, report.revision);
    const signature = signatureIdOf(entry);
    if (signature) add(signaturesUndelivered, revisionKey(signature), signature.index);
  }
  const hasUndelivered = (set: Set<number> | undefined, before: (n: number) => boolean) =>
    [...(set ?? [])].some(before);

  return {
    isHeld(entry) {
      const report = reportIdOf(entry);
      if (report) {
        return hasUndelivered(
          revisionsUndelivered.get(report.reportId),
          (revision) => revision < report.revision,
        );
      }
      const signature = signatureIdOf(entry);
      if (!signature) return false;
      return (
        hasUndelivered(
          revisionsUndelivered.get(signature.reportId),
          (revision) => revision <= signature.revision,
        ) ||
        hasUndelivered(
          signaturesUndelivered.get(revisionKey(signature)),
          (index) => index < signature.index,
        )
      );
    },
    delivered(entry) {
      const report = reportIdOf(entry);
      if (report) revisionsUndelivered.get(report.reportId)?.delete(report.revision);
      const signature = signatureIdOf(entry);
      if (signature) signaturesUndelivered.get(revisionKey(signature))?.delete(signature.index);
    },
  };
}
