// The outbox as the sync engine sees it: what waits for the hub, stored durably by the adapter
// (renderer/sync/dexie-outbox.ts over IndexedDB; an in-memory one in tests). The renderer's
// OutboxRow (renderer/storage/database.ts) is this shape with `seq` assigned by IndexedDB.
//
// States: 'pending' waits (first try, or a retry after a transient failure: nextAttemptAt says
// when); 'sent' is final and holds the hub's receipt; 'failed' needs a person (the hub refused it
// for good: lastError holds the hub's message) unless nextAttemptAt is set again (retry by hand).
//
// Kinds: 'report' (an administrator's signed report revision, its bundle built when pushed),
// 'progress' (a snapshot of a run in progress) and 'signature' (a supervisor's countersign or
// send-back, added to a report revision the hub holds). When adding a kind, also update the
// engine's push (push-entry.ts, and push-order.ts if it must follow other entries), the Sync
// screen (renderer/features/sync/) and, if it must survive a restore, the backup format
// (renderer/storage/backup-format.ts).

export type OutboxKind = 'report' | 'progress' | 'signature';
export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxEntry {
  seq: number;
  kind: OutboxKind;
  /**
   * `${reportId}@${revision}` for reports (reportOutboxKey), the run id for progress,
   * `${reportId}@${revision}#${index}` for signatures (signatureOutboxKey; index = the signature's
   * position in the report's signatures, 1 for the first after the sign-off).
   */
  key: string;
  state: OutboxState;
  createdAt: string;
  /** Attempts that did not deliver (a transient failure or a refusal). */
  attempts: number;
  lastAttemptAt?: string;
  lastError?: string;
  nextAttemptAt?: string;
  sentAt?: string;
  /** The hub's receipt (JSON), proof of delivery. */
  receipt?: string;
  /**
   * Progress: the ProgressSnapshot as JSON, frozen when it was queued. Signature: the Signature as
   * canonical JSON (the hub compares it byte for byte to recognise a replay).
   */
  payload?: string;
}

export interface SentUpdate {
  sentAt: string;
  receipt: string;
  lastAttemptAt: string;
}

export interface RetryUpdate {
  attempts: number;
  lastAttemptAt: string;
  lastError: string;
  nextAttemptAt: string;
}

export interface FailedUpdate {
  attempts: number;
  lastAttemptAt: string;
  lastError: string;
}

export interface OutboxStore {
  /**
   * Every entry not sent yet (pending or failed), oldest first (by seq). The engine picks the due
   * ones itself (isDue) and needs the others too: a revision waits while an earlier revision of
   * the same report is unsent, even one whose retry is not due yet.
   */
  unsent(): Promise<OutboxEntry[]>;
  /** Final. A no-op when the entry is gone (a coalesced progress snapshot) or already sent. */
  markSent(seq: number, update: SentUpdate): Promise<void>;
  /** Still pending, to be tried again at nextAttemptAt. No-op unless the entry waits. */
  markRetry(seq: number, update: RetryUpdate): Promise<void>;
  /** Refused for good: waits for a person. No-op unless the entry waits. */
  markFailed(seq: number, update: FailedUpdate): Promise<void>;
}

/** Whether an entry should be pushed at `now`. */
export function isDue(entry: Pick<OutboxEntry, 'state' | 'nextAttemptAt'>, now: Date): boolean {
  if (entry.state === 'sent') return false;
  if (entry.nextAttemptAt === undefined) return entry.state === 'pending';
  return Date.parse(entry.nextAttemptAt) <= now.getTime();
}

export function reportOutboxKey(reportId: string, revision: number): string {
  return `${reportId}@${revision}`;
}

export function parseReportOutboxKey(
  key: string,
): { reportId: string; revision: number } | undefined {
  const at = key.lastIndexOf('@');
  if (at <= 0) return undefined;
  const revision = Number(key.slice(at + 1));
  if (!Number.isSafeInteger(revision) || revision < 1) return undefined;
  return { reportId: key.slice(0, at), revision };
}

export function signatureOutboxKey(reportId: string, revision: number, index: number): string {
  return `${reportOutboxKey(reportId, revision)}#${index}`;
}

export function parseSignatureOutboxKey(
  key: string,
): { reportId: string; revision: number; index: number } | undefined {
  const hash = key.lastIndexOf('#');
  if (hash <= 0) return undefined;
  const index = Number(key.slice(hash + 1));
  if (!Number.isSafeInteger(index) || index < 1) return undefined;
  const id = parseReportOutboxKey(key.slice(0, hash));
  return id && { ...id, index };
}
