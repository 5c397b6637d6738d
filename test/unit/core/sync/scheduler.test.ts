// The scheduler: a cycle at start, never two at once (a request during a cycle joins it and one
// more runs after it), the next one on the timer the schedule rule gives, backing off while
// offline, and at once when the network comes back.
import { describe, expect, it } from 'vitest';
import type { SyncCycleResult, SyncOutcome } from '../../../../core/sync/index';
import { createSyncScheduler, DEFAULT_SCHEDULE } from '../../../../core/sync/index';

function result(outcome: SyncOutcome): SyncCycleResult {
  return {
    outcome,
    startedAt: '2025-06-02T08:00:00.000Z',
    finishedAt: '2025-06-02T08:00:01.000Z',
    pushed: { sent: 0, replayed: 0, failed: 0, retrying: 0, held: 0 },
    pulled: { definitions: [], reports: [] },
    problems: [],
  };
}

function harness(outcomes: SyncOutcome[] = []) {
  const timers: { run: () => void; ms: number; isCleared: boolean }[] = [];
  const online: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  let cycles = 0;
  let release: (() => void) | undefined;
  let isHolding = false;
  const scheduler = createSyncScheduler({
    cycle: async () => {
      cycles += 1;
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      if (isHolding) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
      return result(outcomes.shift() ?? 'ok');
    },
    nextDueAt: async () => undefined,
    now: () => 0,
    setTimer: (run, ms) => {
      const timer = { run, ms, isCleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as { isCleared: boolean }).isCleared = true;
    },
    subscribeOnline: (listener) => {
      online.push(listener);
      return () => online.splice(online.indexOf(listener), 1);
    },
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const pending = () => timers.filter((timer) => !timer.isCleared);
  return {
    scheduler,
    timers,
    pending,
    online,
    settle,
    get cycles() {
      return cycles;
    },
    get maxRunning() {
      return maxRunning;
    },
    hold() {
      isHolding = true;
    },
    letGo() {
      isHolding = false;
      release?.();
    },
  };
}

describe('the sync scheduler', () => {
  it('runs a cycle at start, then every interval', async () => {
    const h = harness();
    h.scheduler.start();
    await h.settle();
    expect(h.cycles).toBe(1);
    expect(h.pending().map((t) => t.ms)).toEqual([DEFAULT_SCHEDULE.intervalMs]);
    h.pending()[0]?.run();
    await h.settle();
    expect(h.cycles).toBe(2);
    h.scheduler.stop();
  });

  it('never runs two cycles at once; a request during one runs one more after it', async () => {
    const h = harness();
    h.hold();
    const first = h.scheduler.syncNow();
    const second = h.scheduler.syncNow();
    const third = h.scheduler.syncNow();
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(h.scheduler.isRunning).toBe(true);
    h.letGo();
    await first;
    await h.settle();
    await h.settle();
    expect(h.cycles).toBe(2);
    expect(h.maxRunning).toBe(1);
  });

  it('backs off while the hub does not answer, and goes at once when the network returns', async () => {
    const h = harness(['offline', 'offline', 'offline']);
    h.scheduler.start();
    await h.settle();
    expect(h.pending().at(-1)?.ms).toBe(30_000);
    h.pending().at(-1)?.run();
    await h.settle();
    expect(h.pending().at(-1)?.ms).toBe(60_000);
    h.online[0]?.();
    await h.settle();
    expect(h.cycles).toBe(3);
    expect(h.pending().at(-1)?.ms).toBe(30_000);
    h.scheduler.stop();
    expect(h.pending()).toEqual([]);
    expect(h.online).toEqual([]);
  });
});
