// POST /v1/definitions: the head of ICT publishes a checklist definition from the app's Templates
// editor (the admin CLI's `publish-definition` does the same from a file). The body is the YAML
// text, byte for byte (Content-Type application/yaml, at most 1,000,000 bytes, refused for any
// other role before a byte is read: body-policy.ts). It must be UTF-8 and pass the core validator
// (400 with every problem as path:line:col: message); then publish-definition.ts stores it:
// 201 when new, 200 when exactly these bytes were published before (a retry), 409 when the
// version exists with other content (a published version never changes). Devices pull it on
// their next sync (GET /v1/definitions). Scoped plugin: the YAML body parser applies here only.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { validateDefinitionText } from '../../core/definitions/index';
import { decodeUtf8Strict } from '../../core/reports/utf8';
import {
  DEFINITION_BODY_BYTES,
  DEFINITION_CONTENT_TYPE,
  type DefinitionPublishReceipt,
} from '../../core/sync/definition-publish';
import { PATHS } from '../../core/sync/wire-protocol';
import { acceptsBody } from '../body-policy';
import type { HubContext } from '../hub-context';
import { badRequest, conflict } from '../hub-error';
import { DEVICE_AUTH, errors, ok } from '../openapi';
import { publishDefinition } from '../publish-definition';

/** How the validator names the uploaded text in its problems. */
const UPLOAD_NAME = 'definition.yaml';
const MAX_DETAILS = 100;

const publishReceiptSchema = z.object({
  id: z.string(),
  version: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  publishedAt: z.string(),
  replay: z.boolean(),
});
// Compile-time proof that the documented answer is the protocol's receipt.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type IsTrue<T extends true> = T;
export type PublishReceiptMatchesProtocol = IsTrue<
  Same<z.infer<typeof publishReceiptSchema>, DefinitionPublishReceipt>
>;

export function registerDefinitionPublishRoutes(app: FastifyInstance, context: HubContext): void {
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(
      DEFINITION_CONTENT_TYPE,
      { parseAs: 'buffer' },
      (_request, body, done) => done(null, body),
    );
    scoped.post(
      PATHS.definitions,
      {
        ...acceptsBody({
          purpose: 'publish checklist definitions',
          contentTypes: [DEFINITION_CONTENT_TYPE],
          limits: { head: DEFINITION_BODY_BYTES },
        }),
        schema: {
          summary: 'Publish a checklist definition (the head of ICT)',
          description:
            'The body is the YAML file, byte for byte. Validated like every definition; the same bytes again are a replay (200); another text for a published id and version is a conflict (409).',
          tags: ['definitions'],
          security: DEVICE_AUTH,
          body: {
            content: { [DEFINITION_CONTENT_TYPE]: { schema: { type: 'string' } } },
          },
          response: {
            201: ok('Published', publishReceiptSchema),
            200: ok('These exact bytes were published before', publishReceiptSchema),
            ...errors(400, 401, 403, 409, 413, 415),
          },
        },
      },
      async (request, reply) => {
        const bytes = request.body;
        if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
          throw badRequest('The body is empty: send the definition YAML as application/yaml.');
        }
        const text = decodeUtf8Strict(bytes);
        if (text === undefined) throw badRequest('The definition is not valid UTF-8 text.');
        const validated = validateDefinitionText(text, UPLOAD_NAME);
        if (!validated.ok) {
          throw badRequest(
            `The definition does not validate (${validated.problems.length} problem${validated.problems.length === 1 ? '' : 's'}): nothing was published.`,
            validated.problems
              .slice(0, MAX_DETAILS)
              .map((p) => `${p.path}:${p.line}:${p.column}: ${p.message}`),
          );
        }
        const outcome = await publishDefinition(context.store, text, UPLOAD_NAME, context.clock());
        if (!outcome.ok)
          throw conflict(outcome.problems[0] ?? 'Already published.', outcome.problems);
        const stored = await context.store.getDefinition(outcome.id, outcome.version);
        const receipt: DefinitionPublishReceipt = {
          id: outcome.id,
          version: outcome.version,
          hash: outcome.hash,
          publishedAt: stored?.publishedAt ?? context.clock().toISOString(),
          replay: outcome.alreadyPublished,
        };
        return reply.status(outcome.alreadyPublished ? 200 : 201).send(receipt);
      },
    );
  });
}
