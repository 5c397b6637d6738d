// The push phase: every due outbox entry is tried once, in the outbox's order, unless an earlier
// entry it must follow is not delivered yet (push-order.ts); what each attempt came to is written
// on the entry and counted in the result. A 429 ends this cycle's pushes, and so do
// maxConsecutiveUnanswered attempts in a row without an answer (the hub went away); 401/426 end
// the whole cycle without touching the entry (it is fine: the device is not).
import type { Attempt } from './attempts';
import { retryDelay } from './backoff';
import type { CycleContext } from './cycle-context';
import { CycleHalt } from './cycle-context';
import type { OutboxEntry, OutboxStore } from './outbox';
import { isDue } from './outbox';
import { pushEntry } from './push-entry';
import { deliveryOrder } from './push-order';
import type { ReportBundleSource } from './sync-stores';

export async function pushOutbox(
  ctx: CycleContext,
  outbox: OutboxStore,
  reports: ReportBundleSource,
): Promise<void> {
  const unsent = await outbox.unsent();
  const due = unsent.filter((entry) => isDue(entry, ctx.clock()));
  const order = deliveryOrder(unsent);
  let unansweredInARow = 0;
  let done = 0;
  ctx.progress('push', 0, due.length);
  for (const entry of due) {
    if (order.isHeld(entry)) {
      ctx.result.pushed.held += 1;
    } else {
      const attempt = await pushEntry(ctx, reports, entry);
      await record(ctx, outbox, entry, attempt);
      if (attempt.kind === 'sent') order.delivered(entry);
      unansweredInARow =
        attempt.kind === 'retry' && attempt.isUnanswered ? unansweredInARow + 1 : 0;
      if (attempt.kind === 'retry' && unansweredInARow >= ctx.config.maxConsecutiveUnanswered) {
        throw new CycleHalt('offline', attempt.message);
      }
    }
    ctx.progress('push', ++done, due.length);
  }
}

/** Writes what an attempt came to on its entry and in the result; throws CycleHalt for 401/426/429. */
async function record(
  ctx: CycleContext,
  outbox: OutboxStore,
  entry: OutboxEntry,
  attempt: Attempt,
): Promise<void> {
  const { result } = ctx;
  const now = ctx.clock();
  const at = now.toISOString();
  switch (attempt.kind) {
    case 'sent':
      await outbox.markSent(entry.seq, { sentAt: at, receipt: attempt.receipt, lastAttemptAt: at });
      result.pushed.sent += 1;
      if (attempt.replay) result.pushed.replayed += 1;
      return;
    case 'failed':
      await outbox.markFailed(entry.seq, {
        attempts: entry.attempts + 1,
        lastAttemptAt: at,
        lastError: attempt.message,
      });
      result.pushed.failed += 1;
      return;
    case 'retry':
    case 'rate-limited': {
      const delay = retryDelay(
        entry.attempts,
        ctx.config.backoff,
        ctx.random,
        attempt.retryAfterMs,
      );
      await outbox.markRetry(entry.seq, {
        attempts: entry.attempts + 1,
        lastAttemptAt: at,
        lastError: attempt.message,
        nextAttemptAt: new Date(now.getTime() + delay).toISOString(),
      });
      result.pushed.retrying += 1;
      ctx.markPartial();
      if (attempt.kind === 'rate-limited') throw new CycleHalt('rate-limited', attempt.message);
      return;
    }
    case 'halt':
      throw new CycleHalt(attempt.outcome, attempt.message);
  }
}
