// What the notifications need from the hub's store, as two small interfaces:
// - NotificationWriter: used INSIDE the transaction of the change that causes a notification (a
//   report stored, a snapshot stored, a signature appended), and of the reminder and digest scans,
//   so the outbox rows commit or roll back with that change;
// - NotificationStore: preferences, the sender's claims and marks, the scans, the admin's view.
// The hub's store implements both (store/notification-*.ts); tests also run the planners and the
// sender against an in-memory implementation.
import type { NotificationPreferences } from '../../core/sync/wire-protocol';
import type { ReportMeta, UserRecord } from '../store/hub-store';
import type { NewNotification, OutboxRecord, OutboxState } from './outbox';

export interface Recipient {
  user: UserRecord;
  /** Stored preferences, or the defaults (which name no channel). */
  preferences: NotificationPreferences;
}

/** What the hub last told people about a run: the base for "new blocker" and "slipped further". */
export interface RunNoticeState {
  runId: string;
  /** takenAt of the newest snapshot judged; older snapshots arriving later are history. */
  latestTakenAt: string;
  /** Items blocked in that snapshot. */
  blockedItems: string[];
  /** Days late the last slip notice said (0: none since the run was last on plan). */
  notifiedDaysLate: number;
}

export interface NotificationWriter {
  /** Users who are not revoked, with their preferences. */
  recipients(): Promise<Recipient[]>;
  /** The run's state, locked until the transaction ends (so two snapshots judge in turn). */
  runNoticeState(runId: string): Promise<RunNoticeState | undefined>;
  saveRunNoticeState(state: RunNoticeState): Promise<void>;
  /** Inserts the rows whose id is new; returns how many were inserted. */
  enqueue(rows: readonly NewNotification[], now: string): Promise<number>;
  /**
   * Records that a one-off job was done (`daily-digest:<day>`, `countersign-reminder:<report>:<n>`);
   * false when it was already recorded (by this or another instance).
   */
  claimMark(key: string, at: string): Promise<boolean>;
}

/**
 * What the store runs inside the transaction of a change, after the change and only when it
 * changed something (hooks.ts builds it): the notifications the change causes.
 */
export type InTransaction = (writer: NotificationWriter) => Promise<unknown>;

export interface OutboxFilter {
  states?: readonly OutboxState[];
  limit?: number;
}

export interface StoredPreferences {
  preferences: NotificationPreferences;
  updatedAt: string;
}

export interface NotificationStore {
  getNotificationPreferences(userId: string): Promise<StoredPreferences | undefined>;
  setNotificationPreferences(
    userId: string,
    preferences: NotificationPreferences,
    at: string,
  ): Promise<void>;
  /** Runs `work` in a transaction of its own (the scans), with a writer bound to it. */
  withNotificationWriter<T>(work: (writer: NotificationWriter) => Promise<T>): Promise<T>;
  /**
   * Claims up to `limit` rows that are due (pending, next attempt passed) or whose claim ran out
   * (sending, a sender that died): state 'sending', claimed by `owner` until `leaseUntil`, one
   * more attempt counted. Two senders never claim the same row (PostgreSQL: FOR UPDATE SKIP LOCKED;
   * SQLite: one writer at a time).
   */
  claimDueNotifications(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxRecord[]>;
  /** Only while `owner` still holds the claim; false otherwise. */
  markNotificationSent(id: string, owner: string, at: string): Promise<boolean>;
  markNotificationRetry(
    id: string,
    owner: string,
    nextAttemptAt: string,
    error: string,
  ): Promise<boolean>;
  markNotificationFailed(id: string, owner: string, error: string): Promise<boolean>;
  listNotifications(filter?: OutboxFilter): Promise<OutboxRecord[]>;
  /** Counts per state (metrics, the admin). */
  notificationCounts(): Promise<Record<OutboxState, number>>;
  /** A failed row back to pending, due now (the admin, after fixing the cause). */
  retryNotification(id: string, now: string): Promise<boolean>;
  hasMark(key: string): Promise<boolean>;
  /** Latest revisions in review state 'signed' received at or before `cutoff`. */
  reportsWaitingSince(cutoff: string): Promise<ReportMeta[]>;
}
