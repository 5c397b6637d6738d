// Requests per window (@fastify/rate-limit, 429 with Retry-After): per device once the caller is
// known, otherwise per client address and per group, so anonymous traffic of one kind cannot use
// up another's budget (600 health checks from a monitor must not block enrollment from the same
// address). The limiter runs after authentication (auth.ts), whose own budget limits failed
// tokens per address; wrong enrollment codes have theirs too (routes/enroll-routes.ts).
// Counted in this process (the plugin's memory store), so each instance of a hub on one database
// has its own budgets: sharing them in the database would cost a write per request, refused ones
// included, and the early refusals exist so that a flood costs the hub nothing. Behind N instances
// a device gets up to N budgets; HUB_RATE_LIMIT_PER_MINUTE sets one (docs/hub.md, section 7).
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubContext } from './hub-context';
import { HubError } from './hub-error';

/** Budgets of requests without a device token: one per address and group. */
export type AnonymousGroup = 'health' | 'enroll';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The anonymous budget this public route counts against (default: the shared one). */
    rateLimitGroup?: AnonymousGroup;
  }
}

export function rateLimitKey(request: FastifyRequest): string {
  if (request.principal) return `device:${request.principal.tokenHash}`;
  const group = request.routeOptions.config.rateLimitGroup ?? 'anonymous';
  return `${group}:${request.ip}`;
}

export function registerRateLimit(app: FastifyInstance, context: HubContext): void {
  const { rateLimitMax, rateLimitWindowMs } = context.limits;
  void app.register(rateLimit, {
    global: true,
    max: rateLimitMax,
    timeWindow: rateLimitWindowMs,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (request, limit) =>
      new HubError(
        429,
        'rate-limited',
        `Too many requests from this ${request.principal ? 'device' : 'address'}: at most ${limit.max} per ${Math.round(rateLimitWindowMs / 1000)} s. Try again in ${limit.after}.`,
      ),
  });
}
