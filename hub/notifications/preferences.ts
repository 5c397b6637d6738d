// Reading and replacing one user's notification preferences (the hub routes and the CLI): the
// wire schema first (core/sync/notification-protocol.ts), then where each webhook points (the
// SSRF policy, target-policy.ts), then stored whole. Causes are kept once each, in catalogue order.
import type {
  NotificationPreferences,
  NotificationPreferencesResponse,
} from '../../core/sync/wire-protocol';
import {
  NOTIFICATION_CAUSES,
  defaultNotificationPreferences,
  notificationPreferencesSchema,
} from '../../core/sync/wire-protocol';
import { badRequest } from '../hub-error';
import { parseInput } from '../parse-input';
import type { NotificationStore } from './notification-store';
import type { TargetPolicy } from './target-policy';
import { webhookUrlProblem } from './target-policy';

export async function readPreferences(
  store: NotificationStore,
  userId: string,
): Promise<NotificationPreferencesResponse> {
  const stored = await store.getNotificationPreferences(userId);
  return stored === undefined
    ? { preferences: defaultNotificationPreferences(), stored: false, updatedAt: null }
    : { preferences: stored.preferences, stored: true, updatedAt: stored.updatedAt };
}

/** The preferences as given, checked; throws a 400 naming each problem. */
export function checkPreferences(input: unknown, policy: TargetPolicy): NotificationPreferences {
  const parsed = parseInput(notificationPreferencesSchema, input, 'notification preferences');
  const problems = parsed.webhooks.flatMap((webhook, index) => {
    const problem = webhookUrlProblem(webhook.url, policy);
    return problem === undefined ? [] : [`webhooks.${index}.url: the URL ${problem}`];
  });
  if (problems.length > 0) {
    throw badRequest('A webhook URL is not one the hub will send to.', problems);
  }
  return {
    ...parsed,
    causes: NOTIFICATION_CAUSES.filter((cause) => parsed.causes.includes(cause)),
  };
}

export async function replacePreferences(
  store: NotificationStore,
  userId: string,
  input: unknown,
  policy: TargetPolicy,
  at: string,
): Promise<NotificationPreferencesResponse> {
  const preferences = checkPreferences(input, policy);
  await store.setNotificationPreferences(userId, preferences, at);
  return { preferences, stored: true, updatedAt: at };
}
