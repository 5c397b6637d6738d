// From one event to the outbox rows: who hears of it (audience), then per recipient who wants this
// cause, one row per channel they gave (their e-mail address, each webhook), rendered in their
// language. A recipient without any channel gets nothing (and nothing is written for them).
import type { NoticeEvent } from './events';
import { emailBody } from './formats/email-body';
import { genericWebhookPayload } from './formats/generic-webhook';
import { slackWebhookPayload } from './formats/slack-webhook';
import { teamsWebhookPayload } from './formats/teams-webhook';
import { render } from './messages';
import type { Recipient } from './notification-store';
import type { DeliveryFormat, EmailPayload, NewNotification } from './outbox';
import { notificationId } from './outbox';

export type Audience = (recipient: Recipient) => boolean;

export const supervisorsOf =
  (office: string): Audience =>
  ({ user }) =>
    user.role === 'supervisor' && user.supervises.includes(office);

export const administratorsOf =
  (office: string): Audience =>
  ({ user }) =>
    user.role === 'admin' && user.office === office;

export const heads: Audience = ({ user }) => user.role === 'head';

export const anyOf =
  (...audiences: Audience[]): Audience =>
  (recipient) =>
    audiences.some((audience) => audience(recipient));

export function rowsFor(
  recipient: Recipient,
  event: NoticeEvent,
  eventKey: string,
  createdAt: string,
): NewNotification[] {
  const { user, preferences } = recipient;
  if (user.revokedAt !== null || !preferences.causes.includes(event.cause)) return [];
  const message = render(event, preferences.language);
  const rows: NewNotification[] = [];
  const row = (format: DeliveryFormat, target: string, payload: (id: string) => string) => {
    const id = notificationId(eventKey, user.userId, format, target);
    rows.push({
      id,
      cause: event.cause,
      eventKey,
      userId: user.userId,
      format,
      target,
      subject: message.subject,
      payload: payload(id),
      createdAt,
    });
  };
  if (preferences.email !== null) {
    const { text, html } = emailBody(message);
    row('email', preferences.email, () => JSON.stringify({ text, html } satisfies EmailPayload));
  }
  for (const webhook of preferences.webhooks) {
    row(webhook.format, webhook.url, (id) => {
      switch (webhook.format) {
        case 'generic':
          return JSON.stringify(genericWebhookPayload(id, createdAt, event, message));
        case 'teams':
          return JSON.stringify(teamsWebhookPayload(message));
        case 'slack':
          return JSON.stringify(slackWebhookPayload(message));
      }
    });
  }
  return rows;
}

export function fanOut(
  recipients: readonly Recipient[],
  audience: Audience,
  event: NoticeEvent,
  eventKey: string,
  createdAt: string,
): NewNotification[] {
  return recipients
    .filter(audience)
    .flatMap((recipient) => rowsFor(recipient, event, eventKey, createdAt));
}
