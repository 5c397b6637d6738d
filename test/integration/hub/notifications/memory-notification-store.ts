// An in-memory NotificationStore for the sender's tests (no database): the outbox, preferences and
// marks in maps, claims and marks with the same rules as the hub's store (a claim takes due rows
// and rows whose claim ran out; a mark needs the claim). The hub's real store is tested with the
// same cases on SQLite and PostgreSQL in notifications.*.test.ts.
import type { NotificationPreferences } from '../../../../core/sync/wire-protocol';
import type {
  NotificationStore,
  NotificationWriter,
  OutboxFilter,
  RunNoticeState,
  StoredPreferences,
} from '../../../../hub/notifications/notification-store';
import type {
  NewNotification,
  OutboxRecord,
  OutboxState,
} from '../../../../hub/notifications/outbox';
import type { ReportMeta, UserRecord } from '../../../../hub/store/hub-store';
import { defaultNotificationPreferences } from '../../../../core/sync/wire-protocol';

export class MemoryNotificationStore implements NotificationStore {
  readonly outbox = new Map<string, OutboxRecord>();
  readonly preferences = new Map<string, StoredPreferences>();
  readonly marks = new Set<string>();
  readonly runs = new Map<string, RunNoticeState>();
  users: UserRecord[] = [];
  reports: ReportMeta[] = [];

  async getNotificationPreferences(userId: string) {
    return this.preferences.get(userId);
  }

  async setNotificationPreferences(
    userId: string,
    preferences: NotificationPreferences,
    at: string,
  ) {
    this.preferences.set(userId, { preferences, updatedAt: at });
  }

  writer(): NotificationWriter {
    return {
      recipients: async () =>
        this.users
          .filter((user) => user.revokedAt === null)
          .map((user) => ({
            user,
            preferences:
              this.preferences.get(user.userId)?.preferences ?? defaultNotificationPreferences(),
          })),
      runNoticeState: async (runId) => this.runs.get(runId),
      saveRunNoticeState: async (state) => {
        this.runs.set(state.runId, state);
      },
      enqueue: async (rows: readonly NewNotification[], now: string) => {
        let inserted = 0;
        for (const row of rows) {
          if (this.outbox.has(row.id)) continue;
          this.outbox.set(row.id, {
            ...row,
            state: 'pending',
            attempts: 0,
            nextAttemptAt: now,
            claimedBy: null,
            lastError: null,
            sentAt: null,
          });
          inserted += 1;
        }
        return inserted;
      },
      claimMark: async (key) => {
        if (this.marks.has(key)) return false;
        this.marks.add(key);
        return true;
      },
    };
  }

  async withNotificationWriter<T>(work: (writer: NotificationWriter) => Promise<T>): Promise<T> {
    return work(this.writer());
  }

  async claimDueNotifications(owner: string, now: string, leaseUntil: string, limit: number) {
    const due = [...this.outbox.values()]
      .filter(
        (row) =>
          (row.state === 'pending' || row.state === 'sending') &&
          Date.parse(row.nextAttemptAt) <= Date.parse(now),
      )
      .sort((a, b) => Date.parse(a.nextAttemptAt) - Date.parse(b.nextAttemptAt))
      .slice(0, limit);
    for (const row of due) {
      Object.assign(row, {
        state: 'sending',
        claimedBy: owner,
        nextAttemptAt: leaseUntil,
        attempts: row.attempts + 1,
      });
    }
    return due.map((row) => ({ ...row }));
  }

  private held(id: string, owner: string): OutboxRecord | undefined {
    const row = this.outbox.get(id);
    return row?.state === 'sending' && row.claimedBy === owner ? row : undefined;
  }

  async markNotificationSent(id: string, owner: string, at: string) {
    const row = this.held(id, owner);
    if (!row) return false;
    Object.assign(row, { state: 'sent', sentAt: at, claimedBy: null });
    return true;
  }

  async markNotificationRetry(id: string, owner: string, nextAttemptAt: string, error: string) {
    const row = this.held(id, owner);
    if (!row) return false;
    Object.assign(row, { state: 'pending', nextAttemptAt, lastError: error, claimedBy: null });
    return true;
  }

  async markNotificationFailed(id: string, owner: string, error: string) {
    const row = this.held(id, owner);
    if (!row) return false;
    Object.assign(row, { state: 'failed', lastError: error, claimedBy: null });
    return true;
  }

  async listNotifications(filter: OutboxFilter = {}) {
    return [...this.outbox.values()]
      .filter((row) => filter.states === undefined || filter.states.includes(row.state))
      .slice(0, filter.limit ?? 1_000);
  }

  async notificationCounts() {
    const counts: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const row of this.outbox.values()) counts[row.state] += 1;
    return counts;
  }

  async retryNotification(id: string, now: string) {
    const row = this.outbox.get(id);
    if (row?.state !== 'failed') return false;
    Object.assign(row, { state: 'pending', nextAttemptAt: now, attempts: 0 });
    return true;
  }

  async hasMark(key: string) {
    return this.marks.has(key);
  }

  async reportsWaitingSince(cutoff: string) {
    return this.reports.filter(
      (r) => r.reviewState === 'signed' && Date.parse(r.receivedAt) <= Date.parse(cutoff),
    );
  }
}
