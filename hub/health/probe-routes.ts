// The probes an orchestrator or load balancer asks (no auth, no rate limit, no protocol header
// needed): GET /v1/health/live, 200 while the process answers (restart it otherwise); GET
// /v1/health/ready, 200 while the store answers within its deadline with every migration applied,
// 503 with the reason otherwise (send it no traffic until then). GET /v1/health, the app's
// reachability probe, stays as it is (routes/health-routes.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NO_AUTH, ok } from '../openapi';
import type { ReadinessProbe } from './readiness';

export const PROBE_PATHS = {
  live: '/v1/health/live',
  ready: '/v1/health/ready',
} as const;

const liveSchema = z.object({ status: z.literal('live'), uptimeSeconds: z.number() });
const readySchema = z.object({
  status: z.literal('ready'),
  engine: z.string(),
  migrations: z.number().int(),
  checkedInMs: z.number(),
});
const notReadySchema = z.object({
  status: z.literal('not-ready'),
  engine: z.string(),
  reason: z.string(),
});

/** Public, and outside every budget: a probe must never be refused for being frequent. */
const PROBE_CONFIG = { isPublic: true, rateLimit: false } as const;

export function registerProbeRoutes(app: FastifyInstance, readiness: ReadinessProbe): void {
  app.get(
    PROBE_PATHS.live,
    {
      config: PROBE_CONFIG,
      schema: {
        summary: 'Liveness: the process answers (no auth, no rate limit)',
        tags: ['health'],
        security: NO_AUTH,
        response: { 200: ok('The process is alive', liveSchema) },
      },
    },
    async () => ({ status: 'live' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  app.get(
    PROBE_PATHS.ready,
    {
      config: PROBE_CONFIG,
      schema: {
        summary:
          'Readiness: the store answers within its deadline and its migrations are current (no auth, no rate limit)',
        tags: ['health'],
        security: NO_AUTH,
        response: {
          200: ok('Ready for traffic', readySchema),
          503: ok('Not ready: the reason says why', notReadySchema),
        },
      },
    },
    async (_request, reply) => {
      const result = await readiness.probe();
      if (result.ready) {
        const { engine, migrations, checkedInMs } = result;
        return { status: 'ready' as const, engine, migrations, checkedInMs };
      }
      reply.header('cache-control', 'no-store');
      return reply
        .status(503)
        .send({ status: 'not-ready' as const, engine: result.engine, reason: result.reason });
    },
  );
}
