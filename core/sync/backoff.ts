// When to try again after a transient failure: exponential backoff with FULL jitter
// (delay = random() * min(cap, base * 2^attempts)), so devices that lost the hub at the same moment
// do not come back in lockstep, with the hub's Retry-After (seconds or an HTTP date) as a floor.
// Pure: the caller passes the random source and the current time.

export interface BackoffPolicy {
  /** The first retry window, in ms. */
  baseMs: number;
  /** The largest window, in ms (the jitter is drawn below it). */
  capMs: number;
  /** Retry-After values above this are clamped: a misconfigured hub cannot park a report for weeks. */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  capMs: 15 * 60_000,
  maxRetryAfterMs: 6 * 60 * 60_000,
};

/**
 * The full-jitter delay after `attempts` earlier failed attempts (0 for the first retry):
 * uniformly in [0, min(cap, base * 2^attempts)). `random` returns [0, 1) like Math.random.
 */
export function fullJitterDelay(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const exponent = Math.max(0, Math.min(Math.floor(attempts), 52));
  const window = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const draw = Math.min(Math.max(random(), 0), 1);
  return Math.floor(draw * window);
}

const DELAY_SECONDS = /^\d{1,10}$/;

/**
 * Parses a Retry-After header: delay-seconds ("120") or an HTTP date ("Wed, 21 Oct 2026 07:28:00
 * GMT"), as milliseconds from `now`. A date in the past is 0; anything unreadable is undefined.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (DELAY_SECONDS.test(text)) return Number(text) * 1000;
  // Only HTTP dates (they name a weekday or month); Date.parse alone would accept "1" or "2026".
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/** The delay before the next attempt: full jitter, never sooner than the hub asked. */
export function retryDelay(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const jitter = fullJitterDelay(attempts, policy, random);
  if (retryAfterMs === undefined) return jitter;
  return Math.max(jitter, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
