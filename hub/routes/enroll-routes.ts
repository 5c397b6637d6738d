// POST /v1/enroll (no auth): a one-time code and the device's public signing key for a device token.
import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, PATHS } from '../../core/sync/wire-protocol';
import { enrollResponseSchema } from '../api-schemas';
import { redeemCode } from '../enrollment';
import type { HubContext } from '../hub-context';
import { errors, jsonSchema, NO_AUTH, ok } from '../openapi';
import { parseInput } from '../parse-input';

export function registerEnrollRoutes(app: FastifyInstance, context: HubContext): void {
  app.post(
    PATHS.enroll,
    {
      config: { isPublic: true },
      schema: {
        summary: 'Enroll a device with a one-time code (no auth)',
        description:
          'The code is used once and expires after 7 days. The device token in the answer is shown once: the hub keeps only its SHA-256.',
        tags: ['devices'],
        security: NO_AUTH,
        body: jsonSchema(enrollRequestSchema),
        response: {
          201: ok('Enrolled: the device token, the user and the trust list', enrollResponseSchema),
          ...errors(400, 401, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const body = parseInput(enrollRequestSchema, request.body, 'enrollment request');
      const response = await redeemCode(context, body);
      return reply.status(201).send(response);
    },
  );
}
