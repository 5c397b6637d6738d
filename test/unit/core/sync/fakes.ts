// Test doubles for the sync engine: an in-memory outbox with the same rules as the Dexie one
// (renderer/sync/dexie-outbox.ts), a scripted transport, a tiny idempotent fake hub, a clock the
// test moves and a seeded random source. Also used by the fault-proxy test and the benchmark.
import type {
  FailedUpdate,
  HubRequest,
  HubResponse,
  OutboxEntry,
  OutboxStore,
  RetryUpdate,
  SentUpdate,
  Transport,
} from '../../../../core/sync/index';
import { jsonBody, TransportError, WIRE_PROTOCOL_VERSION } from '../../../../core/sync/index';

export type NewEntry = Omit<OutboxEntry, 'seq' | 'state' | 'attempts' | 'createdAt'> &
  Partial<Pick<OutboxEntry, 'state' | 'attempts' | 'createdAt'>>;

export interface MemoryOutbox extends OutboxStore {
  add(entry: NewEntry): OutboxEntry;
  all(): OutboxEntry[];
  get(seq: number): OutboxEntry | undefined;
  remove(seq: number): void;
}

export function createMemoryOutbox(): MemoryOutbox {
  const rows = new Map<number, OutboxEntry>();
  let next = 1;
  const waiting = (seq: number) => {
    const row = rows.get(seq);
    return row && row.state !== 'sent' ? row : undefined;
  };
  return {
    add(entry) {
      const row: OutboxEntry = {
        state: 'pending',
        attempts: 0,
        createdAt: '2025-06-01T00:00:00.000Z',
        ...entry,
        seq: next++,
      };
      rows.set(row.seq, row);
      return { ...row };
    },
    all: () => [...rows.values()].map((row) => ({ ...row })),
    get: (seq) => {
      const row = rows.get(seq);
      return row && { ...row };
    },
    remove: (seq) => void rows.delete(seq),
    async unsent() {
      return [...rows.values()].filter((row) => row.state !== 'sent').map((row) => ({ ...row }));
    },
    async markSent(seq, update: SentUpdate) {
      const row = waiting(seq);
      if (!row) return;
      rows.set(seq, {
        ...row,
        ...update,
        state: 'sent',
        nextAttemptAt: undefined,
        lastError: undefined,
      });
    },
    async markRetry(seq, update: RetryUpdate) {
      const row = waiting(seq);
      if (!row) return;
      rows.set(seq, { ...row, ...update, state: 'pending' });
    },
    async markFailed(seq, update: FailedUpdate) {
      const row = waiting(seq);
      if (!row) return;
      rows.set(seq, { ...row, ...update, state: 'failed', nextAttemptAt: undefined });
    },
  };
}

export function response(
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): HubResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  let bytes: Uint8Array;
  if (body instanceof Uint8Array) bytes = body;
  else if (typeof body === 'string') bytes = new TextEncoder().encode(body);
  else bytes = body === undefined ? new Uint8Array() : jsonBody(body);
  return { status, header: (name) => lower.get(name.toLowerCase()) ?? null, body: bytes };
}

export const HEALTHY = response(200, {
  status: 'ok',
  protocolVersion: WIRE_PROTOCOL_VERSION,
  time: '2025-06-02T08:00:00.000Z',
});

export type Handler = (request: HubRequest) => HubResponse | Error | Promise<HubResponse | Error>;

/** A transport answering health itself and everything else through `handler`; logs requests. */
export function scriptedTransport(handler: Handler): Transport & { log: HubRequest[] } {
  const log: HubRequest[] = [];
  const transport = async (request: HubRequest) => {
    log.push(request);
    if (request.path === '/v1/health') return HEALTHY;
    const answer = await handler(request);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(transport, { log });
}

export const timeout = () => new TransportError('timeout', 'no answer in time');
export const networkDown = () => new TransportError('network', 'connection refused');

/** A test clock: starts at `start`, moves only when told. */
export function testClock(start = '2025-06-02T08:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

/** mulberry32: a small seeded PRNG, [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
