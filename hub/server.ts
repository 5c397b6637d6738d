// The hub's HTTP server: createHub({ store, clock?, limits? }) builds a Fastify instance with every
// route of core/sync/wire-protocol.ts. Hooks run in this order on each request: protocol version
// (426), device token (401), rate limit per device (429), then the body is parsed within the
// route's size limit (413) and the handler runs. The caller owns the store (and closes it).
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { registerAuth } from './auth';
import { registerCors } from './cors';
import { registerErrorHandler } from './error-handler';
import type { Clock, HubContext, HubLimits } from './hub-context';
import { DEFAULT_HUB_LIMITS } from './hub-context';
import { HubError } from './hub-error';
import { registerOpenApi } from './openapi';
import { registerProtocolCheck } from './protocol-version';
import { registerDefinitionRoutes } from './routes/definition-routes';
import { registerEnrollRoutes } from './routes/enroll-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerProgressRoutes } from './routes/progress-routes';
import { registerReportRoutes } from './routes/report-routes';
import { registerSignatureRoutes } from './routes/signature-routes';
import { registerTrustListRoutes } from './routes/trust-list-routes';
import type { HubStore } from './store/hub-store';

export interface HubOptions {
  store: HubStore;
  clock?: Clock;
  limits?: Partial<HubLimits>;
  /** Fastify's logger: off unless asked (main.ts turns it on). */
  logger?: boolean;
}

export function createHub(options: HubOptions): FastifyInstance {
  const context: HubContext = {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    limits: { ...DEFAULT_HUB_LIMITS, ...options.limits },
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: context.limits.jsonBodyBytes,
    // Report ids travel in the path; keep room for them.
    routerOptions: { maxParamLength: 1_000 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });

  registerErrorHandler(app);
  registerCors(app);
  registerProtocolCheck(app);
  registerAuth(app, context);
  app.addContentTypeParser('application/zip', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  registerOpenApi(app);
  void app.register(rateLimit, {
    global: true,
    max: context.limits.rateLimitMax,
    timeWindow: context.limits.rateLimitWindowMs,
    keyGenerator: (request) => request.principal?.tokenHash ?? `ip:${request.ip}`,
    errorResponseBuilder: (_request, limit) =>
      new HubError(
        429,
        'rate-limited',
        `Too many requests from this device: at most ${limit.max} per ${Math.round(context.limits.rateLimitWindowMs / 1000)} s. Try again in ${limit.after}.`,
      ),
  });
  void app.register(async (routes) => {
    registerHealthRoutes(routes, context);
    registerEnrollRoutes(routes, context);
    registerTrustListRoutes(routes, context);
    registerReportRoutes(routes, context);
    registerSignatureRoutes(routes, context);
    registerProgressRoutes(routes, context);
    registerDefinitionRoutes(routes, context);
  });
  return app;
}
