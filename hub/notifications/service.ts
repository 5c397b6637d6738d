// The notifications' background work in one hub process: every interval, write the reminders and
// the day's digests that are due (scheduled.ts), then deliver the outbox (sender.ts). Ticks never
// overlap; stop() waits for the one running. Several instances may run it on one database: the
// marks and the claims make each notification written once and sent once.
import type { DeliveryChannel } from './channels/delivery';
import { EmailChannel } from './channels/email';
import { WebhookChannel } from './channels/webhook';
import type { NotificationConfig } from './config';
import type { ScanSource } from './scheduled';
import { enqueueDigests, enqueueReminders } from './scheduled';
import type { SenderOptions, SendRound } from './sender';
import { NotificationSender } from './sender';

export interface ServiceOptions {
  store: ScanSource;
  config: NotificationConfig;
  clock?: () => Date;
  /** Told of a tick that failed (the database away): the next tick tries again. */
  onError?: (error: unknown) => void;
  /** Channels to use instead of the configured ones (tests). */
  email?: DeliveryChannel;
  webhook?: DeliveryChannel;
  /** Told of every delivery's outcome (the hub's metrics). */
  onOutcome?: SenderOptions['onOutcome'];
}

export class NotificationService {
  readonly sender: NotificationSender;
  private readonly clock: () => Date;
  private readonly email: DeliveryChannel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: ServiceOptions) {
    const { config } = options;
    this.clock = options.clock ?? (() => new Date());
    this.email = options.email ?? (config.smtp ? new EmailChannel(config.smtp) : undefined);
    this.sender = new NotificationSender({
      store: options.store.notifications,
      ...(this.email === undefined ? {} : { email: this.email }),
      webhook:
        options.webhook ??
        new WebhookChannel({ policy: { allowPrivate: config.allowPrivateTargets } }),
      clock: this.clock,
      maxAttempts: config.maxAttempts,
      ...(options.onOutcome === undefined ? {} : { onOutcome: options.onOutcome }),
    });
  }

  /** Writes what the scans find due, then delivers until nothing is due. */
  async tick(): Promise<SendRound> {
    const now = this.clock();
    const { store, config } = this.options;
    await enqueueReminders(store, now, config.reminderAfterMs);
    await enqueueDigests(store, now, { digestHourUtc: config.digestHourUtc });
    return this.sender.drain(10);
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.ticking !== undefined) return;
      this.ticking = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          this.ticking = undefined;
        });
    }, this.options.config.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    this.email?.close?.();
  }
}
