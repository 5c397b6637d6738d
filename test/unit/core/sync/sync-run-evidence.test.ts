// The evidence step of the shared-run sync (core/sync/sync-run-evidence.ts) against a fake hub in
// memory: a device uploads its own files the hub lacks and downloads the others' files, checking
// each against its SHA-256; a file that fails (no answer, wrong bytes, not uploaded yet) stays
// missing and is fetched on a later sync; and whatever happens to the files, every run's events
// are pushed and pulled first.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import type {
  HubRequest,
  RunEvidenceFiles,
  SharedRunStore,
  SyncProgress,
} from '../../../../core/sync/index';
import { jsonBody, syncSharedRuns } from '../../../../core/sync/index';
import { createCycleContext } from '../../../../core/sync/cycle-context';
import type { SyncCycleResult } from '../../../../core/sync/sync-types';
import { DEFAULT_SYNC_CONFIG } from '../../../../core/sync/sync-types';
import type { RunEvent } from '../../../../core/runs';
import { response, scriptedTransport, seededRandom, testClock, timeout } from './fakes';

const hashOf = (bytes: Uint8Array) => bytesToHex(sha256(bytes));
const file = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { bytes, sha256: hashOf(bytes) };
};

const MINE = file('my photo of the rack label');
const THEIRS = file("the network engineer's speed test screenshot");
const LATE = file('a file its laptop has not uploaded yet');

/** A shared run as the hub answers it in GET /v1/runs (only what the sync reads). */
function sharedRun(runId: string) {
  return {
    runId,
    name: `Go-live ${runId}`,
    kind: 'new-office',
    office: 'Berlin',
    definitionId: 'new-office',
    definitionVersion: '1.2.0',
    definitionHash: '0'.repeat(64),
    parameters: {},
    plannedGoLive: '2025-06-20',
    createdAt: '2025-06-01T08:00:00.000Z',
    owner: { userId: 'usr-owner', name: 'Ana Admin', role: 'admin' },
    members: [],
    plan: {},
    updatedAt: '2025-06-01T08:00:00.000Z',
  };
}

/** A fake own event of the device (the fake hub does not check it). */
const ownEvent = (runId: string, seq: number) =>
  ({ runId, chain: 'chain-me', seq, hash: seq.toString(16).padStart(64, '0') }) as RunEvent;

/** The hub: runs, their events and evidence files; `fail` decides per request to break it. */
function fakeHub(runIds: string[]) {
  const files = new Map<string, { sha256: string; size: number; bytes?: Uint8Array }[]>();
  for (const runId of runIds) {
    files.set(runId, [
      { sha256: MINE.sha256, size: MINE.bytes.length },
      { sha256: THEIRS.sha256, size: THEIRS.bytes.length, bytes: THEIRS.bytes },
      { sha256: LATE.sha256, size: LATE.bytes.length },
    ]);
  }
  const pushed: string[] = [];
  const pulled: string[] = [];
  let fail: (request: HubRequest) => Error | Uint8Array | undefined = () => undefined;
  const transport = scriptedTransport((request) => {
    const broken = fail(request);
    if (broken instanceof Error) return broken;
    const [path] = request.path.split('?');
    if (path === '/v1/runs') return response(200, { runs: runIds.map(sharedRun) });
    const match = /^\/v1\/runs\/([^/]+)\/(events|evidence)(?:\/([0-9a-f]{64}))?$/.exec(path ?? '');
    const runId = match?.[1] ?? '';
    if (match?.[2] === 'events') {
      if (request.method === 'POST') {
        pushed.push(runId);
        const { events } = JSON.parse(new TextDecoder().decode(request.body)) as {
          events: RunEvent[];
        };
        const last = events.at(-1) as RunEvent;
        return response(201, {
          runId,
          chain: last.chain,
          seq: last.seq,
          head: last.hash,
          accepted: events.length,
          duplicates: 0,
        });
      }
      pulled.push(runId);
      return response(200, { runId, events: [], cursor: 0, more: false });
    }
    const list = files.get(runId) ?? [];
    const hash = match?.[3];
    if (match?.[2] === 'evidence' && hash === undefined) {
      return response(200, {
        runId,
        evidence: list.map((entry) => ({
          sha256: entry.sha256,
          size: entry.size,
          held: entry.bytes !== undefined,
        })),
      });
    }
    const entry = list.find((candidate) => candidate.sha256 === hash);
    if (!entry) return response(404, { error: 'not-found', message: 'not named' });
    if (request.method === 'POST') {
      const body = request.body ?? new Uint8Array();
      if (hashOf(body) !== hash) return response(400, { error: 'bad-request', message: 'hash' });
      const isNew = entry.bytes === undefined;
      entry.bytes = body;
      return response(isNew ? 201 : 200, { runId, sha256: hash, size: body.length });
    }
    if (!entry.bytes) return response(404, { error: 'not-found', message: 'not uploaded yet' });
    return response(200, broken ?? entry.bytes);
  });
  return {
    transport,
    files,
    pushed,
    pulled,
    breakWith(rule: typeof fail) {
      fail = rule;
    },
  };
}

/** This device: its own events and files, and what it received. */
function fakeDevice(runIds: string[]) {
  const held = new Map<string, Map<string, Uint8Array>>();
  for (const runId of runIds) held.set(runId, new Map([[MINE.sha256, MINE.bytes]]));
  const named = [MINE.sha256, THEIRS.sha256, LATE.sha256];
  const pushedSeq = new Map(runIds.map((runId) => [runId, 0]));
  const evidence: RunEvidenceFiles = {
    async missing(runId) {
      return named.filter((hash) => !held.get(runId)?.has(hash));
    },
    async bytes(runId, hash) {
      return held.get(runId)?.get(hash);
    },
    async keep(runId, hash, bytes) {
      held.get(runId)?.set(hash, bytes);
    },
  };
  const store: SharedRunStore = {
    keep: async () => ({ ok: true }),
    held: async () =>
      runIds.map((runId) => ({ runId, cursor: 0, pushedSeq: pushedSeq.get(runId) ?? 0 })),
    ownEvents: async (runId, after) => (after < 1 ? [ownEvent(runId, 1)] : []),
    markPushed: async (runId, seq) => void pushedSeq.set(runId, seq),
    receive: async () => ({ added: 0, pending: 0, rejected: [] }),
    evidence,
  };
  return { store, held, pushedSeq };
}

async function cycle(hub: ReturnType<typeof fakeHub>, store: SharedRunStore) {
  const result: SyncCycleResult = {
    outcome: 'ok',
    startedAt: '2025-06-02T08:00:00.000Z',
    finishedAt: '2025-06-02T08:00:00.000Z',
    pushed: { sent: 0, replayed: 0, failed: 0, retrying: 0, held: 0 },
    pulled: { definitions: [], reports: [] },
    problems: [],
  };
  const progress: SyncProgress[] = [];
  const ctx = createCycleContext(
    {
      transport: hub.transport,
      clock: testClock().now,
      random: seededRandom(1),
      config: DEFAULT_SYNC_CONFIG,
      onProgress: (entry) => progress.push(entry),
    },
    result,
  );
  const outcome = await syncSharedRuns(ctx, store);
  return { outcome, result, partial: ctx.isPartial(), progress };
}

describe('shared-run sync: evidence files', () => {
  it('uploads this device’s files the hub lacks and downloads the others’, checked by hash', async () => {
    const hub = fakeHub(['run-a']);
    const device = fakeDevice(['run-a']);
    const { outcome, result, partial, progress } = await cycle(hub, device.store);

    expect(outcome.evidence).toEqual({ uploaded: 1, downloaded: 1, missing: 1 });
    expect(hub.files.get('run-a')?.find((f) => f.sha256 === MINE.sha256)?.bytes).toEqual(
      MINE.bytes,
    );
    expect(device.held.get('run-a')?.get(THEIRS.sha256)).toEqual(THEIRS.bytes);
    // The file its laptop has not uploaded is neither asked for nor a problem: it waits.
    expect(device.held.get('run-a')?.has(LATE.sha256)).toBe(false);
    expect(hub.transport.log.some((r) => r.path.endsWith(LATE.sha256))).toBe(false);
    expect(result.problems).toEqual([]);
    expect(partial).toBe(false);
    expect(progress.filter((p) => p.phase === 'evidence')).toEqual([
      { phase: 'evidence', done: 0, total: 2 },
      { phase: 'evidence', done: 1, total: 2 },
      { phase: 'evidence', done: 2, total: 2 },
    ]);
    // Uploads go as bytes, not JSON.
    const upload = hub.transport.log.find(
      (r) => r.method === 'POST' && r.path.includes('evidence'),
    );
    expect(upload?.contentType).toBe('application/octet-stream');
    expect(upload?.body).toEqual(MINE.bytes);

    // The next sync has nothing left to move.
    const again = await cycle(hub, device.store);
    expect(again.outcome.evidence).toEqual({ uploaded: 0, downloaded: 0, missing: 1 });
  });

  it('never holds up events: with every file request failing, every run’s events still go both ways', async () => {
    const hub = fakeHub(['run-a', 'run-b']);
    const device = fakeDevice(['run-a', 'run-b']);
    hub.breakWith((request) => (request.path.includes('/evidence') ? timeout() : undefined));
    const { outcome, partial, result } = await cycle(hub, device.store);

    expect(outcome.pushed).toBe(2);
    expect(hub.pushed).toEqual(['run-a', 'run-b']);
    expect(hub.pulled).toEqual(['run-a', 'run-b']);
    expect(device.pushedSeq).toEqual(
      new Map([
        ['run-a', 1],
        ['run-b', 1],
      ]),
    );
    // Events of both runs went before any file was asked for.
    const firstFile = hub.transport.log.findIndex((r) => r.path.includes('/evidence'));
    const lastEvents = hub.transport.log.findLastIndex((r) => r.path.includes('/events'));
    expect(firstFile).toBeGreaterThan(lastEvents);
    expect(outcome.evidence).toEqual({ uploaded: 0, downloaded: 0, missing: 4 });
    expect(partial).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('retries a download that broke off on the next sync, and keeps nothing from it meanwhile', async () => {
    const hub = fakeHub(['run-a']);
    const device = fakeDevice(['run-a']);
    hub.breakWith((request) =>
      request.method === 'GET' && request.path.endsWith(THEIRS.sha256) ? timeout() : undefined,
    );
    const first = await cycle(hub, device.store);
    expect(first.partial).toBe(true);
    expect(first.outcome.evidence).toEqual({ uploaded: 1, downloaded: 0, missing: 2 });
    expect(device.held.get('run-a')?.has(THEIRS.sha256)).toBe(false);

    hub.breakWith(() => undefined);
    const second = await cycle(hub, device.store);
    expect(second.partial).toBe(false);
    expect(second.outcome.evidence).toEqual({ uploaded: 0, downloaded: 1, missing: 1 });
    expect(device.held.get('run-a')?.get(THEIRS.sha256)).toEqual(THEIRS.bytes);
  });

  it('refuses bytes that are not the file the run names, says so, and fetches it again next sync', async () => {
    const hub = fakeHub(['run-a']);
    const device = fakeDevice(['run-a']);
    const cut = THEIRS.bytes.slice(0, 10);
    hub.breakWith((request) =>
      request.method === 'GET' && request.path.endsWith(THEIRS.sha256) ? cut : undefined,
    );
    const first = await cycle(hub, device.store);
    expect(device.held.get('run-a')?.has(THEIRS.sha256)).toBe(false);
    expect(first.partial).toBe(true);
    expect(first.result.problems).toEqual([
      `Go-live run-a: the evidence file ${THEIRS.sha256.slice(0, 12)}… that arrived is not the one the run names (its SHA-256 differs); it was not kept and is fetched again next sync.`,
    ]);

    hub.breakWith(() => undefined);
    await cycle(hub, device.store);
    expect(device.held.get('run-a')?.get(THEIRS.sha256)).toEqual(THEIRS.bytes);
  });

  it('takes a refusal of the file list (a supervisor’s device, an older hub) quietly', async () => {
    for (const status of [403, 404]) {
      const hub = fakeHub(['run-a']);
      const device = fakeDevice(['run-a']);
      const refusing = fakeHubAnswering(hub, status);
      const { outcome, result, partial } = await cycle(refusing, device.store);
      expect(outcome.pushed).toBe(1);
      expect(outcome.evidence).toEqual({ uploaded: 0, downloaded: 0, missing: 2 });
      expect(result.problems).toEqual([]);
      expect(partial).toBe(false);
    }
  });

  it('stops at once when the hub no longer accepts the device (401), after the events', async () => {
    const hub = fakeHub(['run-a']);
    const device = fakeDevice(['run-a']);
    const refusing = fakeHubAnswering(hub, 401);
    await expect(cycle(refusing, device.store)).rejects.toThrow();
    expect(hub.pushed).toEqual(['run-a']);
    expect(device.pushedSeq.get('run-a')).toBe(1);
  });
});

/** The same hub, answering `status` to the evidence list. */
function fakeHubAnswering(hub: ReturnType<typeof fakeHub>, status: number) {
  const transport = Object.assign(
    async (request: HubRequest) =>
      request.path.endsWith('/evidence')
        ? response(status, jsonBody({ error: 'refused', message: `refused with ${status}` }))
        : hub.transport(request),
    { log: hub.transport.log },
  );
  return { ...hub, transport };
}
