// The hub's own webhook format: one JSON object with the words (in the recipient's language) and
// the facts of the event for programs, versioned so receivers can rely on it. The notification id
// is also sent as the Idempotency-Key header (channels/webhook.ts): a receiver that keeps the ids
// it has seen can drop the rare duplicate (see README: at least once).
import type { NoticeEvent } from '../events';
import type { RenderedMessage } from '../messages';

export const GENERIC_WEBHOOK_VERSION = 1;

export interface GenericWebhookPayload {
  type: 'golive.notification';
  version: typeof GENERIC_WEBHOOK_VERSION;
  id: string;
  cause: NoticeEvent['cause'];
  language: RenderedMessage['language'];
  createdAt: string;
  subject: string;
  text: string;
  facts: RenderedMessage['facts'];
  listTitle: string | null;
  items: string[];
  event: NoticeEvent;
}

export function genericWebhookPayload(
  id: string,
  createdAt: string,
  event: NoticeEvent,
  message: RenderedMessage,
): GenericWebhookPayload {
  return {
    type: 'golive.notification',
    version: GENERIC_WEBHOOK_VERSION,
    id,
    cause: event.cause,
    language: message.language,
    createdAt,
    subject: message.subject,
    text: message.intro,
    facts: message.facts,
    listTitle: message.listTitle,
    items: message.items,
    event,
  };
}
