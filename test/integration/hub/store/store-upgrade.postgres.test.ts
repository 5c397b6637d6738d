// Upgrading PostgreSQL hub databases made before Kysely (store-upgrade-cases.ts), in a throwaway
// cluster; skipped with a printed reason when PostgreSQL is not installed, failing on CI instead.
import { afterAll, describe } from 'vitest';
import type { PostgresCluster } from '../postgres-cluster';
import { startPostgresCluster } from '../postgres-cluster';
import { rawPostgres } from './raw-database';
import { storeUpgradeCases } from './store-upgrade-cases';

const started = await startPostgresCluster();
let cluster: PostgresCluster | undefined;
if (started.ok) cluster = started.cluster;
else console.log(`hub store on PostgreSQL: skipped: ${started.reason}`);

afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(cluster === undefined)('hub store on PostgreSQL', () => {
  storeUpgradeCases(() => {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    return rawPostgres(cluster);
  });
});
