// What one attempt to deliver an outbox entry came to, and how the hub's answer (or its silence)
// decides it. What each answer means for an entry:
//  2xx with a matching receipt -> sent (the pushers read the receipt: push-entry.ts).
//  409 -> failed (conflict, the hub's message), no retry.
//  408, 429, 5xx, no answer (network, timeout), an unreadable receipt -> retried later with
//    full-jitter backoff, the hub's Retry-After as a floor; 429 also ends this cycle's pushes.
//  401 (token unknown or revoked), 426 (protocol) -> the cycle stops; entries stay as they are
//    (they are fine: the device is not), no attempt counted.
//  other 4xx -> failed for good with the hub's message (bad bundle, not your office, too large).
// (A signature's 404 is its own case: push-signature.ts.)
import { parseRetryAfter } from './backoff';
import { ENGINE_ERRORS } from './sync-types';
import type { HubResponse } from './transport';
import type { TransportError } from './transport';
import { hubMessage } from './transport';

export type Attempt =
  | { kind: 'sent'; receipt: string; replay: boolean }
  | { kind: 'failed'; message: string }
  | { kind: 'retry'; message: string; retryAfterMs?: number; isUnanswered: boolean }
  | { kind: 'halt'; outcome: 'unauthorized' | 'incompatible'; message: string }
  | { kind: 'rate-limited'; message: string; retryAfterMs?: number };

/** Every attempt but a delivery. */
export type Undelivered = Exclude<Attempt, { kind: 'sent' }>;

/** An answer that is no receipt for what was sent: try again (a replay will answer properly). */
export const BAD_RECEIPT: Undelivered = {
  kind: 'retry',
  message: ENGINE_ERRORS.badReceipt,
  isUnanswered: false,
};

/** Delivered: the hub's receipt, kept on the entry as the proof. */
export function sent(receipt: { replay: boolean }): Attempt {
  return { kind: 'sent', receipt: JSON.stringify(receipt), replay: receipt.replay };
}

export function statusMessage(response: HubResponse): string {
  return hubMessage(response) ?? ENGINE_ERRORS.http(response.status);
}

export function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** How a non-2xx answer (or none) decides an entry's fate. */
export function classifyFailure(response: HubResponse, now: Date): Undelivered {
  const message = statusMessage(response);
  const retryAfterMs = parseRetryAfter(response.header('retry-after'), now);
  if (response.status === 401) return { kind: 'halt', outcome: 'unauthorized', message };
  if (response.status === 426) return { kind: 'halt', outcome: 'incompatible', message };
  if (response.status === 429) return { kind: 'rate-limited', message, retryAfterMs };
  if (isTransient(response.status))
    return { kind: 'retry', message, retryAfterMs, isUnanswered: false };
  if (response.status >= 400) return { kind: 'failed', message };
  // 1xx/3xx or an unexpected 2xx: not a receipt; try again (a replay will answer properly).
  return { kind: 'retry', message, isUnanswered: false };
}

/** No answer at all: retried, and counted towards "the hub went away". */
export function unanswered(error: TransportError): Undelivered {
  return {
    kind: 'retry',
    message: error.kind === 'timeout' ? ENGINE_ERRORS.timeout : ENGINE_ERRORS.network,
    isUnanswered: true,
  };
}

/** The hub stored what was sent: its answer carries a receipt to check. */
export function isStored(response: HubResponse): boolean {
  return response.status === 200 || response.status === 201;
}
