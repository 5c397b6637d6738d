// POST /v1/enroll (no auth): a one-time code and the device's public signing key for a device token.
// Guessing codes is guarded twice: a code carries 100 random bits (tokens.ts), and each address may
// send only enrollFailureMax wrong codes per window before a lockout (429, checked before the body
// is read) that doubles with each lockout that follows (failure-budget.ts).
import type { FastifyInstance } from 'fastify';
import { enrollRequestSchema, PATHS } from '../../core/sync/wire-protocol';
import { enrollResponseSchema } from '../api-schemas';
import { acceptsBody } from '../body-policy';
import { redeemCode } from '../enrollment';
import { FailureBudget, retryAfterSeconds } from '../failure-budget';
import type { HubContext } from '../hub-context';
import { HubError } from '../hub-error';
import { errors, jsonSchema, NO_AUTH, ok } from '../openapi';
import { parseInput } from '../parse-input';

export function registerEnrollRoutes(app: FastifyInstance, context: HubContext): void {
  const { enrollFailureMax, enrollFailureWindowMs, enrollLockoutMaxMs } = context.limits;
  const wrongCodes = new FailureBudget({
    max: enrollFailureMax,
    windowMs: enrollFailureWindowMs,
    maxLockoutMs: enrollLockoutMaxMs,
    now: () => context.clock().getTime(),
  });

  app.post(
    PATHS.enroll,
    {
      ...acceptsBody(
        {
          purpose: 'enroll',
          contentTypes: ['application/json'],
          limits: { anonymous: context.limits.enrollBodyBytes },
        },
        { isPublic: true, rateLimitGroup: 'enroll' },
      ),
      onRequest: async (request, reply) => {
        const lockedMs = wrongCodes.retryAfterMs(request.ip);
        if (lockedMs <= 0) return;
        const seconds = retryAfterSeconds(lockedMs);
        reply.header('retry-after', String(seconds));
        throw new HubError(
          429,
          'rate-limited',
          `Too many wrong enrollment codes from this address: try again in ${seconds} s, or ask for a new code.`,
        );
      },
      schema: {
        summary: 'Enroll a device with a one-time code (no auth)',
        description: `The code is used once and expires after 7 days. The device token in the answer is shown once: the hub keeps only its SHA-256. After ${enrollFailureMax} wrong codes from one address in ${Math.round(enrollFailureWindowMs / 60_000)} minutes, that address is locked out (429, Retry-After), longer each time.`,
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
      const response = await redeemCode(context, body).catch((error: unknown) => {
        if (error instanceof HubError && error.statusCode === 401) wrongCodes.fail(request.ip);
        throw error;
      });
      return reply.status(201).send(response);
    },
  );
}
