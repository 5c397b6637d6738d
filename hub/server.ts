// The hub's HTTP server: createHub({ store, clock?, limits? }) builds a Fastify instance with every
// route of core/sync/wire-protocol.ts. Hooks run in this order on each request, all before a byte
// of the body is read: protocol version (426); failed authentications per address (429), device
// token (401); requests per device, or per address and group before enrolling (429); the route's
// body policy: role (403), content type (415), declared size (413) (body-policy.ts); a route's own
// check, such as "is this report yours to review" (404). Only then is the body read, within the
// caller's limit (413), and the handler runs. The caller owns the store (and closes it).
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { registerAuth } from './auth';
import { registerBodyPolicy } from './body-policy';
import { registerCors } from './cors';
import { registerErrorHandler } from './error-handler';
import { registerLinger } from './linger';
import type { Clock, HubContext, HubLimits } from './hub-context';
import { DEFAULT_HUB_LIMITS } from './hub-context';
import { registerOpenApi } from './openapi';
import { registerProtocolCheck } from './protocol-version';
import { registerRateLimit } from './rate-limits';
import { registerDefinitionRoutes } from './routes/definition-routes';
import { registerDefinitionPublishRoutes } from './routes/definition-publish-routes';
import { registerEnrollRoutes } from './routes/enroll-routes';
import { registerProbeRoutes } from './health/probe-routes';
import { ReadinessProbe } from './health/readiness';
import { HubMetrics } from './metrics/hub-metrics';
import { registerMetricsHook, registerMetricsRoute } from './metrics/metrics-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerNotificationPreferenceRoutes } from './routes/notification-preference-routes';
import { registerProgressRoutes } from './routes/progress-routes';
import { registerReportRoutes } from './routes/report-routes';
import { registerRunRoutes } from './routes/run-routes';
import { registerSignatureRoutes } from './routes/signature-routes';
import { registerTrustListRoutes } from './routes/trust-list-routes';
import type { HubStore } from './store/hub-store';

export interface HubOptions {
  store: HubStore;
  clock?: Clock;
  limits?: Partial<HubLimits>;
  /** Fastify's logger: off unless asked (main.ts turns it on). */
  logger?: boolean;
  /**
   * Behind a reverse proxy: trust its X-Forwarded-For (Fastify's trustProxy: true, or the proxy's
   * addresses, comma-separated), so limits per address count clients, not the proxy.
   */
  trustProxy?: boolean | string;
  /** Webhooks may target loopback/private addresses (HUB_NOTIFY_ALLOW_PRIVATE_TARGETS). */
  allowPrivateWebhookTargets?: boolean;
  /** The metrics this hub counts into (main.ts: with process metrics); a fresh set otherwise. */
  metrics?: HubMetrics;
  /** GET /metrics from other than loopback needs this bearer token (HUB_METRICS_TOKEN). */
  metricsToken?: string;
  /** How long GET /v1/health/ready waits for the store (health/readiness.ts). */
  readinessDeadlineMs?: number;
}

export function createHub(options: HubOptions): FastifyInstance {
  const context: HubContext = {
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    limits: { ...DEFAULT_HUB_LIMITS, ...options.limits },
    notificationTargets: { allowPrivate: options.allowPrivateWebhookTargets ?? false },
  };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: context.limits.jsonBodyBytes,
    // Report ids travel in the path; keep room for them.
    routerOptions: { maxParamLength: 1_000 },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: options.trustProxy ?? false,
  });

  registerErrorHandler(app);
  registerLinger(app);
  registerCors(app);
  registerProtocolCheck(app);
  registerAuth(app, context);
  registerBodyPolicy(app);
  app.addContentTypeParser('application/zip', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });
  registerOpenApi(app);
  registerRateLimit(app, context);
  const metrics = options.metrics ?? new HubMetrics();
  metrics.attachStore(context.store);
  registerMetricsHook(app, metrics);
  const readiness = new ReadinessProbe(context.store, options.readinessDeadlineMs);
  void app.register(async (routes) => {
    registerHealthRoutes(routes, context);
    registerProbeRoutes(routes, readiness);
    registerMetricsRoute(routes, metrics, options.metricsToken);
    registerEnrollRoutes(routes, context);
    registerTrustListRoutes(routes, context);
    registerReportRoutes(routes, context);
    registerSignatureRoutes(routes, context);
    registerProgressRoutes(routes, context);
    registerDefinitionRoutes(routes, context);
    registerDefinitionPublishRoutes(routes, context);
    registerRunRoutes(routes, context);
    registerNotificationPreferenceRoutes(routes, context);
  });
  return app;
}
