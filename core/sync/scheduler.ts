// When sync cycles run: once at start, on every `online` event, on a timer (every 30 s while the
// hub answers, sooner when a retry falls due, backing off to 5 min while it does not:
// schedule.ts) and on "Sync now". Never two cycles at once: a request during a cycle returns that
// cycle and runs one more right after it. Nothing here is durable: after a restart the outbox
// (IndexedDB in the app) is simply pushed again by the first cycle. Timers and the online event
// are injected (renderer/sync/sync-service.ts passes the window's).
import type { SchedulePolicy } from './schedule';
import { DEFAULT_SCHEDULE, nextCycleDelay } from './schedule';
import type { SyncCycleResult } from './sync-types';

export interface SchedulerDeps {
  /** One cycle; undefined when there is nothing to do (not connected to a hub). */
  cycle: () => Promise<SyncCycleResult | undefined>;
  /** The earliest retry time among waiting entries (ms since the epoch). */
  nextDueAt: () => Promise<number | undefined>;
  now: () => number;
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
  /** Calls `listener` when the network comes back; returns the unsubscribe. */
  subscribeOnline?: (listener: () => void) => () => void;
  policy?: SchedulePolicy;
}

export interface SyncScheduler {
  start(): void;
  stop(): void;
  /** Runs a cycle now (or joins the running one, and another runs after it). */
  syncNow(): Promise<SyncCycleResult | undefined>;
  readonly isRunning: boolean;
}

export function createSyncScheduler(deps: SchedulerDeps): SyncScheduler {
  const { now, setTimer, clearTimer } = deps;
  const policy = deps.policy ?? DEFAULT_SCHEDULE;
  let running: Promise<SyncCycleResult | undefined> | undefined;
  let isAgain = false;
  let isStarted = false;
  let timer: unknown;
  let offlineStreak = 0;
  let unsubscribe: (() => void) | undefined;

  async function schedule(result: SyncCycleResult | undefined): Promise<void> {
    if (!isStarted) return;
    if (result?.outcome === 'offline') offlineStreak += 1;
    else if (result) offlineStreak = 0;
    const delay = nextCycleDelay(
      { outcome: result?.outcome, offlineStreak, nextDueAt: await deps.nextDueAt(), now: now() },
      policy,
    );
    if (!isStarted || running) return;
    if (timer !== undefined) clearTimer(timer);
    timer = setTimer(() => void syncNow(), delay);
  }

  function syncNow(): Promise<SyncCycleResult | undefined> {
    if (running) {
      isAgain = true;
      return running;
    }
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    const cycle = (async () => {
      let result: SyncCycleResult | undefined;
      try {
        result = await deps.cycle();
      } catch {
        // The cycle reported its own failure; the timer keeps the scheduler alive.
      }
      return result;
    })();
    running = cycle;
    void cycle.then(async (result) => {
      running = undefined;
      if (isAgain) {
        isAgain = false;
        void syncNow();
        return;
      }
      isAgain = false;
      await schedule(result);
    });
    return cycle;
  }

  return {
    start() {
      if (isStarted) return;
      isStarted = true;
      unsubscribe = deps.subscribeOnline?.(() => {
        offlineStreak = 0;
        void syncNow();
      });
      void syncNow();
    },
    stop() {
      isStarted = false;
      unsubscribe?.();
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
    syncNow,
    get isRunning() {
      return running !== undefined;
    },
  };
}
