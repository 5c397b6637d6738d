// Migration 004_run_evidence on a PostgreSQL hub that accepted attach events before it, in a
// throwaway cluster (skipped with a printed reason when PostgreSQL is not installed).
import { describeOnPostgres } from '../on-postgres';
import { rawPostgres } from '../store/raw-database';
import { evidenceUpgradeCases } from './evidence-upgrade-cases';

await describeOnPostgres('evidence upgrade on PostgreSQL', (cluster) => {
  evidenceUpgradeCases(() => rawPostgres(cluster()));
});
