// Progress trends from the snapshot history: one series per run, oldest first, down-sampled to at
// most N points that keep the first, the last and the shape (a jump survives).
import { describe, expect, it } from 'vitest';
import {
  downsampleLttb,
  progressTrends,
  samplesOfRunEntries,
  type TrendSample,
} from '../../../../core/compare';
import type { ProgressRunEntry } from '../../../../core/sync/wire-protocol';
import { addDaysIso, generateWorld } from './generate';

const world = generateWorld({ offices: 12, items: 40, snapshotsPerRun: 30 });

describe('progressTrends', () => {
  it('draws one series per run, oldest first, with every point when they fit', () => {
    const series = progressTrends(world.snapshots, { maxPoints: 100 });
    expect(series).toHaveLength(world.runs.length);
    for (const line of series) {
      const run = world.runs.find((r) => r.run.id === line.runId)!;
      expect([line.office, line.runName, line.samples]).toEqual([run.office, run.run.name, 30]);
      expect(line.points.map((p) => p.takenAt)).toEqual(run.snapshots.map((s) => s.takenAt));
      for (const [index, point] of line.points.entries()) {
        const snapshot = run.snapshots[index]!;
        expect(point.percentComplete).toBe(Math.floor((snapshot.resolved * 100) / snapshot.total));
        expect(point.blocked).toBe(snapshot.blocked);
      }
    }
  });

  it('down-samples each series to at most N points, keeping the first and the last', () => {
    for (const maxPoints of [1, 2, 3, 7, 29]) {
      for (const line of progressTrends(world.snapshots, { maxPoints })) {
        const run = world.runs.find((r) => r.run.id === line.runId)!;
        expect(line.points).toHaveLength(maxPoints);
        expect(line.points.at(-1)?.takenAt).toBe(run.snapshots.at(-1)?.takenAt);
        if (maxPoints > 1) expect(line.points[0]?.takenAt).toBe(run.snapshots[0]?.takenAt);
        const times = line.points.map((p) => Date.parse(p.takenAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        expect(new Set(times).size).toBe(times.length);
      }
    }
  });

  it('counts a snapshot repeated at the same takenAt once, the last one given', () => {
    const run = world.runs[3]!;
    const repeated = { ...run.snapshots[0]!, resolved: 0 };
    const [line] = progressTrends([...run.snapshots, repeated], { maxPoints: 100 });
    expect(line?.samples).toBe(run.snapshots.length);
    expect(line?.points[0]?.resolved).toBe(0);
  });

  it('reads the hub progress list', () => {
    const run = world.runs[2]!;
    const entry: ProgressRunEntry = {
      runId: run.run.id,
      office: run.office,
      latest: run.snapshots.at(-1)!,
      history: run.snapshots.map((s) => ({
        takenAt: s.takenAt,
        receivedAt: s.takenAt,
        decision: s.decision,
        total: s.total,
        resolved: s.resolved,
        blocked: s.blocked,
        failing: s.failing,
      })),
    };
    const [line] = progressTrends(samplesOfRunEntries([entry]), { maxPoints: 5 });
    expect(line?.runName).toBe(run.run.name);
    expect(line?.points).toHaveLength(5);
  });

  it('refuses a maximum below one point', () => {
    expect(() => progressTrends(world.snapshots, { maxPoints: 0 })).toThrow(RangeError);
    expect(() => progressTrends(world.snapshots, { maxPoints: 2.5 })).toThrow(RangeError);
  });
});

describe('downsampleLttb', () => {
  const start = '2025-06-01T00:00:00.000Z';
  const spike: TrendSample[] = Array.from({ length: 200 }, (_, i) => ({
    runId: 'r',
    office: 'o',
    takenAt: addDaysIso(start, 0, i * 10),
    total: 100,
    resolved: i === 77 ? 90 : i < 150 ? 10 : 50,
    blocked: 0,
  }));

  it('keeps a spike and a step that a plain stride would step over', () => {
    const [line] = progressTrends(spike, { maxPoints: 6 });
    const times = line!.points.map((p) => p.takenAt);
    expect(times).toContain(spike[77]!.takenAt);
    expect(line!.points.map((p) => p.resolved)).toEqual(expect.arrayContaining([10, 90, 50]));
    // A stride of every 40th point (0, 40, 80, 120, 160, 199) would miss the spike.
    expect([0, 40, 80, 120, 160, 199].map((i) => spike[i]!.resolved)).not.toContain(90);
  });

  it('returns a copy when the points fit and is deterministic', () => {
    const points = [1, 2, 3];
    const kept = downsampleLttb(
      points,
      5,
      (p) => p,
      (p) => p,
    );
    expect(kept).toEqual(points);
    expect(kept).not.toBe(points);
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const wave = (p: number) => Math.sin(p / 30) * 100;
    expect(downsampleLttb(many, 50, (p) => p, wave)).toEqual(
      downsampleLttb(many, 50, (p) => p, wave),
    );
    expect(downsampleLttb(many, 50, (p) => p, wave)).toHaveLength(50);
  });
});
