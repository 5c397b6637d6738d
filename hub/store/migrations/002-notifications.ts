// Notifications (issue 12, part 5): each user's preferences, the outbox (one row per delivery,
// written in the transaction of its cause, claimed by senders), the last notice per run (new
// blockers, slips) and the marks of one-off jobs (a day's digests, a report's reminder).
// Never edit a released migration: add the next one.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectHooks } from '../dialect-hooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own type for migrations
type AnyDatabase = Kysely<any>;

export function notificationsSchema(hooks: DialectHooks): Migration {
  const moment = hooks.momentType;
  return {
    async up(db: AnyDatabase): Promise<void> {
      await db.schema
        .createTable('notification_preferences')
        .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.user_id'))
        .addColumn('preferences_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', moment, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notification_outbox')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('event_key', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('format', 'text', (c) =>
          c.notNull().check(sql`format in ('email', 'generic', 'teams', 'slack')`),
        )
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', moment, (c) => c.notNull())
        .addColumn('state', 'text', (c) =>
          c.notNull().check(sql`state in ('pending', 'sending', 'sent', 'failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', moment, (c) => c.notNull())
        .addColumn('claimed_by', 'text')
        .addColumn('last_error', 'text')
        .addColumn('sent_at', moment)
        .execute();
      await db.schema
        .createIndex('notification_outbox_due')
        .on('notification_outbox')
        .columns(['state', 'next_attempt_at'])
        .execute();

      await db.schema
        .createTable('notification_runs')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('latest_taken_at', 'text', (c) => c.notNull())
        .addColumn('blocked_items', 'text', (c) => c.notNull())
        .addColumn('notified_days_late', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('notification_marks')
        .addColumn('mark_key', 'text', (c) => c.primaryKey())
        .addColumn('marked_at', moment, (c) => c.notNull())
        .execute();
    },
  };
}
