// GET /v1/trust-list: the keys the organisation trusts, for every enrolled device: each with its
// role and offices, and a revoked key with the time of its revocation (hub/trust.ts).
import type { FastifyInstance } from 'fastify';
import type { TrustList } from '../../core/reports/index';
import { trustListSchema } from '../../core/reports/index';
import { PATHS } from '../../core/sync/wire-protocol';
import type { HubContext } from '../hub-context';
import { DEVICE_AUTH, errors, ok } from '../openapi';
import { buildTrustList } from '../trust';

export function registerTrustListRoutes(app: FastifyInstance, context: HubContext): void {
  app.get(
    PATHS.trustList,
    {
      schema: {
        summary:
          'The trust list: every enrolled signing key with its role, offices and any revocation time',
        tags: ['devices'],
        security: DEVICE_AUTH,
        response: { 200: ok('The trust list', trustListSchema), ...errors(400, 401) },
      },
    },
    async (): Promise<TrustList> => buildTrustList(context.store),
  );
}
