// The outbox's rows: one per delivery (a recipient on one channel: an e-mail address or one
// webhook), written in the transaction of the change that caused it, fully rendered there (the
// recipient's language, the address or URL of that moment), so a retry sends the same bytes. The
// id is derived from what caused it and where it goes (notificationId), so writing the same
// notification twice (a replayed request, a second hub instance) inserts nothing the second time.
import type { NotificationCause, WebhookFormat } from '../../core/sync/wire-protocol';
import { sha256Hex } from '../tokens';

export type DeliveryFormat = 'email' | WebhookFormat;

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export const OUTBOX_STATES: readonly OutboxState[] = ['pending', 'sending', 'sent', 'failed'];

export interface NewNotification {
  /** 32 hex characters, stable for (event key, user, format, target). */
  id: string;
  cause: NotificationCause;
  /** What happened, e.g. `blocker-raised:<runId>:<takenAt>`: the same for every recipient. */
  eventKey: string;
  userId: string;
  format: DeliveryFormat;
  /** The e-mail address or the webhook URL. */
  target: string;
  subject: string;
  /** Email: JSON of { text, html }. Webhooks: the exact JSON body to POST. */
  payload: string;
  createdAt: string;
}

export interface OutboxRecord extends NewNotification {
  state: OutboxState;
  /** Attempts made so far (a claim counts as one). */
  attempts: number;
  /** When the row is due (pending) or its claim runs out (sending). */
  nextAttemptAt: string;
  /** The sender instance holding the claim. */
  claimedBy: string | null;
  lastError: string | null;
  sentAt: string | null;
}

export interface EmailPayload {
  text: string;
  html: string;
}

export function notificationId(
  eventKey: string,
  userId: string,
  format: DeliveryFormat,
  target: string,
): string {
  return sha256Hex(JSON.stringify([eventKey, userId, format, target])).slice(0, 32);
}

/** The Message-ID of a notification's e-mail: the same on every retry, so duplicates show. */
export function messageIdOf(id: string, domain: string): string {
  return `<golive-${id}@${domain}>`;
}
