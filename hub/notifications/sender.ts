// Delivers the outbox: claims due rows (a lease: state 'sending', this instance, until a time),
// sends each through its channel, and marks it sent only after the channel confirmed (SMTP
// accepted, webhook 2xx); otherwise schedules the next attempt with exponential backoff and full
// jitter (core/sync/backoff.ts, the same policy the app uses towards the hub), or marks it
// 'failed' after maxAttempts or a permanent refusal. The admin sees failed rows
// (`npm run hub -- notifications`) and can put them back.
//
// At least once, not exactly once: a row is marked sent in a second step, after the server
// accepted it. If the process dies between the two, the claim runs out and another attempt sends
// it again. Exactly once would need the receiver to take part (an SMTP server cannot be asked "did
// you already get this one?"), so duplicates are made recognisable instead: the same Message-ID
// (e-mail) and Idempotency-Key (webhooks) on every attempt. A mark from a sender whose claim ran
// out and was taken over is ignored (the mark checks the owner), so two senders never both count
// a row, and with several instances on PostgreSQL the claim itself never hands one row to two.
import { randomUUID } from 'node:crypto';
import type { BackoffPolicy } from '../../core/sync/backoff';
import { retryDelay } from '../../core/sync/backoff';
import type { DeliveryChannel, DeliveryResult } from './channels/delivery';
import type { NotificationStore } from './notification-store';
import type { OutboxRecord } from './outbox';

export interface SenderOptions {
  store: NotificationStore;
  /** The e-mail channel; without one, e-mail rows wait (pending) until it is configured. */
  email?: DeliveryChannel;
  webhook: DeliveryChannel;
  clock?: () => Date;
  random?: () => number;
  /** Names this instance on its claims; random by default. */
  instanceId?: string;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** How long a claim holds: longer than any channel's timeout. */
  leaseMs?: number;
  batchSize?: number;
  /** Told of every outcome (logs, metrics). */
  onOutcome?: (row: OutboxRecord, outcome: SendOutcome) => void;
}

export type SendOutcome = 'sent' | 'retry' | 'failed' | 'lost-claim';

export interface SendRound {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

export const DEFAULT_NOTIFICATION_BACKOFF: BackoffPolicy = {
  baseMs: 30_000,
  capMs: 60 * 60_000,
  maxRetryAfterMs: 6 * 60 * 60_000,
};

export class NotificationSender {
  readonly instanceId: string;
  private readonly clock: () => Date;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffPolicy;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private running: Promise<SendRound> | undefined;

  constructor(private readonly options: SenderOptions) {
    this.instanceId = options.instanceId ?? `sender-${randomUUID()}`;
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoff = options.backoff ?? DEFAULT_NOTIFICATION_BACKOFF;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.batchSize = options.batchSize ?? 20;
  }

  /** One round: claim what is due, deliver it, mark it. Rounds of one sender never overlap. */
  runOnce(): Promise<SendRound> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Rounds until nothing is due (tests; a backlog after an outage). */
  async drain(maxRounds = 100): Promise<SendRound> {
    const total: SendRound = { claimed: 0, sent: 0, retried: 0, failed: 0 };
    for (let round = 0; round < maxRounds; round += 1) {
      const result = await this.runOnce();
      total.claimed += result.claimed;
      total.sent += result.sent;
      total.retried += result.retried;
      total.failed += result.failed;
      if (result.claimed === 0) break;
    }
    return total;
  }

  private channelOf(row: OutboxRecord): DeliveryChannel | undefined {
    return row.format === 'email' ? this.options.email : this.options.webhook;
  }

  private async round(): Promise<SendRound> {
    const { store } = this.options;
    const now = this.clock();
    const rows = await store.claimDueNotifications(
      this.instanceId,
      now.toISOString(),
      new Date(now.getTime() + this.leaseMs).toISOString(),
      this.batchSize,
    );
    const result: SendRound = { claimed: rows.length, sent: 0, retried: 0, failed: 0 };
    for (const row of rows) {
      const channel = this.channelOf(row);
      const delivery: DeliveryResult = channel
        ? await channel.deliver(row)
        : { ok: false, permanent: false, error: 'no SMTP server is configured (HUB_SMTP_URL)' };
      const outcome = await this.mark(row, delivery);
      if (outcome === 'sent') result.sent += 1;
      if (outcome === 'retry') result.retried += 1;
      if (outcome === 'failed') result.failed += 1;
      this.options.onOutcome?.(row, outcome);
    }
    return result;
  }

  private async mark(row: OutboxRecord, delivery: DeliveryResult): Promise<SendOutcome> {
    const { store } = this.options;
    const at = this.clock();
    if (delivery.ok) {
      return (await store.markNotificationSent(row.id, this.instanceId, at.toISOString()))
        ? 'sent'
        : 'lost-claim';
    }
    const error = delivery.error.slice(0, 1_000);
    if (delivery.permanent || row.attempts >= this.maxAttempts) {
      const reason = delivery.permanent
        ? error
        : `${error} (gave up after ${row.attempts} attempts)`;
      return (await store.markNotificationFailed(row.id, this.instanceId, reason))
        ? 'failed'
        : 'lost-claim';
    }
    const delay = retryDelay(row.attempts - 1, this.backoff, this.random, delivery.retryAfterMs);
    const next = new Date(at.getTime() + delay).toISOString();
    return (await store.markNotificationRetry(row.id, this.instanceId, next, error))
      ? 'retry'
      : 'lost-claim';
  }
}
