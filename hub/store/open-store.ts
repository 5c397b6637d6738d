// Opens the hub's store and brings its schema up to date: PostgreSQL when HUB_DATABASE_URL is a
// postgres:// URL, otherwise SQLite in HUB_DATA_DIR (default .hub-data/hub.sqlite). Used by the
// server, the admin CLI and the tests, so all of them talk to the same data the same way.
import path from 'node:path';
import type { HubConnection } from './dialect-hooks';
import { connectPostgres, connectSqlite } from './dialect-hooks';
import type { HubStore } from './hub-store';
import { KyselyHubStore } from './kysely-store';
import { migrateToLatest } from './migrate';

export interface StoreLocation {
  engine: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL with its password masked. */
  where: string;
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//;

export function storeLocation(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const url = env.HUB_DATABASE_URL?.trim();
  if (url) {
    if (!POSTGRES_URL.test(url)) {
      throw new Error('HUB_DATABASE_URL must be a postgres:// URL (or unset it to use SQLite).');
    }
    return { engine: 'postgres', where: url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@') };
  }
  return {
    engine: 'sqlite',
    where: path.resolve(env.HUB_DATA_DIR?.trim() || '.hub-data', 'hub.sqlite'),
  };
}

async function opened(connection: HubConnection): Promise<HubStore> {
  try {
    await migrateToLatest(connection.db, connection.hooks);
  } catch (error) {
    await connection.db.destroy().catch(() => undefined);
    throw error;
  }
  return new KyselyHubStore(connection);
}

/** Opens (creating when needed) a SQLite file as the hub's store. */
export function openSqliteStore(file: string): Promise<HubStore> {
  return opened(connectSqlite(file));
}

/** Connects to a PostgreSQL database (postgres:// URL) as the hub's store. */
export function openPostgresStore(url: string): Promise<HubStore> {
  return opened(connectPostgres(url));
}

export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<HubStore> {
  const location = storeLocation(env);
  if (location.engine === 'postgres') return openPostgresStore(env.HUB_DATABASE_URL?.trim() ?? '');
  return openSqliteStore(location.where);
}
