// The sender against a real SMTP server and a real webhook receiver on 127.0.0.1, over the
// in-memory outbox: a mail server that is down loses nothing and sends nothing twice once it is
// back; a webhook answering 500 then 200 gets one delivery; permanent refusals and exhausted
// retries end 'failed' with the reason; inward webhook targets are refused unless allowed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailChannel } from '../../../../hub/notifications/channels/email';
import { WebhookChannel } from '../../../../hub/notifications/channels/webhook';
import { rowsFor } from '../../../../hub/notifications/fan-out';
import { messageIdOf } from '../../../../hub/notifications/outbox';
import { NotificationSender } from '../../../../hub/notifications/sender';
import { BLOCKER, T0, prefs, user } from './fixtures';
import { MemoryNotificationStore } from './memory-notification-store';
import type { SmtpCapture } from './smtp-capture';
import { startSmtpCapture } from './smtp-capture';
import type { WebhookReceiver } from './webhook-receiver';
import { startWebhookReceiver } from './webhook-receiver';

let smtp: SmtpCapture;
let hooks: WebhookReceiver;
let store: MemoryNotificationStore;
let clock: { time: number };

beforeEach(async () => {
  smtp = await startSmtpCapture();
  hooks = await startWebhookReceiver();
  store = new MemoryNotificationStore();
  clock = { time: Date.parse(T0) };
});

afterEach(async () => {
  await smtp.stop();
  await hooks.close();
});

function sender(options: { allowPrivate?: boolean; maxAttempts?: number; id?: string } = {}) {
  return new NotificationSender({
    store,
    email: new EmailChannel({
      url: smtp.url,
      from: 'Go-live hub <hub@example.org>',
      timeoutMs: 2_000,
    }),
    webhook: new WebhookChannel({
      policy: { allowPrivate: options.allowPrivate ?? true },
      timeoutMs: 2_000,
    }),
    clock: () => new Date(clock.time),
    random: () => 0.5,
    maxAttempts: options.maxAttempts ?? 5,
    instanceId: options.id ?? 'sender-a',
    backoff: { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 60_000 },
  });
}

async function enqueue(preferences: ReturnType<typeof prefs>) {
  const recipient = { user: user('sam', 'supervisor', null, ['Berlin']), preferences };
  const rows = rowsFor(recipient, BLOCKER, 'blocker-raised:run-berlin:t1', T0);
  await store.writer().enqueue(rows, T0);
  return rows;
}

describe('notification sender', () => {
  it('loses nothing while the SMTP server is down and sends each mail once when it is back', async () => {
    const [row] = await enqueue(prefs({ email: 'sam@example.org' }));
    await smtp.stop();
    const down = await sender().runOnce();
    expect(down).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    const waiting = store.outbox.get(row?.id ?? '');
    expect(waiting?.state).toBe('pending');
    expect(waiting?.lastError).toMatch(/SMTP/);
    expect(Date.parse(waiting?.nextAttemptAt ?? '')).toBeGreaterThan(clock.time);

    await smtp.start();
    // Not due yet: nothing is claimed before the backoff ends.
    expect((await sender().runOnce()).claimed).toBe(0);
    clock.time += 60_000;
    expect(await sender().drain()).toMatchObject({ sent: 1, retried: 0 });
    clock.time += 3_600_000;
    expect((await sender().drain()).claimed).toBe(0);

    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.envelopeTo).toEqual(['sam@example.org']);
    expect(mail?.parsed.messageId).toBe(messageIdOf(row?.id ?? '', 'example.org'));
    expect(mail?.parsed.subject).toBe('Blocker raised: Berlin office (Berlin)');
    expect(mail?.parsed.text).toContain(
      'Second ISP line (network): Line not delivered <yet> & no date',
    );
    expect(mail?.parsed.html).toContain('Line not delivered &lt;yet&gt; &amp; no date');
    expect(store.outbox.get(row?.id ?? '')).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('delivers a webhook once when it answers 500 and then 200, with the same key and body', async () => {
    const [row] = await enqueue(
      prefs({ webhooks: [{ format: 'generic', url: hooks.url('/hook') }] }),
    );
    hooks.script.push(500);
    expect(await sender().runOnce()).toMatchObject({ retried: 1 });
    clock.time += 60_000;
    expect(await sender().drain()).toMatchObject({ sent: 1 });
    clock.time += 3_600_000;
    await sender().drain();
    expect(hooks.received.map((hook) => hook.status)).toEqual([500, 200]);
    const [first, second] = hooks.received;
    expect(first?.headers['idempotency-key']).toBe(row?.id);
    expect(second?.headers['idempotency-key']).toBe(row?.id);
    expect(second?.body).toEqual(first?.body);
    expect(store.outbox.get(row?.id ?? '')?.state).toBe('sent');
  });

  it('gives up after the last attempt and keeps the reason for the admin', async () => {
    const [row] = await enqueue(
      prefs({ webhooks: [{ format: 'slack', url: hooks.url('/slack') }] }),
    );
    hooks.script.push(503, 503, 503);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await sender({ maxAttempts: 3 }).runOnce();
      clock.time += 120_000;
    }
    expect(store.outbox.get(row?.id ?? '')).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'HTTP 503 (gave up after 3 attempts)',
    });
    expect(await sender({ maxAttempts: 3 }).drain()).toMatchObject({ claimed: 0 });
    expect(hooks.received).toHaveLength(3);
  });

  it('fails at once on a refusal that cannot change: SMTP 550, a webhook 404', async () => {
    smtp.refuse.add('gone@example.org');
    const mail = await enqueue(prefs({ email: 'gone@example.org' }));
    const hook = await enqueue(
      prefs({ webhooks: [{ format: 'teams', url: hooks.url('/missing') }] }),
    );
    hooks.script.push(404);
    expect(await sender().drain()).toMatchObject({ failed: 2, sent: 0, retried: 0 });
    expect(store.outbox.get(mail[0]?.id ?? '')?.lastError).toMatch(/550/);
    expect(store.outbox.get(hook[0]?.id ?? '')?.lastError).toBe('HTTP 404');
    expect(smtp.mails).toHaveLength(0);
  });

  it('refuses a webhook on a loopback address unless the hub allows internal targets', async () => {
    const [row] = await enqueue(prefs({ webhooks: [{ format: 'generic', url: hooks.url('/x') }] }));
    expect(await sender({ allowPrivate: false }).drain()).toMatchObject({ failed: 1 });
    expect(store.outbox.get(row?.id ?? '')?.lastError).toMatch(/loopback address/);
    expect(hooks.received).toHaveLength(0);
  });

  it('refuses a public name that resolves to an inward address when it connects (DNS rebinding)', async () => {
    const port = new URL(hooks.url('/')).port;
    const [row] = await enqueue(
      prefs({ webhooks: [{ format: 'generic', url: `http://hooks.example.org:${port}/x` }] }),
    );
    // The name was public when saved; now it resolves to the hub's own loopback.
    const rebinding = new WebhookChannel({
      policy: { allowPrivate: false },
      resolve: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    const result = await rebinding.deliver(row ?? { id: '', target: '', payload: '' });
    expect(result).toEqual({
      ok: false,
      permanent: true,
      error: expect.stringMatching(
        /hooks\.example\.org resolves to 127\.0\.0\.1, a loopback address/,
      ),
    });
    expect(hooks.received).toHaveLength(0);
    // The same name resolving to the same address is used when internal targets are allowed.
    const allowed = new WebhookChannel({
      policy: { allowPrivate: true },
      resolve: (_host, _options, callback) => callback(null, [{ address: '127.0.0.1', family: 4 }]),
    });
    expect(await allowed.deliver(row ?? { id: '', target: '', payload: '' })).toMatchObject({
      ok: true,
    });
    expect(hooks.received).toHaveLength(1);
  });

  it('ignores the mark of a sender whose claim ran out and was taken over', async () => {
    const [row] = await enqueue(prefs({ email: 'sam@example.org' }));
    const id = row?.id ?? '';
    const first = await store.claimDueNotifications('sender-a', T0, T0, 10);
    expect(first).toHaveLength(1);
    // The claim ran out at T0 (sender-a died mid-send); sender-b claims the row again.
    const second = await store.claimDueNotifications(
      'sender-b',
      T0,
      '2025-06-02T09:00:00.000Z',
      10,
    );
    expect(second.map((r) => r.id)).toEqual([id]);
    expect(await store.markNotificationSent(id, 'sender-a', T0)).toBe(false);
    expect(await store.markNotificationSent(id, 'sender-b', T0)).toBe(true);
    expect(store.outbox.get(id)).toMatchObject({ state: 'sent', attempts: 2 });
  });
});
