// GET and PUT /v1/notification-preferences: every enrolled user reads and replaces their own
// notification preferences (which causes, their e-mail address, their webhooks, their language);
// nobody reads or sets another's here (the hub's CLI can, for the operator).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { NotificationPreferencesResponse } from '../../core/sync/wire-protocol';
import { HUB_ROLES, PATHS, notificationPreferencesSchema } from '../../core/sync/wire-protocol';
import { principalOf } from '../auth';
import { acceptsBody } from '../body-policy';
import type { HubContext } from '../hub-context';
import { nowIso } from '../hub-context';
import { readPreferences, replacePreferences } from '../notifications/preferences';
import { DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';

const PREFERENCES_BODY_BYTES = 16 * 1024;

const responseSchema = z.object({
  preferences: notificationPreferencesSchema,
  stored: z.boolean(),
  updatedAt: z.string().nullable(),
}) satisfies z.ZodType<NotificationPreferencesResponse>;

export function registerNotificationPreferenceRoutes(
  app: FastifyInstance,
  context: HubContext,
): void {
  const notifications = context.store.notifications;

  app.get(
    PATHS.notificationPreferences,
    {
      schema: {
        summary: "The caller's notification preferences (defaults until they save some)",
        tags: ['notifications'],
        security: DEVICE_AUTH,
        response: { 200: ok('Preferences', responseSchema), ...errors(401) },
      },
    },
    async (request): Promise<NotificationPreferencesResponse> =>
      readPreferences(notifications, principalOf(request).user.userId),
  );

  app.put(
    PATHS.notificationPreferences,
    {
      ...acceptsBody({
        purpose: 'set notification preferences',
        contentTypes: ['application/json'],
        limits: Object.fromEntries(HUB_ROLES.map((role) => [role, PREFERENCES_BODY_BYTES])),
      }),
      schema: {
        summary: "Replace the caller's notification preferences",
        description:
          'Webhook URLs must be http(s) without credentials; loopback, private and link-local targets are refused unless the hub allows internal targets (HUB_NOTIFY_ALLOW_PRIVATE_TARGETS).',
        tags: ['notifications'],
        security: DEVICE_AUTH,
        body: jsonSchema(notificationPreferencesSchema),
        response: { 200: ok('Saved', responseSchema), ...errors(400, 401, 413, 415) },
      },
    },
    async (request): Promise<NotificationPreferencesResponse> =>
      replacePreferences(
        notifications,
        principalOf(request).user.userId,
        request.body,
        context.notificationTargets,
        nowIso(context),
      ),
  );
}
