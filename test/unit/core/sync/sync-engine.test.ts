// The sync engine's decisions, one answer at a time, with a scripted transport: which answers
// deliver an entry (a receipt, a replay receipt), which refuse it for good (409, other 4xx), which
// mean "later" (5xx, 408, 429, no answer) and when, and that a new engine on the same outbox
// carries on where the last one stopped (the app restarted).
import { describe, expect, it } from 'vitest';
import type {
  BackoffPolicy,
  HubRequest,
  ReportBundleSource,
  SyncEngineDeps,
  SyncProgress,
} from '../../../../core/sync/index';
import { runSyncCycle, WIRE_PROTOCOL_VERSION } from '../../../../core/sync/index';
import type { Handler } from './fakes';
import {
  createMemoryOutbox,
  networkDown,
  response,
  scriptedTransport,
  testClock,
  timeout,
} from './fakes';

const policy: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };
const RECEIVED_AT = '2025-06-02T08:00:01.000Z';

const hashOf = (reportId: string, revision: number) => `hash-${reportId}-${revision}`;

/** "bundle <reportId> <revision>": the fake bundle bytes; the fake hub reads them back. */
function bundleText(request: HubRequest): { reportId: string; revision: number } {
  const [, reportId = '', revision = '0'] = new TextDecoder().decode(request.body).split(' ');
  return { reportId, revision: Number(revision) };
}

function receipt(reportId: string, revision: number, replay: boolean, status = replay ? 200 : 201) {
  return response(status, {
    reportId,
    revision,
    reportHash: hashOf(reportId, revision),
    receivedAt: RECEIVED_AT,
    replay,
  });
}

function setup(handler: Handler, extra: Partial<SyncEngineDeps> = {}) {
  const outbox = createMemoryOutbox();
  const clock = testClock();
  const transport = scriptedTransport(handler);
  const reports: ReportBundleSource = {
    bundle: async (reportId, revision) => ({
      bytes: new TextEncoder().encode(`bundle ${reportId} ${revision}`),
      reportHash: hashOf(reportId, revision),
    }),
  };
  const queue = (reportId: string, revision = 1) =>
    outbox.add({ kind: 'report', key: `${reportId}@${revision}` });
  const run = (more: Partial<SyncEngineDeps> = {}) =>
    runSyncCycle({
      transport,
      outbox,
      reports,
      role: 'admin',
      clock: clock.now,
      random: () => 0.5,
      config: { backoff: policy },
      ...extra,
      ...more,
    });
  return { outbox, clock, transport, queue, run };
}

/** A hub that stores each (reportId, revision) once and answers replays with the first receipt. */
function idempotentHub() {
  const stored = new Map<string, number>();
  const handler = (request: HubRequest) => {
    const { reportId, revision } = bundleText(request);
    const key = `${reportId}@${revision}`;
    const isReplay = stored.has(key);
    stored.set(key, (stored.get(key) ?? 0) + (isReplay ? 0 : 1));
    return receipt(reportId, revision, isReplay);
  };
  return { stored, handler };
}

describe('pushing a report', () => {
  it('marks it sent on the hub receipt and keeps the receipt', async () => {
    const { queue, run, outbox, transport } = setup((request) => {
      const { reportId, revision } = bundleText(request);
      return receipt(reportId, revision, false);
    });
    const entry = queue('r1');
    const progress: SyncProgress[] = [];
    const result = await run({ onProgress: (p) => progress.push(p) });
    expect(result.outcome).toBe('ok');
    expect(result.pushed).toMatchObject({ sent: 1, replayed: 0, failed: 0, retrying: 0 });
    const row = outbox.get(entry.seq);
    expect(row?.state).toBe('sent');
    expect(JSON.parse(row?.receipt ?? '{}')).toMatchObject({
      reportId: 'r1',
      revision: 1,
      receivedAt: RECEIVED_AT,
    });
    expect(transport.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/health',
      'POST /v1/reports',
    ]);
    expect(transport.log[1]?.contentType).toBe('application/zip');
    expect(progress).toContainEqual({ phase: 'push', done: 1, total: 1 });
  });

  it('counts a 200 replay receipt as delivered (the first answer was lost)', async () => {
    const { queue, run, outbox } = setup((request) => {
      const { reportId, revision } = bundleText(request);
      return receipt(reportId, revision, true);
    });
    const entry = queue('r1');
    const result = await run();
    expect(result.pushed).toMatchObject({ sent: 1, replayed: 1 });
    expect(outbox.get(entry.seq)?.state).toBe('sent');
  });

  it('fails a 409 conflict with the hub message and never retries it', async () => {
    const { queue, run, outbox, clock, transport } = setup(() =>
      response(409, {
        error: 'conflict',
        message: 'Revision 1 of report r1 is already stored with other content.',
      }),
    );
    const entry = queue('r1');
    const result = await run();
    expect(result.outcome).toBe('ok');
    expect(result.pushed.failed).toBe(1);
    const row = outbox.get(entry.seq);
    expect(row).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'Revision 1 of report r1 is already stored with other content.',
    });
    expect(row?.nextAttemptAt).toBeUndefined();
    clock.advance(24 * 3_600_000);
    await run();
    expect(transport.log.filter((r) => r.path === '/v1/reports')).toHaveLength(1);
  });

  it('fails other 4xx for good with the hub message and its details', async () => {
    const { queue, run, outbox } = setup(() =>
      response(422, {
        error: 'invalid-report',
        message: 'The report does not verify.',
        details: ['bad-signature: no'],
      }),
    );
    const entry = queue('r1');
    await run();
    expect(outbox.get(entry.seq)).toMatchObject({
      state: 'failed',
      lastError: 'The report does not verify. (bad-signature: no)',
    });
  });

  it.each([
    [
      '500',
      () => response(500, { error: 'internal-error', message: 'The hub failed.' }),
      'The hub failed.',
    ],
    ['503', () => response(503, 'Service Unavailable'), '[http 503]'],
    ['408', () => response(408), '[http 408]'],
    ['a timeout', () => timeout(), '[timeout]'],
    ['a broken connection', () => networkDown(), '[network]'],
    ['an unreadable receipt', () => response(201, 'ok'), '[bad-receipt]'],
  ])('retries after %s, later, with full-jitter backoff', async (_name, answer, lastError) => {
    const { queue, run, outbox, clock, transport } = setup(answer);
    const entry = queue('r1');
    const result = await run();
    expect(result.outcome).toBe('partial');
    expect(result.pushed.retrying).toBe(1);
    const row = outbox.get(entry.seq);
    expect(row).toMatchObject({ state: 'pending', attempts: 1, lastError });
    // random() = 0.5, attempts 0: half of the base window.
    expect(Date.parse(row?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(500);
    await run();
    expect(transport.log.filter((r) => r.path === '/v1/reports')).toHaveLength(1);
    clock.advance(500);
    await run();
    expect(transport.log.filter((r) => r.path === '/v1/reports')).toHaveLength(2);
    // The second failure doubles the window (attempts 1: 0.5 * 2 s).
    expect(Date.parse(outbox.get(entry.seq)?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(
      1_000,
    );
  });

  it('honours Retry-After on 429 as a floor and stops pushing for this cycle', async () => {
    const { queue, run, outbox, clock, transport } = setup(() =>
      response(
        429,
        { error: 'rate-limited', message: 'Too many requests.' },
        { 'Retry-After': '120' },
      ),
    );
    const first = queue('r1');
    const second = queue('r2');
    const result = await run();
    expect(result.outcome).toBe('rate-limited');
    expect(result.message).toBe('Too many requests.');
    expect(Date.parse(outbox.get(first.seq)?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(
      120_000,
    );
    expect(outbox.get(second.seq)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(transport.log.filter((r) => r.path === '/v1/reports')).toHaveLength(1);
  });

  it('honours Retry-After as an HTTP date on 503', async () => {
    const { queue, run, outbox, clock } = setup(() =>
      response(503, undefined, {
        'retry-after': new Date(Date.parse('2025-06-02T08:10:00.000Z')).toUTCString(),
      }),
    );
    const entry = queue('r1');
    await run();
    expect(outbox.get(entry.seq)?.nextAttemptAt).toBe('2025-06-02T08:10:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-06-02T08:00:00.000Z');
  });

  it('refuses a receipt for another report hash: never delivered', async () => {
    const { queue, run, outbox } = setup(() =>
      response(201, {
        reportId: 'r1',
        revision: 1,
        reportHash: 'other',
        receivedAt: RECEIVED_AT,
        replay: false,
      }),
    );
    const entry = queue('r1');
    await run();
    expect(outbox.get(entry.seq)?.state).toBe('failed');
    expect(outbox.get(entry.seq)?.lastError).toContain('other');
  });

  it('holds revision 2 while revision 1 is not delivered', async () => {
    let isDown = true;
    const hub = idempotentHub();
    const { queue, run, outbox, clock, transport } = setup((request) =>
      isDown ? response(503) : hub.handler(request),
    );
    const rev1 = queue('r1', 1);
    const rev2 = queue('r1', 2);
    const other = queue('r2', 1);
    const result = await run();
    expect(result.pushed).toMatchObject({ retrying: 2, held: 1 });
    expect(outbox.get(rev2.seq)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(
      transport.log.filter((r) => r.path === '/v1/reports').map((r) => bundleText(r).reportId),
    ).toEqual(['r1', 'r2']);
    isDown = false;
    clock.advance(60_000);
    await run();
    expect([rev1, rev2, other].map((e) => outbox.get(e.seq)?.state)).toEqual([
      'sent',
      'sent',
      'sent',
    ]);
  });

  it('holds revision 2 while revision 1 waits for its retry time (its answer may have been lost)', async () => {
    const hub = idempotentHub();
    let isDropping = true;
    const { queue, run, outbox, clock, transport } = setup((request) => {
      const answer = hub.handler(request);
      return isDropping ? networkDown() : answer;
    });
    const rev1 = queue('r1', 1);
    await run();
    expect(outbox.get(rev1.seq)?.state).toBe('pending');
    isDropping = false;
    const rev2 = queue('r1', 2);
    const result = await run();
    expect(result.pushed.held).toBe(1);
    expect(outbox.get(rev2.seq)?.attempts).toBe(0);
    clock.advance(60_000);
    await run();
    expect([rev1, rev2].map((e) => outbox.get(e.seq)?.state)).toEqual(['sent', 'sent']);
    const pushed = transport.log
      .filter((r) => r.path === '/v1/reports')
      .map((r) => bundleText(r).revision);
    expect(pushed).toEqual([1, 1, 2]);
  });

  it('stops the cycle on 401 and leaves the entries as they were', async () => {
    const { queue, run, outbox } = setup(() =>
      response(401, { error: 'unauthorized', message: 'This device was revoked: enroll again.' }),
    );
    const first = queue('r1');
    queue('r2');
    const result = await run();
    expect(result).toMatchObject({
      outcome: 'unauthorized',
      message: 'This device was revoked: enroll again.',
    });
    expect(outbox.get(first.seq)).toMatchObject({ state: 'pending', attempts: 0 });
    expect(outbox.get(first.seq)?.lastError).toBeUndefined();
  });

  it('gives up on the cycle after three unanswered attempts in a row (the hub went away)', async () => {
    const { queue, run, outbox } = setup(() => timeout());
    for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) queue(id);
    const result = await run();
    expect(result.outcome).toBe('offline');
    expect(outbox.all().map((e) => e.attempts)).toEqual([1, 1, 1, 0, 0]);
  });

  it('does not touch the outbox when the probe finds no hub', async () => {
    const outbox = createMemoryOutbox();
    const entry = outbox.add({ kind: 'report', key: 'r1@1' });
    const result = await runSyncCycle({
      transport: async () => {
        throw networkDown();
      },
      outbox,
      reports: { bundle: async () => undefined },
      role: 'admin',
      clock: testClock().now,
      random: () => 0.5,
    });
    expect(result.outcome).toBe('offline');
    expect(outbox.get(entry.seq)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('says when the address answers but is no hub, or speaks another protocol', async () => {
    const base = {
      outbox: createMemoryOutbox(),
      reports: { bundle: async () => undefined },
      role: 'admin' as const,
      clock: testClock().now,
      random: () => 0.5,
    };
    const notHub = await runSyncCycle({ ...base, transport: async () => response(200, '<html>') });
    expect(notHub.outcome).toBe('offline');
    const newer = await runSyncCycle({
      ...base,
      transport: async () =>
        response(200, { status: 'ok', protocolVersion: WIRE_PROTOCOL_VERSION + 1 }),
    });
    expect(newer.outcome).toBe('incompatible');
  });

  it('fails an entry whose report is no longer on this device', async () => {
    const { outbox, run } = setup(() => response(500));
    const entry = outbox.add({ kind: 'report', key: 'r1@1' });
    await run({ reports: { bundle: async () => undefined } });
    expect(outbox.get(entry.seq)).toMatchObject({ state: 'failed', lastError: '[missing-report]' });
  });
});

describe('surviving a restart', () => {
  it('a new engine on the same outbox continues, and a commit whose answer was lost is not stored twice', async () => {
    const hub = idempotentHub();
    // The first "process": the hub stores r1, then the answer is lost; r2 never gets an answer.
    let isDropping = true;
    const handler: Handler = (request) => {
      if (!isDropping) return hub.handler(request);
      const { reportId } = bundleText(request);
      if (reportId === 'r1') hub.handler(request);
      return networkDown();
    };
    const first = setup(handler);
    first.queue('r1');
    first.queue('r2');
    const before = await first.run();
    expect(before.pushed.retrying).toBe(2);
    expect(first.outbox.all().map((e) => e.state)).toEqual(['pending', 'pending']);

    // The app restarts: a new engine with new deps, over the same durable outbox.
    isDropping = false;
    first.clock.advance(60_000);
    const after = await runSyncCycle({
      transport: scriptedTransport(handler),
      outbox: first.outbox,
      reports: {
        bundle: async (reportId, revision) => ({
          bytes: new TextEncoder().encode(`bundle ${reportId} ${revision}`),
          reportHash: hashOf(reportId, revision),
        }),
      },
      role: 'admin',
      clock: first.clock.now,
      random: () => 0.1,
    });
    expect(after.pushed).toMatchObject({ sent: 2, replayed: 1 });
    expect(first.outbox.all().map((e) => e.state)).toEqual(['sent', 'sent']);
    expect([...hub.stored.values()]).toEqual([1, 1]);
  });
});

describe('pushing a progress snapshot', () => {
  const snapshot = JSON.stringify({
    runId: 'run-1',
    takenAt: '2025-06-02T07:59:00.000Z',
    office: 'Berlin',
  });

  it('sends the frozen JSON and marks it sent on the receipt', async () => {
    const { outbox, run, transport } = setup(() =>
      response(201, { runId: 'run-1', takenAt: '2025-06-02T07:59:00.000Z', replay: false }),
    );
    const entry = outbox.add({ kind: 'progress', key: 'run-1', payload: snapshot });
    await run();
    expect(outbox.get(entry.seq)?.state).toBe('sent');
    const sent = transport.log.find((r) => r.path === '/v1/progress');
    expect(sent?.contentType).toBe('application/json');
    expect(new TextDecoder().decode(sent?.body)).toBe(snapshot);
  });

  it('fails a 409 for good and retries a 503', async () => {
    let status = 409;
    const { outbox, run } = setup(() =>
      response(status, { error: 'conflict', message: 'different snapshot' }),
    );
    const conflict = outbox.add({ kind: 'progress', key: 'run-1', payload: snapshot });
    await run();
    expect(outbox.get(conflict.seq)?.state).toBe('failed');
    status = 503;
    const later = outbox.add({ kind: 'progress', key: 'run-1', payload: snapshot });
    await run();
    expect(outbox.get(later.seq)).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('a snapshot replaced (coalesced) while in flight is not resurrected', async () => {
    const { outbox, run } = setup(() =>
      response(201, { runId: 'run-1', takenAt: '2025-06-02T07:59:00.000Z', replay: false }),
    );
    const entry = outbox.add({ kind: 'progress', key: 'run-1', payload: snapshot });
    const markSent = outbox.markSent.bind(outbox);
    outbox.markSent = async (seq, update) => {
      outbox.remove(entry.seq);
      await markSent(seq, update);
    };
    await run();
    expect(outbox.all()).toEqual([]);
  });
});
