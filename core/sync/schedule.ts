// When the scheduler (renderer/sync/sync-scheduler.ts) runs the next cycle: every `intervalMs`
// while the hub answers, sooner when an entry's retry falls due, and less and less often while
// the hub does not answer (the laptop on site with no line), up to `offlineCapMs`. An `online`
// event or "Sync now" runs a cycle at once regardless.
import type { SyncOutcome } from './sync-types';

export interface SchedulePolicy {
  intervalMs: number;
  offlineCapMs: number;
  /** Never sooner than this after a cycle (a retry due "now" does not spin). */
  minimumMs: number;
}

export const DEFAULT_SCHEDULE: SchedulePolicy = {
  intervalMs: 30_000,
  offlineCapMs: 5 * 60_000,
  minimumMs: 1_000,
};

export interface ScheduleInput {
  /** The last cycle's outcome (undefined: none ran yet, e.g. not connected). */
  outcome: SyncOutcome | undefined;
  /** Cycles in a row that found the hub unreachable (0 after one that reached it). */
  offlineStreak: number;
  /** The earliest nextAttemptAt among waiting entries, in ms since the epoch. */
  nextDueAt: number | undefined;
  now: number;
}

export function nextCycleDelay(
  input: ScheduleInput,
  policy: SchedulePolicy = DEFAULT_SCHEDULE,
): number {
  if (input.outcome === 'offline') {
    const exponent = Math.max(0, Math.min(input.offlineStreak - 1, 20));
    return Math.min(policy.offlineCapMs, policy.intervalMs * 2 ** exponent);
  }
  // The device must be enrolled again or updated: keep probing, slowly, until someone acts.
  if (input.outcome === 'unauthorized' || input.outcome === 'incompatible')
    return policy.offlineCapMs;
  let delay = policy.intervalMs;
  if (input.nextDueAt !== undefined) delay = Math.min(delay, input.nextDueAt - input.now);
  return Math.max(policy.minimumMs, delay);
}
