// Upgrading SQLite hub files made before Kysely (store-upgrade-cases.ts).
import { describe } from 'vitest';
import { rawSqlite } from './raw-database';
import { storeUpgradeCases } from './store-upgrade-cases';

describe('hub store on SQLite', () => {
  storeUpgradeCases(rawSqlite);
});
