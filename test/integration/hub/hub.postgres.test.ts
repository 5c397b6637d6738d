// The hub suite on PostgreSQL: a throwaway cluster (postgres-cluster.ts), a fresh database per
// group. Skipped with a printed reason when PostgreSQL is not installed, failing on CI instead.
import { afterAll, describe } from 'vitest';
import type { PostgresCluster } from './postgres-cluster';
import { startPostgresCluster } from './postgres-cluster';
import { postgresFactory } from './hub-harness';
import { hubSuite } from './hub-suite';

const started = await startPostgresCluster();
let cluster: PostgresCluster | undefined;
if (started.ok) cluster = started.cluster;
else console.log(`hub on PostgreSQL: skipped: ${started.reason}`);

afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(cluster === undefined)('hub on PostgreSQL', () => {
  hubSuite(() => {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    return postgresFactory(cluster);
  });
});
