// The hub's one migration history (migrations/, run in name order) and Kysely's Migrator applying
// it when a store opens: the missing ones, in one transaction, under Kysely's lock (an advisory
// lock on PostgreSQL; SQLite's immediate transaction), so hubs starting at once on one database
// apply each migration once. Adding a migration: a file in migrations/ and a line in HISTORY.
import type { Kysely, Migration } from 'kysely';
import { Migrator } from 'kysely';
import type { DialectHooks } from './dialect-hooks';
import type { AppliedMigration } from './hub-store';
import { initialSchema } from './migrations/001-initial';
import { notificationsSchema } from './migrations/002-notifications';
import { sharedRunsSchema } from './migrations/003-shared-runs';
import { runEvidenceSchema } from './migrations/004-run-evidence';
import type { HubDatabase } from './schema';

/** Named NNN_name: the number is the version the store reports. Never rename or reorder. */
const HISTORY: Record<string, (hooks: DialectHooks) => Migration> = {
  '001_initial': initialSchema,
  '002_notifications': notificationsSchema,
  '003_shared_runs': sharedRunsSchema,
  '004_run_evidence': runEvidenceSchema,
};

const NAME = /^(\d{3})_([a-z0-9_]+)$/;

function describe(name: string): { version: number; name: string } {
  const match = NAME.exec(name);
  if (!match) throw new Error(`hub migrations: "${name}" is not named NNN_name`);
  return { version: Number(match[1]), name: match[2] as string };
}

/** Every migration of the history, oldest first. */
export function hubMigrations(): { version: number; name: string }[] {
  return Object.keys(HISTORY).sort().map(describe);
}

function migrator(db: Kysely<HubDatabase>, hooks: DialectHooks): Migrator {
  return new Migrator({
    db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(Object.entries(HISTORY).map(([name, make]) => [name, make(hooks)])),
    },
  });
}

export async function migrateToLatest(db: Kysely<HubDatabase>, hooks: DialectHooks): Promise<void> {
  const { error, results } = await migrator(db, hooks).migrateToLatest();
  if (error === undefined) return;
  const failed = results?.find((result) => result.status === 'Error')?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(
    `hub store: ${failed === undefined ? 'migrating' : `migration ${failed}`} failed, nothing was applied: ${reason}`,
    { cause: error },
  );
}

export async function appliedMigrations(
  db: Kysely<HubDatabase>,
  hooks: DialectHooks,
): Promise<AppliedMigration[]> {
  const applied: AppliedMigration[] = [];
  for (const migration of await migrator(db, hooks).getMigrations()) {
    if (migration.executedAt === undefined) continue;
    applied.push({ ...describe(migration.name), appliedAt: migration.executedAt.toISOString() });
  }
  return applied;
}
