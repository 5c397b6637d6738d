// Backoff: full jitter stays inside [0, min(cap, base * 2^attempts)), the cap holds for any number
// of attempts, and Retry-After (seconds or an HTTP date) is a floor, clamped to a sane maximum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackoffPolicy } from '../../../../core/sync/index';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../../../core/sync/index';
import { seededRandom } from './fakes';

const policy: BackoffPolicy = { baseMs: 1_000, capMs: 60_000, maxRetryAfterMs: 3_600_000 };
const now = new Date('2026-10-21T07:00:00.000Z');

describe('full jitter', () => {
  it('draws from [0, base * 2^attempts) below the cap', () => {
    expect(fullJitterDelay(0, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(0, policy, () => 0.5)).toBe(500);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(4_000);
    expect(fullJitterDelay(3, policy, () => 0.999_999)).toBeLessThan(8_000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(fullJitterDelay(6, policy, () => 0.999_999)).toBeLessThan(60_000);
    expect(fullJitterDelay(10_000, policy, () => 0.999_999)).toBeLessThan(60_000);
    expect(fullJitterDelay(10_000, policy, () => 0.5)).toBe(30_000);
  });

  it('stays in bounds for any attempt count and random draw (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, draw) => {
          const delay = fullJitterDelay(attempts, policy, () => draw);
          const window = Math.min(policy.capMs, policy.baseMs * 2 ** attempts);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(window);
        },
      ),
    );
  });

  it('spreads devices out: draws are not all the same', () => {
    const random = seededRandom(7);
    const delays = Array.from({ length: 200 }, () => fullJitterDelay(4, policy, random));
    expect(Math.min(...delays)).toBeLessThan(2_000);
    expect(Math.max(...delays)).toBeGreaterThan(14_000);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date, in the past as 0', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', now)).toBe(28 * 60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 06:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [null, undefined, '', '-5', '1.5', 'soon', 'Mon, 99 Foo 2026']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });

  it('is a floor under the jitter, clamped to the maximum', () => {
    expect(retryDelay(0, policy, () => 0.5, 120_000)).toBe(120_000);
    expect(retryDelay(6, policy, () => 0.9, 1_000)).toBe(fullJitterDelay(6, policy, () => 0.9));
    expect(retryDelay(0, policy, () => 0, 10 * 3_600_000)).toBe(3_600_000);
    expect(retryDelay(2, policy, () => 0.25)).toBe(1_000);
  });
});
