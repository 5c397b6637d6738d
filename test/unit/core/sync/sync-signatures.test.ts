// The engine pushing a supervisor's decision (outbox kind 'signature': a countersign or send-back
// over a report revision the hub holds), one answer at a time with a scripted transport: the
// receipt delivers it, a replay receipt after a lost answer counts as delivered (the hub keeps it
// once), "later" answers (5xx, no answer, and 404: the hub does not hold the revision yet) retry
// with backoff, refusals (409, 422) wait for a person, and the order rules hold (a signature waits
// for the signatures before it and for its revision when this device pushes that too).
import { describe, expect, it } from 'vitest';
import type { BackoffPolicy, HubRequest, SyncEngineDeps } from '../../../../core/sync/index';
import { runSyncCycle, signatureOutboxKey } from '../../../../core/sync/index';
import type { Handler } from './fakes';
import { createMemoryOutbox, networkDown, response, scriptedTransport, testClock } from './fakes';

const policy: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };
const RECEIVED_AT = '2025-06-02T08:00:01.000Z';
const HASH = 'a'.repeat(64);

/** A signature as the outbox holds it: canonical JSON, frozen when the supervisor decided. */
function payload(purpose: 'countersign' | 'send-back', comment?: string): string {
  return JSON.stringify({
    statement: {
      comment,
      format: 'go-live-report',
      formatVersion: 1,
      purpose,
      reportHash: HASH,
      signedAt: '2025-06-02T07:30:00.000Z',
      signer: { name: 'Sam Supervisor', publicKey: 'k'.repeat(43), role: 'supervisor' },
    },
    value: 'v'.repeat(86),
  });
}

const SIGNATURES_PATH = /^\/v1\/reports\/([^/]+)\/(\d+)\/signatures$/;

function signatureRequest(request: HubRequest) {
  const match = SIGNATURES_PATH.exec(request.path);
  if (!match) return undefined;
  const body = JSON.parse(new TextDecoder().decode(request.body)) as { signature: unknown };
  return {
    reportId: decodeURIComponent(match[1] ?? ''),
    revision: Number(match[2]),
    json: JSON.stringify(body.signature),
  };
}

/** Appends each distinct signature once, in order; the same signature again is a replay (200). */
function signatureHub() {
  const stored = new Map<string, string[]>();
  let appended = 0;
  const handler = (request: HubRequest) => {
    const sent = signatureRequest(request);
    if (!sent) return response(404, { error: 'not-found', message: 'No such route.' });
    const key = `${sent.reportId}@${sent.revision}`;
    const list = stored.get(key) ?? ['sign-off'];
    const found = list.indexOf(sent.json);
    const isReplay = found >= 0;
    if (!isReplay) {
      list.push(sent.json);
      appended += 1;
    }
    stored.set(key, list);
    return response(isReplay ? 200 : 201, {
      reportId: sent.reportId,
      revision: sent.revision,
      reportHash: HASH,
      index: isReplay ? found : list.length - 1,
      reviewState: 'sent-back',
      receivedAt: RECEIVED_AT,
      replay: isReplay,
    });
  };
  return { stored, handler, appended: () => appended };
}

function setup(handler: Handler, extra: Partial<SyncEngineDeps> = {}) {
  const outbox = createMemoryOutbox();
  const clock = testClock();
  const transport = scriptedTransport(handler);
  const queue = (index = 1, purpose: 'countersign' | 'send-back' = 'send-back', reportId = 'r1') =>
    outbox.add({
      kind: 'signature',
      key: signatureOutboxKey(reportId, 1, index),
      payload: payload(purpose, purpose === 'send-back' ? 'Failover test missing.' : undefined),
    });
  const run = (more: Partial<SyncEngineDeps> = {}) =>
    runSyncCycle({
      transport,
      outbox,
      reports: { bundle: async () => undefined },
      role: 'supervisor',
      clock: clock.now,
      random: () => 0.5,
      config: { backoff: policy },
      ...extra,
      ...more,
    });
  const posts = () => transport.log.filter((r) => SIGNATURES_PATH.test(r.path));
  return { outbox, clock, transport, queue, run, posts };
}

describe('pushing a supervisor signature', () => {
  it('posts the frozen signature to the revision and marks it sent on the receipt', async () => {
    const hub = signatureHub();
    const { queue, run, outbox, posts } = setup(hub.handler);
    const entry = queue();
    const result = await run();
    expect(result.outcome).toBe('ok');
    expect(result.pushed).toMatchObject({ sent: 1, replayed: 0, failed: 0, retrying: 0 });
    const [post] = posts();
    expect(post).toMatchObject({
      method: 'POST',
      path: '/v1/reports/r1/1/signatures',
      contentType: 'application/json',
    });
    expect(new TextDecoder().decode(post?.body)).toBe(`{"signature":${entry.payload ?? ''}}`);
    const row = outbox.get(entry.seq);
    expect(row?.state).toBe('sent');
    expect(JSON.parse(row?.receipt ?? '{}')).toMatchObject({
      reportId: 'r1',
      revision: 1,
      index: 1,
      reviewState: 'sent-back',
      receivedAt: RECEIVED_AT,
      replay: false,
    });
  });

  it('a lost answer is retried, and the replay receipt proves the hub kept it once', async () => {
    const hub = signatureHub();
    let isDropping = true;
    const { queue, run, outbox, clock, posts } = setup((request) => {
      const answer = hub.handler(request);
      return isDropping ? networkDown() : answer;
    });
    const entry = queue();
    const first = await run();
    expect(first.outcome).toBe('partial');
    expect(outbox.get(entry.seq)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: '[network]',
    });
    isDropping = false;
    clock.advance(60_000);
    const second = await run();
    expect(second.pushed).toMatchObject({ sent: 1, replayed: 1 });
    expect(outbox.get(entry.seq)?.state).toBe('sent');
    expect(posts()).toHaveLength(2);
    // The same bytes both times, appended once.
    expect(new Set(posts().map((r) => new TextDecoder().decode(r.body))).size).toBe(1);
    expect(hub.appended()).toBe(1);
  });

  it.each([
    ['503', () => response(503), '[http 503]'],
    ['a timeout', () => networkDown(), '[network]'],
    [
      '404 (the hub does not hold the revision yet)',
      () =>
        response(404, { error: 'not-found', message: 'The hub has no revision 1 of report r1.' }),
      'The hub has no revision 1 of report r1.',
    ],
  ])('retries after %s, later, with backoff', async (_name, answer, lastError) => {
    const { queue, run, outbox, clock, posts } = setup(answer);
    const entry = queue();
    const result = await run();
    expect(result.outcome).toBe('partial');
    expect(outbox.get(entry.seq)).toMatchObject({ state: 'pending', attempts: 1, lastError });
    expect(Date.parse(outbox.get(entry.seq)?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(
      500,
    );
    await run();
    expect(posts()).toHaveLength(1);
    clock.advance(500);
    await run();
    expect(posts()).toHaveLength(2);
  });

  it.each([
    [
      409,
      'conflict',
      'Revision 1 of report r1 was already sent back: it needs a new revision, not another signature.',
    ],
    [422, 'invalid-report', 'The signature does not verify over the stored report.'],
    [403, 'forbidden', 'Sam Supervisor does not supervise Madrid.'],
  ])('a %s refusal waits for a person with the hub message', async (status, error, message) => {
    const { queue, run, outbox, clock, posts } = setup(() => response(status, { error, message }));
    const entry = queue();
    const result = await run();
    expect(result.pushed.failed).toBe(1);
    expect(outbox.get(entry.seq)).toMatchObject({ state: 'failed', lastError: message });
    clock.advance(24 * 3_600_000);
    await run();
    expect(posts()).toHaveLength(1);
  });

  it('never calls a receipt for another slot or another report hash delivered', async () => {
    let receipt: Record<string, unknown> = {};
    const { queue, run, outbox } = setup(() => response(201, receipt));
    const base = {
      reportId: 'r1',
      revision: 1,
      reportHash: HASH,
      index: 1,
      reviewState: 'sent-back',
      receivedAt: RECEIVED_AT,
      replay: false,
    };
    receipt = { ...base, index: 2 };
    const wrongSlot = queue();
    await run();
    expect(outbox.get(wrongSlot.seq)).toMatchObject({
      state: 'pending',
      lastError: '[bad-receipt]',
    });
    outbox.remove(wrongSlot.seq);
    receipt = { ...base, reportHash: 'b'.repeat(64) };
    const wrongHash = queue();
    await run();
    expect(outbox.get(wrongHash.seq)?.state).toBe('failed');
    expect(outbox.get(wrongHash.seq)?.lastError).toContain('b'.repeat(64));
  });

  it('fails an entry whose payload is not a signature or whose key names no slot', async () => {
    const { outbox, run, posts } = setup(() => response(500));
    const notJson = outbox.add({ kind: 'signature', key: 'r1@1#1', payload: '{' });
    const noSlot = outbox.add({ kind: 'signature', key: 'r1@1', payload: payload('countersign') });
    await run();
    expect(outbox.get(notJson.seq)).toMatchObject({ state: 'failed', lastError: '[bad-payload]' });
    expect(outbox.get(noSlot.seq)).toMatchObject({ state: 'failed', lastError: '[bad-payload]' });
    expect(posts()).toEqual([]);
  });

  it('holds a signature while the one before it on the same revision is not delivered', async () => {
    const hub = signatureHub();
    let isDown = true;
    const { queue, run, outbox, clock, posts } = setup((request) =>
      isDown ? response(503) : hub.handler(request),
    );
    const first = queue(1, 'countersign');
    const second = queue(2, 'send-back');
    const other = queue(1, 'countersign', 'r2');
    const result = await run();
    expect(result.pushed).toMatchObject({ retrying: 2, held: 1 });
    expect(outbox.get(second.seq)).toMatchObject({ state: 'pending', attempts: 0 });
    isDown = false;
    clock.advance(60_000);
    await run();
    expect([first, second, other].map((e) => outbox.get(e.seq)?.state)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
    expect(posts().map((r) => signatureRequest(r)?.reportId)).toEqual([
      'r1',
      'r2',
      'r1',
      'r1',
      'r2',
    ]);
  });

  it('holds a signature while this device has not delivered the revision it covers', async () => {
    const hub = signatureHub();
    let isReportDelivered = false;
    const { outbox, run, clock, posts } = setup((request) => {
      if (request.path !== '/v1/reports') return hub.handler(request);
      if (!isReportDelivered) return response(503);
      return response(201, {
        reportId: 'r1',
        revision: 1,
        reportHash: HASH,
        receivedAt: RECEIVED_AT,
        replay: false,
      });
    });
    const report = outbox.add({ kind: 'report', key: 'r1@1' });
    const signature = outbox.add({
      kind: 'signature',
      key: signatureOutboxKey('r1', 1, 1),
      payload: payload('countersign'),
    });
    const reports = {
      bundle: async () => ({ bytes: new TextEncoder().encode('bundle'), reportHash: HASH }),
    };
    const first = await run({ reports });
    expect(first.pushed).toMatchObject({ retrying: 1, held: 1 });
    expect(posts()).toEqual([]);
    isReportDelivered = true;
    clock.advance(60_000);
    await run({ reports });
    expect([report, signature].map((e) => outbox.get(e.seq)?.state)).toEqual(['sent', 'sent']);
  });
});
