// Runs a test file's cases against a throwaway PostgreSQL cluster (postgres-cluster.ts), started
// once for the file and stopped after it. Without PostgreSQL installed the cases are skipped with
// a printed reason; on CI startPostgresCluster fails instead.
import { afterAll, describe } from 'vitest';
import type { PostgresCluster } from './postgres-cluster';
import { startPostgresCluster } from './postgres-cluster';

export async function describeOnPostgres(
  name: string,
  cases: (cluster: () => PostgresCluster) => void,
): Promise<void> {
  const started = await startPostgresCluster();
  const cluster = started.ok ? started.cluster : undefined;
  if (!started.ok) console.log(`${name}: skipped: ${started.reason}`);

  afterAll(async () => {
    await cluster?.stop();
  });

  describe.skipIf(cluster === undefined)(name, () => {
    cases(() => {
      if (!cluster) throw new Error('no PostgreSQL cluster');
      return cluster;
    });
  });
}
