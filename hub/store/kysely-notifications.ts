// The notifications' part of the hub's store on Kysely, for both engines: preferences, the outbox
// (insert-if-new, claims, marks), the per-run notice state and the marks of one-off jobs.
// KyselyNotificationWriter works inside a transaction the store opened for a change (a report,
// a snapshot, a signature) or for a scan; KyselyNotificationStore is the rest. Claims on
// PostgreSQL take rows with FOR UPDATE SKIP LOCKED, so senders on several instances never take
// the same row; SQLite has one writer at a time (immediate transactions).
import type { Kysely, Selectable, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { NotificationPreferences } from '../../core/sync/wire-protocol';
import {
  defaultNotificationPreferences,
  notificationPreferencesSchema,
} from '../../core/sync/wire-protocol';
import type {
  NotificationStore,
  NotificationWriter,
  OutboxFilter,
  Recipient,
  RunNoticeState,
  StoredPreferences,
} from '../notifications/notification-store';
import type { NewNotification, OutboxRecord, OutboxState } from '../notifications/outbox';
import { OUTBOX_STATES } from '../notifications/outbox';
import type { DialectHooks } from './dialect-hooks';
import type { ReportMeta } from './hub-store';
import type { NotificationOutboxTable } from './notification-tables';
import { REPORT_META_COLUMNS, iso, reportMetaFrom, userFrom } from './records';
import type { HubDatabase } from './schema';

type Executor = Kysely<HubDatabase> | Transaction<HubDatabase>;

function preferencesFrom(json: string | null): NotificationPreferences {
  if (json === null) return defaultNotificationPreferences();
  const parsed = notificationPreferencesSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : defaultNotificationPreferences();
}

function outboxFrom(row: Selectable<NotificationOutboxTable>): OutboxRecord {
  return {
    id: row.id,
    cause: row.cause as OutboxRecord['cause'],
    eventKey: row.event_key,
    userId: row.user_id,
    format: row.format as OutboxRecord['format'],
    target: row.target,
    subject: row.subject,
    payload: row.payload,
    createdAt: iso(row.created_at),
    state: row.state as OutboxState,
    attempts: Number(row.attempts),
    nextAttemptAt: iso(row.next_attempt_at),
    claimedBy: row.claimed_by,
    lastError: row.last_error,
    sentAt: row.sent_at === null ? null : iso(row.sent_at),
  };
}

function changed(result: { numUpdatedRows: bigint } | { numInsertedOrUpdatedRows?: bigint }) {
  const count =
    'numUpdatedRows' in result ? result.numUpdatedRows : result.numInsertedOrUpdatedRows;
  return Number(count ?? 0n);
}

export class KyselyNotificationWriter implements NotificationWriter {
  constructor(
    private readonly db: Executor,
    private readonly hooks: DialectHooks,
  ) {}

  async recipients(): Promise<Recipient[]> {
    const rows = await this.db
      .selectFrom('users')
      .leftJoin('notification_preferences', 'notification_preferences.user_id', 'users.user_id')
      .selectAll('users')
      .select('notification_preferences.preferences_json')
      .where('users.revoked_at', 'is', null)
      .orderBy(this.hooks.byBytes('users.user_id'))
      .execute();
    return rows.map((row) => ({
      user: userFrom(row),
      preferences: preferencesFrom(row.preferences_json),
    }));
  }

  async runNoticeState(runId: string): Promise<RunNoticeState | undefined> {
    // The row exists before it is locked, so two snapshots of a new run also judge in turn.
    await this.db
      .insertInto('notification_runs')
      .values({ run_id: runId, latest_taken_at: '', blocked_items: '[]', notified_days_late: 0 })
      .onConflict((conflict) => conflict.column('run_id').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('notification_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .$if(this.hooks.locksRows, (query) => query.forUpdate())
      .executeTakeFirstOrThrow();
    if (row.latest_taken_at === '') return undefined;
    const blocked: unknown = JSON.parse(row.blocked_items);
    return {
      runId,
      latestTakenAt: row.latest_taken_at,
      blockedItems: Array.isArray(blocked) ? blocked.map(String) : [],
      notifiedDaysLate: Number(row.notified_days_late),
    };
  }

  async saveRunNoticeState(state: RunNoticeState): Promise<void> {
    await this.db
      .updateTable('notification_runs')
      .set({
        latest_taken_at: state.latestTakenAt,
        blocked_items: JSON.stringify(state.blockedItems),
        notified_days_late: state.notifiedDaysLate,
      })
      .where('run_id', '=', state.runId)
      .execute();
  }

  async enqueue(rows: readonly NewNotification[], now: string): Promise<number> {
    let inserted = 0;
    for (const row of rows) {
      const result = await this.db
        .insertInto('notification_outbox')
        .values({
          id: row.id,
          cause: row.cause,
          event_key: row.eventKey,
          user_id: row.userId,
          format: row.format,
          target: row.target,
          subject: row.subject,
          payload: row.payload,
          created_at: row.createdAt,
          state: 'pending',
          next_attempt_at: now,
        })
        .onConflict((conflict) => conflict.column('id').doNothing())
        .executeTakeFirst();
      inserted += changed(result);
    }
    return inserted;
  }

  async claimMark(key: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('notification_marks')
      .values({ mark_key: key, marked_at: at })
      .onConflict((conflict) => conflict.column('mark_key').doNothing())
      .executeTakeFirst();
    return changed(result) > 0;
  }
}

export class KyselyNotificationStore implements NotificationStore {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly hooks: DialectHooks,
  ) {}

  /** A writer over a transaction the hub's store opened. */
  writerFor(trx: Transaction<HubDatabase>): NotificationWriter {
    return new KyselyNotificationWriter(trx, this.hooks);
  }

  async getNotificationPreferences(userId: string): Promise<StoredPreferences | undefined> {
    const row = await this.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row
      ? { preferences: preferencesFrom(row.preferences_json), updatedAt: iso(row.updated_at) }
      : undefined;
  }

  async setNotificationPreferences(
    userId: string,
    preferences: NotificationPreferences,
    at: string,
  ): Promise<void> {
    const preferencesJson = JSON.stringify(preferences);
    await this.db
      .insertInto('notification_preferences')
      .values({ user_id: userId, preferences_json: preferencesJson, updated_at: at })
      .onConflict((conflict) =>
        conflict
          .column('user_id')
          .doUpdateSet({ preferences_json: preferencesJson, updated_at: at }),
      )
      .execute();
  }

  withNotificationWriter<T>(work: (writer: NotificationWriter) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(this.writerFor(trx)));
  }

  async claimDueNotifications(
    owner: string,
    now: string,
    leaseUntil: string,
    limit: number,
  ): Promise<OutboxRecord[]> {
    const rows = await this.db
      .updateTable('notification_outbox')
      .set((eb) => ({
        state: 'sending',
        claimed_by: owner,
        next_attempt_at: leaseUntil,
        attempts: eb('attempts', '+', 1),
      }))
      // Due again in the outer statement: PostgreSQL re-checks it on a row another claim changed.
      .where('state', 'in', ['pending', 'sending'])
      .where('next_attempt_at', '<=', now)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notification_outbox')
          .select('id')
          .where('state', 'in', ['pending', 'sending'])
          .where('next_attempt_at', '<=', now)
          .orderBy('next_attempt_at')
          .limit(limit)
          .$if(this.hooks.locksRows, (query) => query.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
    return rows
      .map(outboxFrom)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  private async release(
    id: string,
    owner: string,
    values: {
      state: OutboxState;
      next_attempt_at?: string;
      last_error?: string;
      sent_at?: string;
    },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('notification_outbox')
      .set({ ...values, claimed_by: null })
      .where('id', '=', id)
      .where('state', '=', 'sending')
      .where('claimed_by', '=', owner)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  markNotificationSent(id: string, owner: string, at: string): Promise<boolean> {
    return this.release(id, owner, { state: 'sent', sent_at: at });
  }

  markNotificationRetry(
    id: string,
    owner: string,
    nextAttemptAt: string,
    error: string,
  ): Promise<boolean> {
    return this.release(id, owner, {
      state: 'pending',
      next_attempt_at: nextAttemptAt,
      last_error: error,
    });
  }

  markNotificationFailed(id: string, owner: string, error: string): Promise<boolean> {
    return this.release(id, owner, { state: 'failed', last_error: error });
  }

  async listNotifications(filter: OutboxFilter = {}): Promise<OutboxRecord[]> {
    const rows = await this.db
      .selectFrom('notification_outbox')
      .selectAll()
      .$if(filter.states !== undefined, (query) =>
        query.where('state', 'in', [...(filter.states ?? [])]),
      )
      .orderBy('created_at')
      .orderBy(this.hooks.byBytes('id'))
      .limit(filter.limit ?? 1_000)
      .execute();
    return rows.map(outboxFrom);
  }

  async notificationCounts(): Promise<Record<OutboxState, number>> {
    const rows = await this.db
      .selectFrom('notification_outbox')
      .select(['state', (eb) => eb.fn.countAll().as('n')])
      .groupBy('state')
      .execute();
    const counts = Object.fromEntries(OUTBOX_STATES.map((state) => [state, 0])) as Record<
      OutboxState,
      number
    >;
    for (const row of rows) counts[row.state as OutboxState] = Number(row.n);
    return counts;
  }

  async retryNotification(id: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notification_outbox')
      .set({ state: 'pending', next_attempt_at: now, attempts: 0 })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async hasMark(key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('notification_marks')
      .select('mark_key')
      .where('mark_key', '=', key)
      .executeTakeFirst();
    return row !== undefined;
  }

  async reportsWaitingSince(cutoff: string): Promise<ReportMeta[]> {
    const rows = await this.db
      .selectFrom('reports as r')
      .select(REPORT_META_COLUMNS.map((column) => `r.${column}` as const))
      .where('r.review_state', '=', 'signed')
      .where('r.received_at', '<=', cutoff)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('reports as newer')
              .select(sql<number>`1`.as('one'))
              .whereRef('newer.report_id', '=', 'r.report_id')
              .whereRef('newer.revision', '>', 'r.revision'),
          ),
        ),
      )
      .orderBy('r.received_at')
      .execute();
    return rows.map(reportMetaFrom);
  }
}
