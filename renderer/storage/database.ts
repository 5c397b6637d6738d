// The IndexedDB database (Dexie). Every schema version lives in versions/ and stays declared
// forever so any older database upgrades step by step. Transactions are durable ('strict'):
// a tick the UI confirmed survives a crash or a dead battery.
import { Dexie, type EntityTable } from 'dexie';
import type { Profile } from '../../core/people/profile';
import { declareVersion1 } from './versions/v1';

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'go-live-checklists';

export type GoLiveDatabase = Dexie & {
  profile: EntityTable<Profile, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
};

export function openDatabase(name: string = DATABASE_NAME): GoLiveDatabase {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as GoLiveDatabase;
  declareVersion1(db);
  return db;
}

let shared: GoLiveDatabase | undefined;

/** The app's database, opened once. */
export function database(): GoLiveDatabase {
  shared ??= openDatabase();
  return shared;
}
