// A budget of failures per client address (failed device tokens, wrong enrollment codes): each
// address may fail `max` times per window; the failure that spends the budget starts a lockout
// during which the caller answers 429 without looking at the credential at all, so guessing
// costs the guesser time, not the hub work. Without backoff a lockout lasts until the window
// ends; with backoff (maxLockoutMs) the first lockout lasts one window and each one that follows
// doubles, up to maxLockoutMs, until the address stays quiet for maxLockoutMs after a lockout.
//
// Hand-written rather than @fastify/rate-limit: that plugin counts every request, and here only
// failures count (an office's devices behind one address must not use up each other's budget by
// succeeding). In-process, like the rate limiter's default store: one hub process, one budget.
// Memory is bounded: at most MAX_ADDRESSES addresses, the oldest forgotten first.

const MAX_ADDRESSES = 10_000;

export interface FailureBudgetOptions {
  max: number;
  windowMs: number;
  /** Set: lockouts double up to this. Unset: a lockout lasts until the window ends. */
  maxLockoutMs?: number;
  /** Milliseconds since the epoch (the hub's clock, so tests can move it). */
  now: () => number;
}

interface Entry {
  windowStart: number;
  failures: number;
  lockedUntil: number;
  /** Lockouts in a row, for the backoff. */
  lockouts: number;
}

export class FailureBudget {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: FailureBudgetOptions) {}

  /** Milliseconds until this address may try again (0: it may now). */
  retryAfterMs(address: string): number {
    const entry = this.entries.get(address);
    if (!entry) return 0;
    return Math.max(0, entry.lockedUntil - this.options.now());
  }

  /** Records a failure; returns the lockout it started, in milliseconds (0: none). */
  fail(address: string): number {
    const now = this.options.now();
    const { max, windowMs, maxLockoutMs } = this.options;
    const entry = this.entries.get(address) ?? {
      windowStart: now,
      failures: 0,
      lockedUntil: 0,
      lockouts: 0,
    };
    // Re-inserted on every failure, so the Map's order is oldest failure first.
    this.entries.delete(address);
    if (now - entry.windowStart >= windowMs) {
      entry.windowStart = now;
      entry.failures = 0;
    }
    if (maxLockoutMs !== undefined && now - entry.lockedUntil >= maxLockoutMs) entry.lockouts = 0;
    entry.failures += 1;
    let lockout = 0;
    if (entry.failures >= max) {
      lockout =
        maxLockoutMs === undefined
          ? entry.windowStart + windowMs - now
          : Math.min(windowMs * 2 ** entry.lockouts, maxLockoutMs);
      entry.lockedUntil = now + lockout;
      entry.lockouts += 1;
      // The next budget starts when the lockout ends.
      entry.windowStart = entry.lockedUntil;
      entry.failures = 0;
    }
    this.entries.set(address, entry);
    if (this.entries.size > MAX_ADDRESSES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return lockout;
  }
}

/** Whole seconds for a Retry-After header (at least 1). */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
