// The probes and metrics on PostgreSQL (a throwaway cluster), and what only PostgreSQL shows here:
// a store that hangs (a table lock held by another session) makes readiness answer 503 within its
// deadline, probes arriving meanwhile included, and 200 again once the lock is gone. (SQLite's
// driver is synchronous: a locked SQLite file blocks the process itself, which liveness shows.)
import pg from 'pg';
import { expect, it } from 'vitest';
import { PROBE_PATHS } from '../../../hub/health/probe-routes';
import { createHub } from '../../../hub/server';
import { rawPostgresFactory } from './notifications/notify-harness';
import { observabilityCases } from './observability-cases';
import { describeOnPostgres } from './on-postgres';

await describeOnPostgres('hub probes and metrics on PostgreSQL', (cluster) => {
  observabilityCases(() => rawPostgresFactory(cluster()));

  it('is not ready within its deadline while the store hangs, and ready once it answers', async () => {
    const raw = rawPostgresFactory(cluster());
    const { store } = await raw.fresh();
    const app = createHub({ store, readinessDeadlineMs: 300 });
    const locker = new pg.Client({ connectionString: raw.location() });
    await locker.connect();
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const ready = () => fetch(`http://127.0.0.1:${port}${PROBE_PATHS.ready}`);
      expect((await ready()).status).toBe(200);
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE kysely_migration IN ACCESS EXCLUSIVE MODE');
      const answers = await Promise.all([ready(), ready(), ready()]);
      expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
      for (const answer of answers) {
        expect(((await answer.json()) as { reason: string }).reason).toBe(
          'The postgres store did not answer within 300 ms.',
        );
      }
      await locker.query('COMMIT');
      expect((await ready()).status).toBe(200);
    } finally {
      await locker.end();
      await app.close();
      await store.close();
    }
  });
});
