// A message for a Slack incoming webhook: `text` (the fallback Slack shows in notifications) and
// Block Kit `blocks`: a header, the opening sentence, the facts as fields, the list, and a context
// line. Slack's limits are kept (header 150 characters, a section 3,000, at most 10 fields of
// 2,000), and &, < and > are escaped as Slack's mrkdwn requires, so a blocker's reason cannot
// mention @channel or forge a link.
import type { RenderedMessage } from '../messages';

const MAX_SECTION = 3_000;

interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
}

export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'context'; elements: SlackText[] };

export interface SlackWebhookPayload {
  text: string;
  blocks: SlackBlock[];
}

export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function slackWebhookPayload(message: RenderedMessage): SlackWebhookPayload {
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.subject, 150) } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: clip(escapeSlack(message.intro), MAX_SECTION) },
    },
  ];
  if (message.facts.length > 0) {
    blocks.push({
      type: 'section',
      fields: message.facts.slice(0, 10).map((fact) => ({
        type: 'mrkdwn',
        text: clip(`*${escapeSlack(fact.label)}*\n${escapeSlack(fact.value)}`, 2_000),
      })),
    });
  }
  if (message.listTitle !== null) {
    const list = message.items.map((item) => `• ${escapeSlack(item)}`).join('\n');
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`*${escapeSlack(message.listTitle)}*\n${list}`, MAX_SECTION),
      },
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeSlack(message.footer) }],
  });
  return { text: clip(escapeSlack(message.subject), MAX_SECTION), blocks };
}
