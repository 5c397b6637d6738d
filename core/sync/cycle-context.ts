// What every phase of a sync cycle shares: the injected transport, clock and random source, the
// result being built, progress, and the two ways to ask the hub (send: every answer is a value;
// get: a failure is the cycle's problem). A phase ends the whole cycle by throwing CycleHalt;
// runSyncCycle (sync-engine.ts) turns it into the result's outcome.
import { classifyFailure } from './attempts';
import type {
  SyncConfig,
  SyncCycleResult,
  SyncOutcome,
  SyncPhase,
  SyncProgress,
} from './sync-types';
import type { HubRequest, HubResponse, Transport } from './transport';
import { TransportError } from './transport';

/** What every phase of a sync cycle uses: the request helpers, the result being built, progress. */
export interface CycleContext {
  config: SyncConfig;
  clock: () => Date;
  random: () => number;
  result: SyncCycleResult;
  progress(phase: SyncPhase, done: number, total: number): void;
  /** A request; TransportError and every answer come back as values, not exceptions. */
  send(request: HubRequest): Promise<HubResponse | TransportError>;
  /** A GET whose failure is a problem for this cycle, not for an entry: undefined when it failed
   *  (transient failures mark the cycle partial, others add to result.problems; 401/426/429 throw CycleHalt). */
  get(path: string): Promise<HubResponse | undefined>;
  /** Something will be retried: the cycle ends 'partial' at best. */
  markPartial(): void;
}

/** Thrown by a phase to end the cycle now with this outcome (the hub's words as the message). */
export class CycleHalt extends Error {
  constructor(
    readonly outcome: Exclude<SyncOutcome, 'ok' | 'partial'>,
    message: string,
  ) {
    super(message);
  }
}

export interface CycleContextDeps {
  transport: Transport;
  clock: () => Date;
  /** [0, 1), like Math.random; seeded in tests. */
  random: () => number;
  onProgress?: (progress: SyncProgress) => void;
  config: SyncConfig;
}

export function createCycleContext(
  deps: CycleContextDeps,
  result: SyncCycleResult,
): CycleContext & { isPartial(): boolean } {
  const { transport, clock, random, config } = deps;
  let isPartial = false;
  const markPartial = () => {
    isPartial = true;
  };

  async function send(request: HubRequest): Promise<HubResponse | TransportError> {
    try {
      return await transport(request);
    } catch (error) {
      if (error instanceof TransportError) return error;
      // A fetch adapter may throw something else for a broken connection: same thing.
      return new TransportError('network', error instanceof Error ? error.message : String(error));
    }
  }

  async function get(path: string): Promise<HubResponse | undefined> {
    const response = await send({ method: 'GET', path, timeoutMs: config.requestTimeoutMs });
    if (response instanceof TransportError) {
      markPartial();
      return undefined;
    }
    if (response.status === 200) return response;
    const failure = classifyFailure(response, clock());
    if (failure.kind === 'halt') throw new CycleHalt(failure.outcome, failure.message);
    if (failure.kind === 'rate-limited') throw new CycleHalt('rate-limited', failure.message);
    if (failure.kind === 'retry') markPartial();
    else result.problems.push(`${path}: ${failure.message}`);
    return undefined;
  }

  return {
    config,
    clock,
    random,
    result,
    progress: (phase, done, total) => deps.onProgress?.({ phase, done, total }),
    send,
    get,
    markPartial,
    isPartial: () => isPartial,
  };
}
