// The hub's wire protocol for notification preferences: what each person chooses to receive when
// bad news happens (seed 002: bad news early, communicate more), by e-mail and by webhook, in which
// language. A user reads and replaces their own preferences (GET/PUT notificationPreferences); the
// app can offer a settings form from these shapes. The hub checks webhook targets further (it
// refuses loopback, link-local and private addresses unless its operator allows them).
// Part of the wire protocol (wire-protocol.ts re-exports it): bump WIRE_PROTOCOL_VERSION when a
// shape here changes incompatibly.
import { z } from 'zod';

export const NOTIFICATION_PATHS = {
  /** GET: the caller's notification preferences. PUT: replace them. */
  notificationPreferences: '/v1/notification-preferences',
} as const;

/**
 * What can cause a notification, and who it goes to:
 * - blocker-raised: an item of a run became blocked (the office's supervisors, the head);
 * - go-live-slipped: a run's expected go-live moved past its planned date, or further past it
 *   (the office's supervisors, the head);
 * - countersign-waiting: a signed-off report arrived and waits for a countersign (the office's
 *   supervisors);
 * - countersign-reminder: it has waited longer than the hub's reminder delay (the same people);
 * - sent-back: a supervisor sent a report back (the office's administrators);
 * - daily-digest: once a day, the state of the offices one oversees (supervisors, the head).
 */
export const NOTIFICATION_CAUSES = [
  'blocker-raised',
  'go-live-slipped',
  'countersign-waiting',
  'countersign-reminder',
  'sent-back',
  'daily-digest',
] as const;
export type NotificationCause = (typeof NOTIFICATION_CAUSES)[number];

export const NOTIFICATION_LANGUAGES = ['en', 'es'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** generic: the hub's own JSON; teams: an Adaptive Card message; slack: blocks with a text. */
export const WEBHOOK_FORMATS = ['generic', 'teams', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const NOTIFICATION_LIMITS = {
  webhooks: 5,
  urlLength: 2_000,
} as const;

/** Anything between the scheme and the host that a URL parser would read as a user name or password. */
const CREDENTIALS_IN_AUTHORITY = /^[a-z][a-z0-9+.-]*:[/\\]*[^/\\?#]*@/i;

/** An http(s) URL without credentials in it (the hub checks where it points when it sends). */
export const webhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })
  .max(NOTIFICATION_LIMITS.urlLength)
  .refine(
    (text) => !CREDENTIALS_IN_AUTHORITY.test(text),
    'an http:// or https:// URL without a user name or password in it',
  );

export const webhookTargetSchema = z.strictObject({
  format: z.enum(WEBHOOK_FORMATS),
  url: webhookUrlSchema,
});
export type WebhookTarget = z.infer<typeof webhookTargetSchema>;

export const notificationPreferencesSchema = z.strictObject({
  language: z.enum(NOTIFICATION_LANGUAGES),
  /** The causes this person wants to hear about; the others are not sent to them. */
  causes: z.array(z.enum(NOTIFICATION_CAUSES)).max(NOTIFICATION_CAUSES.length),
  /** Where e-mail goes; null: no e-mail. */
  email: z.email().max(254).nullable(),
  webhooks: z.array(webhookTargetSchema).max(NOTIFICATION_LIMITS.webhooks),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/** GET notificationPreferences: `stored` is false while the user has never saved any. */
export interface NotificationPreferencesResponse {
  preferences: NotificationPreferences;
  stored: boolean;
  updatedAt: string | null;
}

/**
 * What a user gets before they choose: every cause, in English, and no channel (the hub knows no
 * one's e-mail address until they give it), so nothing is sent until they say where.
 */
export function defaultNotificationPreferences(): NotificationPreferences {
  return { language: 'en', causes: [...NOTIFICATION_CAUSES], email: null, webhooks: [] };
}
