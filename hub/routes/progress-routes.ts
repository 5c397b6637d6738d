// POST /v1/progress (an administrator's snapshot of a run in progress) and GET /v1/progress.
import type { FastifyInstance } from 'fastify';
import type { ProgressListResponse } from '../../core/sync/wire-protocol';
import { PATHS, progressQuerySchema, progressSnapshotSchema } from '../../core/sync/wire-protocol';
import { progressListResponseSchema, progressReceiptSchema } from '../api-schemas';
import { principalOf } from '../auth';
import { acceptsBody } from '../body-policy';
import type { HubContext } from '../hub-context';
import { DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';
import { parseInput } from '../parse-input';
import { listProgress, recordProgress } from '../progress';

export function registerProgressRoutes(app: FastifyInstance, context: HubContext): void {
  app.post(
    PATHS.progress,
    {
      ...acceptsBody({
        purpose: 'push progress',
        contentTypes: ['application/json'],
        limits: {
          admin: context.limits.progressSnapshotBytes,
          coordinator: context.limits.progressSnapshotBytes,
        },
      }),
      schema: {
        summary: 'Push a progress snapshot of a run (administrators and coordinators, own office)',
        description: 'Idempotent on (runId, takenAt): the same snapshot again is a replay (200).',
        tags: ['progress'],
        security: DEVICE_AUTH,
        body: jsonSchema(progressSnapshotSchema),
        response: {
          201: ok('Stored', progressReceiptSchema),
          200: ok('This snapshot was stored before', progressReceiptSchema),
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const snapshot = parseInput(progressSnapshotSchema, request.body, 'progress snapshot');
      const outcome = await recordProgress(context, principal, snapshot);
      return reply.status(outcome.status).send(outcome.receipt);
    },
  );

  app.get(
    PATHS.progress,
    {
      schema: {
        summary:
          'Runs in progress the caller may read: the latest snapshot and the history of each',
        tags: ['progress'],
        security: DEVICE_AUTH,
        querystring: jsonSchema(progressQuerySchema),
        response: { 200: ok('Runs', progressListResponseSchema), ...errors(400, 401) },
      },
    },
    async (request): Promise<ProgressListResponse> => {
      const { user } = principalOf(request);
      const query = parseInput(progressQuerySchema, request.query, 'query');
      return listProgress(context, user, query.runId);
    },
  );
}
