// Before Kysely, the hub applied its own SQL files and recorded them in schema_migrations (version,
// name, applied_at); Kysely's Migrator records migrations in kysely_migration. A database made
// that way has the initial schema already: the first migration adopts it (creates nothing, and
// Kysely records it as applied) and drops the old table, so each database has one history. Runs
// inside the migration's transaction: if anything here fails, nothing changes.
import type { Kysely } from 'kysely';

const LEGACY_TABLE = 'schema_migrations';
/** The only migration the earlier migrator ever shipped. */
const LEGACY_INITIAL = { version: 1, name: 'initial' };
/** The tables of the released initial schema. */
export const INITIAL_TABLES = [
  'users',
  'enrollment_codes',
  'devices',
  'reports',
  'signatures',
  'progress_snapshots',
  'definitions',
];

/** True when the database had the initial schema from the earlier migrator (now adopted). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own type for migrations
export async function adoptLegacySchema(db: Kysely<any>): Promise<boolean> {
  const tables = new Set((await db.introspection.getTables()).map((table) => table.name));
  if (!tables.has(LEGACY_TABLE)) return false;
  const recorded = (await db
    .selectFrom(LEGACY_TABLE)
    .select(['version', 'name'])
    .orderBy('version')
    .execute()) as { version: number | string; name: string }[];
  const unknown = recorded.filter(
    (row) => Number(row.version) !== LEGACY_INITIAL.version || row.name !== LEGACY_INITIAL.name,
  );
  if (unknown.length > 0) {
    const names = unknown.map((row) => `${row.version} (${row.name})`).join(', ');
    throw new Error(
      `hub store: ${LEGACY_TABLE} records migration ${names}, which this hub does not know. ` +
        'The database was changed by another version of the hub; nothing was changed now.',
    );
  }
  // The earlier migrator created schema_migrations before, and outside, the initial schema's
  // transaction: an empty one means that schema was never applied.
  const adopted = recorded.length === 1;
  if (adopted) {
    const missing = INITIAL_TABLES.filter((table) => !tables.has(table));
    if (missing.length > 0) {
      throw new Error(
        `hub store: ${LEGACY_TABLE} says the initial schema was applied, but the tables ` +
          `${missing.join(', ')} are missing; nothing was changed.`,
      );
    }
  }
  await db.schema.dropTable(LEGACY_TABLE).execute();
  return adopted;
}
