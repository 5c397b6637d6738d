// The notifications' tables as Kysely sees them (migration 002_notifications): preferences per
// user, the outbox, what the hub last told people about each run, and the marks of one-off jobs.
// Part of HubDatabase (schema.ts).
import type { ColumnType } from 'kysely';
import type { Moment, OptionalMoment } from './schema';

export interface NotificationPreferencesTable {
  user_id: string;
  /** JSON of NotificationPreferences (core/sync/notification-protocol.ts). */
  preferences_json: string;
  updated_at: Moment;
}

export interface NotificationOutboxTable {
  id: string;
  cause: string;
  event_key: string;
  user_id: string;
  format: string;
  target: string;
  subject: string;
  payload: string;
  created_at: Moment;
  state: string;
  attempts: ColumnType<number, number | undefined, number>;
  /** Pending: when it is due. Sending: when the claim runs out. */
  next_attempt_at: Moment;
  claimed_by: ColumnType<string | null, string | null | undefined, string | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  sent_at: OptionalMoment;
}

export interface NotificationRunsTable {
  run_id: string;
  /** '' until a snapshot was judged (the row exists so it can be locked). */
  latest_taken_at: string;
  /** JSON array of item ids. */
  blocked_items: string;
  notified_days_late: number;
}

export interface NotificationMarksTable {
  mark_key: string;
  marked_at: Moment;
}

export interface NotificationTables {
  notification_preferences: NotificationPreferencesTable;
  notification_outbox: NotificationOutboxTable;
  notification_runs: NotificationRunsTable;
  notification_marks: NotificationMarksTable;
}
