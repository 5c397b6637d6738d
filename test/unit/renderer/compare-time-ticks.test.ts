// The Compare time axis never repeats a label (issue 16, point 9: "Dec 5" four times on a history of
// a few hours).
import { describe, expect, it } from 'vitest';
import { formatTick, timeTicks } from '../../../renderer/features/compare/time-ticks';

const labels = (min: string, max: string) => {
  const { ticks, unit } = timeTicks(Date.parse(min), Date.parse(max));
  return ticks.map((tick) => formatTick(tick, unit, 'en-GB'));
};

describe('timeTicks', () => {
  it('labels a history of a few hours by the hour, each label once', () => {
    const shown = labels('2026-12-05T08:10:00Z', '2026-12-05T15:40:00Z');
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(new Set(shown).size).toBe(shown.length);
    for (const label of shown) expect(label).toMatch(/^\d{2}:00$/);
  });

  it('labels a history of two weeks by the day, each label once, at most about eight', () => {
    const shown = labels('2026-11-20T09:00:00Z', '2026-12-05T17:00:00Z');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.length).toBeLessThanOrEqual(9);
    expect(new Set(shown).size).toBe(shown.length);
  });

  it('gives one tick for a single point', () => {
    const at = Date.parse('2026-12-05T10:00:00Z');
    expect(timeTicks(at, at).ticks).toEqual([at]);
  });
});
