// Chooses the hub's store from the environment: PostgreSQL when HUB_DATABASE_URL is a postgres://
// URL, otherwise SQLite in HUB_DATA_DIR (default .hub-data/hub.sqlite). Used by the server and the
// admin CLI, so both always talk to the same data.
import path from 'node:path';
import type { HubStore } from './hub-store';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';

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

export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<HubStore> {
  const location = storeLocation(env);
  if (location.engine === 'postgres') return openPostgresStore(env.HUB_DATABASE_URL?.trim() ?? '');
  return openSqliteStore(location.where);
}
