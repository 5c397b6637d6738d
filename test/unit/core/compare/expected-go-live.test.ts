// The expected go-live model on exact inputs: finished runs, the assumed "twice as long", the
// observed pace once enough items were timed, the working day, and calendar arithmetic.
import { describe, expect, it } from 'vitest';
import {
  actualToEstimateOf,
  addDays,
  ASSUMED_PACE,
  expectGoLive,
  type ExpectationInput,
} from '../../../../core/compare';

const TODAY = '2025-06-20';
const base: ExpectationInput = {
  plannedGoLive: '2025-06-23',
  remainingEstimateMinutes: 480,
  timed: null,
  finishedAt: null,
};

describe('expectGoLive', () => {
  it('assumes twice the remaining estimate when no pace is known', () => {
    expect(ASSUMED_PACE).toBe(2);
    expect(expectGoLive(base, TODAY)).toEqual({
      expectedGoLive: '2025-06-22',
      daysLate: -1,
      paceFactor: 2,
      paceBasis: 'assumed',
      remainingWorkMinutes: 960,
    });
  });

  it('uses the observed pace once enough items were timed', () => {
    const timed = { actualMinutes: 300, estimateMinutes: 100, items: 3 };
    const result = expectGoLive({ ...base, timed }, TODAY);
    expect([result.paceBasis, result.paceFactor, result.remainingWorkMinutes]).toEqual([
      'observed',
      3,
      1440,
    ]);
    expect(result.expectedGoLive).toBe('2025-06-23');
    expect(result.daysLate).toBe(0);
    const quick = expectGoLive(
      { ...base, timed: { actualMinutes: 50, estimateMinutes: 100, items: 4 } },
      TODAY,
    );
    expect([quick.paceFactor, quick.expectedGoLive]).toEqual([0.5, '2025-06-21']);
  });

  it('keeps assuming while fewer items than minTimedItems were timed', () => {
    const timed = { actualMinutes: 30, estimateMinutes: 10, items: 2 };
    expect(expectGoLive({ ...base, timed }, TODAY).paceBasis).toBe('assumed');
    expect(expectGoLive({ ...base, timed }, TODAY, { minTimedItems: 2 }).paceFactor).toBe(3);
  });

  it('counts whole working days of minutesPerDay, rounding up', () => {
    const input = { ...base, remainingEstimateMinutes: 100 };
    expect(expectGoLive(input, TODAY).expectedGoLive).toBe('2025-06-21');
    expect(expectGoLive(input, TODAY, { minutesPerDay: 60 }).expectedGoLive).toBe('2025-06-24');
    expect(expectGoLive(input, TODAY, { assumedPace: 1.5, minutesPerDay: 50 }).expectedGoLive).toBe(
      '2025-06-23',
    );
    expect(() => expectGoLive(input, TODAY, { minutesPerDay: 0 })).toThrow(RangeError);
  });

  it('expects today when nothing remains, and is late once the plan has passed', () => {
    const done = expectGoLive({ ...base, remainingEstimateMinutes: 0 }, TODAY);
    expect([done.expectedGoLive, done.daysLate]).toEqual([TODAY, -3]);
    const overdue = expectGoLive({ ...base, plannedGoLive: '2025-06-10' }, TODAY);
    expect(overdue.daysLate).toBe(12);
  });

  it('ends a finished run on its sign-off day', () => {
    const result = expectGoLive(
      { ...base, finishedAt: '2025-06-25T18:00:00.000Z', remainingEstimateMinutes: 999 },
      TODAY,
    );
    expect(result).toEqual({
      expectedGoLive: '2025-06-25',
      daysLate: 2,
      paceFactor: 1,
      paceBasis: 'finished',
      remainingWorkMinutes: 0,
    });
  });
});

describe('actualToEstimateOf and addDays', () => {
  it('rounds the ratio to two decimals and knows when it is unknown', () => {
    expect(actualToEstimateOf({ actualMinutes: 200, estimateMinutes: 300, items: 2 })).toBe(0.67);
    expect(actualToEstimateOf({ actualMinutes: 20, estimateMinutes: 0, items: 1 })).toBeNull();
    expect(actualToEstimateOf(null)).toBeNull();
  });

  it('adds calendar days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(() => addDays('June', 1)).toThrow(RangeError);
  });
});
