// Shared runs (issue 13): engineers and coordinators join the users (an engineer belongs to
// departments), a device keeps the app's local profile id it enrolled with, and four tables hold
// the runs people share, their members, each device chain's head (bound to the device that pushed
// it first) and the events themselves, numbered per run in the order the hub received them.
// Never edit a released migration: add the next one.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectHooks } from '../dialect-hooks';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own type for migrations
type AnyDatabase = Kysely<any>;

const ROLES = sql`role in ('admin', 'supervisor', 'head', 'engineer', 'coordinator')`;

/**
 * SQLite cannot change a CHECK constraint in place: the users table is rebuilt. Other tables
 * reference it, so the old one is dropped with foreign keys deferred to the commit and the rows
 * are copied back into a table of the same name; the commit checks every reference again, so a
 * row lost on the way would fail the migration (and change nothing).
 */
async function rebuildSqliteUsers(
  db: AnyDatabase,
  moment: DialectHooks['momentType'],
): Promise<void> {
  await sql`pragma defer_foreign_keys = on`.execute(db);
  await sql`create table users_before_shared_runs as select * from users`.execute(db);
  await db.schema.dropTable('users').execute();
  await db.schema
    .createTable('users')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(ROLES))
    .addColumn('office', 'text')
    .addColumn('supervises', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', moment, (c) => c.notNull())
    .addColumn('revoked_at', moment)
    .addColumn('departments', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await sql`insert into users (user_id, name, role, office, supervises, created_at, revoked_at)
    select user_id, name, role, office, supervises, created_at, revoked_at
    from users_before_shared_runs`.execute(db);
  await db.schema.dropTable('users_before_shared_runs').execute();
}

async function widenPostgresUsers(db: AnyDatabase): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('departments', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // The name PostgreSQL gave the first schema's unnamed column check.
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users add constraint users_role_check check (${ROLES})`.execute(db);
}

export function sharedRunsSchema(hooks: DialectHooks): Migration {
  const moment = hooks.momentType;
  return {
    async up(db: AnyDatabase): Promise<void> {
      if (hooks.engine === 'sqlite') await rebuildSqliteUsers(db, moment);
      else await widenPostgresUsers(db);
      await db.schema.alterTable('devices').addColumn('profile_id', 'text').execute();

      await db.schema
        .createTable('shared_runs')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('definition_version', 'text', (c) => c.notNull())
        .addColumn('definition_hash', 'text', (c) => c.notNull())
        .addColumn('parameters', 'text', (c) => c.notNull())
        .addColumn('planned_go_live', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('plan', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('updated_at', moment, (c) => c.notNull())
        .addColumn('last_cursor', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('shared_runs_office')
        .on('shared_runs')
        .column('office')
        .execute();
      await db.schema
        .createIndex('shared_runs_owner')
        .on('shared_runs')
        .column('owner_id')
        .execute();

      await db.schema
        .createTable('run_members')
        .addColumn('run_id', 'text', (c) => c.notNull().references('shared_runs.run_id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('departments', 'text', (c) => c.notNull())
        .addColumn('added_at', moment, (c) => c.notNull())
        .addColumn('removed_at', moment)
        .addPrimaryKeyConstraint('run_members_pkey', ['run_id', 'user_id'])
        .execute();
      await db.schema.createIndex('run_members_user').on('run_members').column('user_id').execute();

      await db.schema
        .createTable('run_chains')
        .addColumn('run_id', 'text', (c) => c.notNull().references('shared_runs.run_id'))
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('length', 'integer', (c) => c.notNull())
        .addColumn('head', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('run_chains_pkey', ['run_id', 'chain'])
        .execute();

      // Append-only: rows are inserted, never updated or deleted.
      await db.schema
        .createTable('run_events')
        .addColumn('run_id', 'text', (c) => c.notNull().references('shared_runs.run_id'))
        .addColumn('cursor', 'integer', (c) => c.notNull())
        .addColumn('chain', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('event_json', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
        .addColumn('received_at', moment, (c) => c.notNull())
        .addPrimaryKeyConstraint('run_events_pkey', ['run_id', 'cursor'])
        .addUniqueConstraint('run_events_chain_seq', ['run_id', 'chain', 'seq'])
        .execute();
    },
  };
}
