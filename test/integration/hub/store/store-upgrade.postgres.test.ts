// Upgrading PostgreSQL hub databases made before Kysely (store-upgrade-cases.ts), in a throwaway
// cluster; skipped with a printed reason when PostgreSQL is not installed, failing on CI instead.
import { describeOnPostgres } from '../on-postgres';
import { rawPostgres } from './raw-database';
import { storeUpgradeCases } from './store-upgrade-cases';

await describeOnPostgres('hub store on PostgreSQL', (cluster) => {
  storeUpgradeCases(() => rawPostgres(cluster()));
});
