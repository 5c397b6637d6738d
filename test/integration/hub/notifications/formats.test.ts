// What a notification looks like on each channel, in each language: the Teams message (an
// Adaptive Card attachment), the Slack message (text and blocks, mrkdwn escaped), the generic JSON
// (the event's facts for programs) and the e-mail text; and that a recipient gets only the causes
// they chose, on the channels they gave.
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CAUSES } from '../../../../core/sync/wire-protocol';
import type { NoticeEvent } from '../../../../hub/notifications/events';
import { rowsFor } from '../../../../hub/notifications/fan-out';
import { render } from '../../../../hub/notifications/messages';
import { webhookUrlProblem } from '../../../../hub/notifications/target-policy';
import { BLOCKER, T0, WAITING, prefs, user } from './fixtures';

const sam = user('sam', 'supervisor', null, ['Berlin']);

function payloadOf(format: 'generic' | 'teams' | 'slack', event: NoticeEvent = BLOCKER) {
  const [row] = rowsFor(
    {
      user: sam,
      preferences: prefs({ webhooks: [{ format, url: 'https://hooks.example.org/x' }] }),
    },
    event,
    'key',
    T0,
  );
  return JSON.parse(row?.payload ?? 'null') as Record<string, unknown>;
}

describe('notification formats', () => {
  it('Teams: a message with one Adaptive Card 1.4 attachment holding the text and the facts', () => {
    const payload = payloadOf('teams');
    expect(payload.type).toBe('message');
    const attachments = payload.attachments as Record<string, unknown>[];
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachments[0]?.content as {
      type: string;
      version: string;
      body: Record<string, unknown>[];
    };
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Blocker raised: Berlin office (Berlin)',
      weight: 'Bolder',
    });
    expect(card.body.find((element) => element.type === 'FactSet')).toMatchObject({
      facts: expect.arrayContaining([{ title: 'Office', value: 'Berlin' }]),
    });
    expect(card.body.map((element) => element.text)).toContain(
      '• Second ISP line (network): Line not delivered <yet> & no date',
    );
  });

  it('Slack: a fallback text and blocks (header, section, fields, list, context), mrkdwn escaped', () => {
    const payload = payloadOf('slack') as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string }; fields?: unknown[] }[];
    };
    expect(payload.text).toBe('Blocker raised: Berlin office (Berlin)');
    expect(payload.blocks.map((block) => block.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
    ]);
    expect(payload.blocks[0]?.text).toEqual({
      type: 'plain_text',
      text: 'Blocker raised: Berlin office (Berlin)',
    });
    expect(payload.blocks[2]?.fields).toContainEqual({ type: 'mrkdwn', text: '*Office*\nBerlin' });
    expect(payload.blocks[3]?.text?.text).toBe(
      '*Blocked*\n• Second ISP line (network): Line not delivered &lt;yet&gt; &amp; no date',
    );
  });

  it('generic JSON: versioned, with the id, the words and the event facts', () => {
    const payload = payloadOf('generic', WAITING);
    expect(payload).toMatchObject({
      type: 'golive.notification',
      version: 1,
      cause: 'countersign-waiting',
      language: 'en',
      subject: 'Waiting for your countersign: Berlin office (Berlin), revision 1',
      event: WAITING,
    });
    expect(payload.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('speaks Spanish to a recipient who chose Spanish, in every cause', () => {
    const es = render(BLOCKER, 'es');
    expect(es.subject).toBe('Bloqueo registrado: Berlin office (Berlin)');
    expect(es.intro).toContain('marcado como bloqueado');
    expect(es.facts[0]).toEqual({ label: 'Oficina', value: 'Berlin' });
    expect(render(WAITING, 'es').subject).toBe(
      'Pendiente de su refrendo: Berlin office (Berlin), revisión 1',
    );
    const [mail] = rowsFor(
      { user: sam, preferences: prefs({ language: 'es', email: 'sam@example.org' }) },
      BLOCKER,
      'k',
      T0,
    );
    expect(mail?.subject).toBe('Bloqueo registrado: Berlin office (Berlin)');
    expect(JSON.parse(mail?.payload ?? '{}').text).toContain('Oficina:');
  });

  it('sends only the causes a person chose, on the channels they gave, and nothing without a channel', () => {
    const only = prefs({ causes: ['sent-back'], email: 'sam@example.org' });
    expect(rowsFor({ user: sam, preferences: only }, BLOCKER, 'k', T0)).toEqual([]);
    expect(rowsFor({ user: sam, preferences: prefs({}) }, BLOCKER, 'k', T0)).toEqual([]);
    const both = prefs({
      email: 'sam@example.org',
      webhooks: [
        { format: 'teams', url: 'https://a.example.org/' },
        { format: 'slack', url: 'https://b.example.org/' },
      ],
    });
    const rows = rowsFor({ user: sam, preferences: both }, BLOCKER, 'k', T0);
    expect(rows.map((row) => [row.format, row.target])).toEqual([
      ['email', 'sam@example.org'],
      ['teams', 'https://a.example.org/'],
      ['slack', 'https://b.example.org/'],
    ]);
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    // The same event for the same person and channel is the same notification.
    expect(
      rowsFor({ user: sam, preferences: both }, BLOCKER, 'k', T0).map((row) => row.id),
    ).toEqual(rows.map((row) => row.id));
    expect(NOTIFICATION_CAUSES).toHaveLength(6);
  });

  it('refuses webhook URLs that point inward or are not http(s), unless internal targets are allowed', () => {
    const strict = { allowPrivate: false };
    expect(webhookUrlProblem('https://hooks.slack.com/services/x', strict)).toBeUndefined();
    for (const url of [
      'http://127.0.0.1:8787/v1/health',
      'http://localhost/x',
      'http://10.1.2.3/x',
      'http://192.168.0.10/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://[fd00::1]/x',
      'http://0.0.0.0/x',
    ]) {
      expect(webhookUrlProblem(url, strict), url).toBeDefined();
    }
    expect(webhookUrlProblem('ftp://example.org/x', strict)).toMatch(/only http and https/);
    expect(webhookUrlProblem('https://user:pw@example.org/x', strict)).toMatch(/user name/);
    expect(webhookUrlProblem('http://127.0.0.1:9/x', { allowPrivate: true })).toBeUndefined();
  });
});
