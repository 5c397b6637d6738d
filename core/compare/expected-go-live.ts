// When a run can be expected to go live, and how late that is against its planned date.
//
// The model ("estimate, and expect it to take twice as long", seed 002):
// 1. A signed or countersigned run is finished: it was ready on the day it was signed off.
// 2. Otherwise the remaining work is the estimate of the visible items still open or blocked,
//    multiplied by the pace factor:
//    - observed: actual / estimated minutes of the run's own timed done items, once at least
//      `minTimedItems` (default 3) were timed: a run that took 3x its estimates so far is expected
//      to keep doing so, and one ahead of its estimates is credited for it;
//    - assumed: 2 (twice the estimate) when the pace is not known: too few timed items, or only
//      snapshots, which do not carry the estimates of the timed items.
// 3. The remaining work is done at `minutesPerDay` (default 480: one administrator's 8-hour day)
//    per calendar day, starting `today` (passed in): a run not heard from for a week is projected
//    from today, not from its last snapshot, because bad news does not improve with time.
//    Expected = today + ceil(remaining work / minutesPerDay) days; today when nothing remains
//    (a run sent back with every item resolved: the rework itself is not estimated).
// 4. Days late = expected - planned, in calendar days: positive is late, negative is early.
// Items without an estimate add nothing (as in computeProgress); the rows show the remaining
// estimate next to the date so a thin estimate is visible.
import { daysBetween } from '../runs/dates';
import type { TimedWork } from './observe-rollout';

/** "Expect it to take twice as long" when the pace is not known. */
export const ASSUMED_PACE = 2;

export interface ExpectationOptions {
  /** Working minutes a site gets through per calendar day; default 480 (8 h). */
  minutesPerDay?: number;
  /** Timed items needed before the run's own pace is trusted; default 3. */
  minTimedItems?: number;
  /** Pace factor when the pace is not known; default ASSUMED_PACE (2). */
  assumedPace?: number;
}

export interface ExpectationInput {
  /** 'YYYY-MM-DD'. */
  plannedGoLive: string;
  remainingEstimateMinutes: number;
  timed: TimedWork | null;
  /** ISO timestamp of the sign-off when the run is signed or countersigned; else null. */
  finishedAt: string | null;
}

export type PaceBasis = 'observed' | 'assumed' | 'finished';

export interface GoLiveExpectation {
  /** 'YYYY-MM-DD'. */
  expectedGoLive: string;
  /** Calendar days from planned to expected go-live; positive is late. */
  daysLate: number;
  /** Factor applied to the remaining estimate (1 for a finished run). */
  paceFactor: number;
  paceBasis: PaceBasis;
  /** Remaining estimate x pace factor. */
  remainingWorkMinutes: number;
}

/** actual / estimate of timed items, to two decimals; null when nothing estimated was timed. */
export function actualToEstimateOf(timed: TimedWork | null): number | null {
  if (timed === null || timed.estimateMinutes <= 0) return null;
  return Math.round((timed.actualMinutes / timed.estimateMinutes) * 100) / 100;
}

export function expectGoLive(
  input: ExpectationInput,
  today: string,
  options: ExpectationOptions = {},
): GoLiveExpectation {
  const minutesPerDay = options.minutesPerDay ?? 480;
  const minTimedItems = options.minTimedItems ?? 3;
  const assumedPace = options.assumedPace ?? ASSUMED_PACE;
  if (!(minutesPerDay > 0)) throw new RangeError('minutesPerDay must be more than 0.');
  if (input.finishedAt !== null) {
    const expectedGoLive = input.finishedAt.slice(0, 10);
    return {
      expectedGoLive,
      daysLate: daysBetween(input.plannedGoLive, expectedGoLive),
      paceFactor: 1,
      paceBasis: 'finished',
      remainingWorkMinutes: 0,
    };
  }
  const observed = actualToEstimateOf(input.timed);
  const isObserved =
    observed !== null && input.timed !== null && input.timed.items >= minTimedItems;
  const paceFactor = isObserved ? observed : assumedPace;
  const remainingWorkMinutes = Math.max(0, input.remainingEstimateMinutes) * paceFactor;
  const expectedGoLive = addDays(today, Math.ceil(remainingWorkMinutes / minutesPerDay));
  return {
    expectedGoLive,
    daysLate: daysBetween(input.plannedGoLive, expectedGoLive),
    paceFactor,
    paceBasis: isObserved ? 'observed' : 'assumed',
    remainingWorkMinutes: Math.round(remainingWorkMinutes),
  };
}

/** 'YYYY-MM-DD' plus whole calendar days (UTC arithmetic, no clock). */
export function addDays(date: string, days: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (match === null) throw new RangeError(`Not a date: ${date}`);
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return new Date(utc).toISOString().slice(0, 10);
}
