// GET /metrics (the Prometheus text format, metrics-access.ts says who may read it; outside the
// device auth and every rate budget) and the hook that counts every answered request, unknown
// routes and refusals included. The hook goes on the root instance, so it sees every route.
import type { FastifyInstance } from 'fastify';
import { NO_AUTH } from '../openapi';
import type { HubMetrics } from './hub-metrics';
import { assertMetricsAccess } from './metrics-access';

export const METRICS_PATH = '/metrics';

export function registerMetricsHook(app: FastifyInstance, metrics: HubMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request, reply);
  });
}

export function registerMetricsRoute(
  app: FastifyInstance,
  metrics: HubMetrics,
  token: string | undefined,
): void {
  app.get(
    METRICS_PATH,
    {
      config: { isPublic: true, rateLimit: false },
      schema: {
        summary:
          'Metrics in the Prometheus text format (from a loopback address, or with Authorization: Bearer <HUB_METRICS_TOKEN>)',
        tags: ['health'],
        security: NO_AUTH,
        response: {
          200: {
            description: 'Prometheus text exposition format 0.0.4',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (request, reply) => {
      assertMetricsAccess(request, token);
      const { contentType, text } = await metrics.render();
      if (metrics.outboxScrapeError !== undefined) {
        request.log.warn(`metrics: the outbox was not counted: ${metrics.outboxScrapeError}`);
      }
      return reply.type(contentType).header('cache-control', 'no-store').send(text);
    },
  );
}
