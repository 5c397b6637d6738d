// The OpenAPI document (@fastify/swagger, served at PATHS.openApi): every route declares its
// schemas as JSON Schema generated from zod (the wire protocol's request schemas and
// api-schemas.ts for answers), so the document is derived from the contract, never written twice.
// Fastify only documents with them: requests are parsed with zod in the handlers (no ajv coercion
// or property stripping) and answers are serialised with plain JSON.stringify.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { WIRE_PROTOCOL_VERSION } from '../core/sync/wire-protocol';
import { errorResponseSchema } from './api-schemas';

export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
}

const errorJson = jsonSchema(errorResponseSchema);

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request: the body, parameters or query are not what the endpoint expects',
  401: 'No, an unknown or a revoked device token (or enrollment code)',
  403: 'The device may not do this (role or office)',
  404: 'No such report, revision, definition or shared run (or not one the caller may see)',
  409: 'Conflicts with what the hub already holds',
  413: 'The body is over the endpoint limit',
  415: 'Unsupported Content-Type',
  422: 'The report does not verify: details lists every problem',
  426: 'Another major version of the wire protocol',
  429: 'Rate limited: see Retry-After',
};

/** Error answers for a route, each an ErrorResponse. */
export function errors(...statuses: number[]): Record<number, Record<string, unknown>> {
  const out: Record<number, Record<string, unknown>> = {};
  for (const status of [...statuses, 426, 429]) {
    out[status] = { description: ERROR_DESCRIPTIONS[status] ?? 'Error', ...errorJson };
  }
  return out;
}

export function ok(description: string, schema: z.ZodType): Record<string, unknown> {
  return { description, ...jsonSchema(schema) };
}

/** A binary (or text) answer of one content type. */
export function content(description: string, type: string, format = 'binary') {
  return { description, content: { [type]: { schema: { type: 'string', format } } } };
}

export const DEVICE_AUTH = [{ deviceToken: [] }];
export const NO_AUTH: Record<string, string[]>[] = [];

export function registerOpenApi(app: FastifyInstance): void {
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  void app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Go-live Checklists hub',
        description:
          "Signed go-live reports, review signatures, run progress, checklist definitions and shared runs (members, plan, the relay of every device's events), synced from the offline-first app. Every request may carry x-golive-protocol; other major versions get 426.",
        version: `${WIRE_PROTOCOL_VERSION}.0.0`,
      },
      components: {
        securitySchemes: {
          deviceToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The device token from POST /v1/enroll.',
          },
        },
      },
    },
  });
}
