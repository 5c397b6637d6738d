// A message for a Microsoft Teams incoming webhook: a "message" with one Adaptive Card attachment
// (version 1.4). Teams' Workflows webhooks ("When a Teams webhook request is received"), which
// replace the retired Office 365 connectors, accept Adaptive Cards only, not the older
// MessageCard; the connectors accepted this shape too. Text goes in TextBlocks (wrap on) and a
// FactSet; long lists are cut so the card stays well under Teams' 28 KB message limit.
import type { RenderedMessage } from '../messages';

export const TEAMS_CARD_VERSION = '1.4';
const MAX_ITEMS = 30;
const MAX_TEXT = 1_000;

type CardElement = Record<string, unknown>;

export interface TeamsWebhookPayload {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: {
      $schema: string;
      type: 'AdaptiveCard';
      version: string;
      body: CardElement[];
    };
  }[];
}

function clip(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function teamsWebhookPayload(message: RenderedMessage): TeamsWebhookPayload {
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: clip(message.subject),
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
    },
    { type: 'TextBlock', text: clip(message.intro), wrap: true },
    {
      type: 'FactSet',
      facts: message.facts.map((fact) => ({
        title: clip(fact.label, 100),
        value: clip(fact.value),
      })),
    },
  ];
  if (message.listTitle !== null) {
    body.push({ type: 'TextBlock', text: message.listTitle, weight: 'Bolder', wrap: true });
    for (const item of message.items.slice(0, MAX_ITEMS)) {
      body.push({ type: 'TextBlock', text: `• ${clip(item)}`, wrap: true, spacing: 'None' });
    }
    if (message.items.length > MAX_ITEMS) {
      body.push({ type: 'TextBlock', text: `… +${message.items.length - MAX_ITEMS}`, wrap: true });
    }
  }
  body.push({ type: 'TextBlock', text: message.footer, isSubtle: true, size: 'Small', wrap: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: TEAMS_CARD_VERSION,
          body,
        },
      },
    ],
  };
}
