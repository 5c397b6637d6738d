// Shared runs on a real hub over PostgreSQL: a throwaway cluster (../postgres-cluster.ts), a fresh
// database per group. Skipped with a printed reason when PostgreSQL is not installed.
import { afterAll, describe } from 'vitest';
import { postgresFactory } from '../hub-harness';
import type { PostgresCluster } from '../postgres-cluster';
import { startPostgresCluster } from '../postgres-cluster';
import { sharedRunSuite } from './shared-run-suite';

const started = await startPostgresCluster();
let cluster: PostgresCluster | undefined;
if (started.ok) cluster = started.cluster;
else console.log(`shared runs on PostgreSQL: skipped: ${started.reason}`);

afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(cluster === undefined)('shared runs on PostgreSQL', () => {
  sharedRunSuite(() => {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    return postgresFactory(cluster);
  });
});
