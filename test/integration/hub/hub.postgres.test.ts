// The hub suite on PostgreSQL: a throwaway cluster (postgres-cluster.ts), a fresh database per
// group. Skipped with a printed reason when PostgreSQL is not installed, failing on CI instead.
import { postgresFactory } from './hub-harness';
import { hubSuite } from './hub-suite';
import { describeOnPostgres } from './on-postgres';

await describeOnPostgres('hub on PostgreSQL', (cluster) => {
  hubSuite(() => postgresFactory(cluster()));
});
