// The hub's first schema, for both engines: the dialect hooks give the two column types that
// differ (moments, bytes). A progress snapshot's taken_at and a report's signed_at stay the text
// the device sent. On a database made by the hub's earlier migrator this schema is there already
// and is adopted instead (legacy-bookkeeping.ts). Never edit a released migration: add the next one.
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import type { DialectHooks } from '../dialect-hooks';
import { adoptLegacySchema } from './legacy-bookkeeping';

// Migrations see the database as it was then, not as schema.ts describes it today.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own type for migrations
type AnyDatabase = Kysely<any>;

export function initialSchema(hooks: DialectHooks): Migration {
  const moment = hooks.momentType;
  return {
    async up(db: AnyDatabase): Promise<void> {
      if (await adoptLegacySchema(db)) return;

      await db.schema
        .createTable('users')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('admin', 'supervisor', 'head')`),
        )
        .addColumn('office', 'text')
        .addColumn('supervises', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('created_at', moment, (c) => c.notNull())
        .addColumn('revoked_at', moment)
        .execute();

      await db.schema
        .createTable('enrollment_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('created_at', moment, (c) => c.notNull())
        .addColumn('expires_at', moment, (c) => c.notNull())
        .addColumn('used_at', moment)
        .addColumn('used_by_device', 'text')
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.user_id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('created_at', moment, (c) => c.notNull())
        .addColumn('revoked_at', moment)
        .execute();
      await db.schema
        .createIndex('devices_public_key')
        .on('devices')
        .column('public_key')
        .execute();

      // Constraint names are those PostgreSQL gave the earlier schema's unnamed constraints, so a
      // fresh database and an adopted one are alike.
      await db.schema
        .createTable('reports')
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('report_hash', 'text', (c) => c.notNull())
        .addColumn('json_hash', 'text', (c) => c.notNull())
        .addColumn('bundle', hooks.bytesType, (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('run_name', 'text', (c) => c.notNull())
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('definition_version', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('received_at', moment, (c) => c.notNull())
        .addColumn('review_state', 'text', (c) =>
          c.notNull().check(sql`review_state in ('signed', 'countersigned', 'sent-back')`),
        )
        .addColumn('signature_count', 'integer', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
        .addPrimaryKeyConstraint('reports_pkey', ['report_id', 'revision'])
        .execute();
      await db.schema
        .createIndex('reports_office')
        .on('reports')
        .columns(['office', 'received_at'])
        .execute();

      await db.schema
        .createTable('signatures')
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('signer_public_key', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .addColumn('signature_json', 'text', (c) => c.notNull())
        .addColumn('received_at', moment, (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.references('devices.device_id'))
        .addPrimaryKeyConstraint('signatures_pkey', ['report_id', 'revision', 'idx'])
        .addForeignKeyConstraint(
          'signatures_report_id_revision_fkey',
          ['report_id', 'revision'],
          'reports',
          ['report_id', 'revision'],
        )
        .execute();

      await db.schema
        .createTable('progress_snapshots')
        .addColumn('run_id', 'text', (c) => c.notNull())
        .addColumn('taken_at', 'text', (c) => c.notNull())
        .addColumn('office', 'text', (c) => c.notNull())
        .addColumn('snapshot_json', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('received_at', moment, (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
        .addPrimaryKeyConstraint('progress_snapshots_pkey', ['run_id', 'taken_at'])
        .execute();
      await db.schema
        .createIndex('progress_office')
        .on('progress_snapshots')
        .columns(['office', 'run_id'])
        .execute();

      await db.schema
        .createTable('definitions')
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('published_at', moment, (c) => c.notNull())
        .addPrimaryKeyConstraint('definitions_pkey', ['id', 'version'])
        .execute();
    },
  };
}
