// GET /v1/definitions (published checklist definitions) and GET /v1/definitions/:id/:version (the
// YAML text, byte for byte as published: runs pin its hash).
import type { FastifyInstance } from 'fastify';
import type { DefinitionListResponse } from '../../core/sync/wire-protocol';
import { DEFINITION_HASH_HEADER, PATHS } from '../../core/sync/wire-protocol';
import { definitionListResponseSchema, definitionParamsSchema } from '../api-schemas';
import type { HubContext } from '../hub-context';
import { notFound } from '../hub-error';
import { content, DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';
import { parseInput } from '../parse-input';

export function registerDefinitionRoutes(app: FastifyInstance, context: HubContext): void {
  app.get(
    PATHS.definitions,
    {
      schema: {
        summary: 'Published checklist definitions',
        tags: ['definitions'],
        security: DEVICE_AUTH,
        response: { 200: ok('Definitions', definitionListResponseSchema), ...errors(400, 401) },
      },
    },
    async (): Promise<DefinitionListResponse> => ({
      definitions: await context.store.listDefinitions(),
    }),
  );

  app.get(
    PATHS.definition,
    {
      schema: {
        summary: 'The YAML text of one published definition',
        tags: ['definitions'],
        security: DEVICE_AUTH,
        params: jsonSchema(definitionParamsSchema),
        response: {
          200: content('The YAML (its SHA-256 in x-definition-hash)', 'application/yaml', 'text'),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const params = parseInput(definitionParamsSchema, request.params, 'path');
      const definition = await context.store.getDefinition(params.id, params.version);
      if (!definition)
        throw notFound(`${params.id}@${params.version} is not published on this hub.`);
      return reply
        .header('content-type', 'application/yaml; charset=utf-8')
        .header(DEFINITION_HASH_HEADER, definition.hash)
        .send(definition.text);
    },
  );
}
