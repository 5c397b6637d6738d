// Pushing one outbox entry, by its kind. When adding an outbox kind, add its pusher here.
// Rule 1 of exactly once (sync-engine.ts): a pusher answers 'sent' ONLY on the hub's receipt for
// that very entry (revision, signature index or snapshot time) and hash. A 200 replay receipt
// counts: a lost answer leads to a retry, and the retry's replay receipt is the proof the first
// attempt was stored (the hub is idempotent on (reportId, revision) + bytes, and on a signature's
// canonical JSON for signatures). Anything else that is no receipt is retried (BAD_RECEIPT).
import type { Attempt } from './attempts';
import type { CycleContext } from './cycle-context';
import type { OutboxEntry } from './outbox';
import { pushProgress } from './push-progress';
import { pushReport } from './push-report';
import { pushSignature } from './push-signature';
import type { ReportBundleSource } from './sync-stores';

export function pushEntry(
  ctx: CycleContext,
  reports: ReportBundleSource,
  entry: OutboxEntry,
): Promise<Attempt> {
  switch (entry.kind) {
    case 'report':
      return pushReport(ctx, reports, entry);
    case 'progress':
      return pushProgress(ctx, entry);
    case 'signature':
      return pushSignature(ctx, entry);
  }
}
