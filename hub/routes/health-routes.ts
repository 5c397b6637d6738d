// GET /v1/health (no auth: the app's reachability probe, and a monitor's liveness check) and GET
// /openapi.json (the API document). Both count against their own budget per address, never
// against enrollment's (rate-limits.ts).
import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../core/sync/wire-protocol';
import { PATHS, WIRE_PROTOCOL_VERSION } from '../../core/sync/wire-protocol';
import { healthResponseSchema } from '../api-schemas';
import type { HubContext } from '../hub-context';
import { nowIso } from '../hub-context';
import { errors, NO_AUTH, ok } from '../openapi';

export function registerHealthRoutes(app: FastifyInstance, context: HubContext): void {
  app.get(
    PATHS.health,
    {
      config: { isPublic: true, rateLimitGroup: 'health' },
      schema: {
        summary: 'Is the hub reachable? (no auth)',
        tags: ['health'],
        security: NO_AUTH,
        response: { 200: ok('The hub is up', healthResponseSchema), ...errors(400) },
      },
    },
    async (): Promise<HealthResponse> => ({
      status: 'ok',
      protocolVersion: WIRE_PROTOCOL_VERSION,
      time: nowIso(context),
    }),
  );

  app.get(
    PATHS.openApi,
    {
      config: { isPublic: true, rateLimitGroup: 'health' },
      schema: {
        summary: 'This API, as an OpenAPI 3 document (no auth)',
        tags: ['health'],
        security: NO_AUTH,
        response: {
          200: { description: 'The OpenAPI document', type: 'object', additionalProperties: true },
          ...errors(400),
        },
      },
    },
    async () => app.swagger(),
  );
}
