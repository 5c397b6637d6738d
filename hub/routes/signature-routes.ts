// POST /v1/reports/:reportId/:revision/signatures: a supervisor's countersign or send-back. Before
// the body is read, the revision must exist and be of an office the supervisor supervises; both
// failures answer the same 404 (report-access.ts).
import type { FastifyInstance } from 'fastify';
import { PATHS, signatureRequestSchema } from '../../core/sync/wire-protocol';
import { appendSignature } from '../append-signature';
import { reportParamsSchema, signatureReceiptSchema } from '../api-schemas';
import { principalOf } from '../auth';
import { acceptsBody } from '../body-policy';
import type { HubContext } from '../hub-context';
import { DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';
import { parseInput } from '../parse-input';
import { accessibleRevision } from '../report-access';

export function registerSignatureRoutes(app: FastifyInstance, context: HubContext): void {
  app.post(
    PATHS.reportSignatures,
    {
      ...acceptsBody({
        purpose: 'countersign or send back reports',
        contentTypes: ['application/json'],
        limits: { supervisor: context.limits.jsonBodyBytes },
      }),
      preParsing: async (request, _reply, payload) => {
        const { user } = principalOf(request);
        const params = parseInput(reportParamsSchema, request.params, 'path');
        await accessibleRevision(
          context.store,
          params.reportId,
          Number(params.revision),
          (office) => user.supervises.includes(office),
        );
        return payload;
      },
      schema: {
        summary: "Countersign or send back a report revision (supervisors of the report's office)",
        description:
          'The signature is verified over the stored body with the trust list; the same signature again is a replay (200). A revision of an office the supervisor does not supervise answers exactly like a missing one (404).',
        tags: ['reports'],
        security: DEVICE_AUTH,
        params: jsonSchema(reportParamsSchema),
        body: jsonSchema(signatureRequestSchema),
        response: {
          201: ok('Appended', signatureReceiptSchema),
          200: ok('This signature was already on the report', signatureReceiptSchema),
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const params = parseInput(reportParamsSchema, request.params, 'path');
      const body = parseInput(signatureRequestSchema, request.body, 'signature request');
      const outcome = await appendSignature(
        context,
        principal,
        params.reportId,
        Number(params.revision),
        body.signature,
      );
      return reply.status(outcome.status).send(outcome.receipt);
    },
  );
}
