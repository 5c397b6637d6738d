// Progress over time: one series per run (an office's or a client's rollout; an office with two
// runs has two series), from the snapshot history the hub keeps, as (takenAt, percent complete)
// points, oldest first. A run that pushes a snapshot every few minutes for weeks would draw
// thousands of points, so each series is down-sampled to at most `maxPoints` with
// Largest-Triangle-Three-Buckets: the first and last points are kept and, in each bucket between,
// the point that changes the shape most, so jumps and plateaus survive where a plain stride would
// step over them. Deterministic: the same history gives the same points.
import type { ProgressRunEntry } from '../sync/wire-protocol';
import { byOfficeThenRun } from './order';

/** What one snapshot contributes; a ProgressSnapshot is one. */
export interface TrendSample {
  runId: string;
  office: string;
  runName?: string;
  takenAt: string;
  total: number;
  resolved: number;
  blocked: number;
}

export interface TrendPoint {
  takenAt: string;
  /** resolved / total, floored; 100 when nothing is visible. */
  percentComplete: number;
  resolved: number;
  total: number;
  blocked: number;
}

export interface TrendSeries {
  runId: string;
  office: string;
  runName: string;
  points: TrendPoint[];
  /** Distinct snapshots before down-sampling. */
  samples: number;
}

export interface TrendOptions {
  /** At most this many points per series (at least 1). */
  maxPoints: number;
}

/** The hub's progress list as samples: each run's short history, named as its latest snapshot. */
export function samplesOfRunEntries(entries: Iterable<ProgressRunEntry>): TrendSample[] {
  const samples: TrendSample[] = [];
  for (const entry of entries) {
    for (const point of entry.history) {
      samples.push({
        runId: entry.runId,
        office: entry.office,
        runName: entry.latest.runName,
        takenAt: point.takenAt,
        total: point.total,
        resolved: point.resolved,
        blocked: point.blocked,
      });
    }
  }
  return samples;
}

/** Series by office, then run name; a repeated takenAt counts once (the last one given). */
export function progressTrends(
  samples: Iterable<TrendSample>,
  options: TrendOptions,
): TrendSeries[] {
  checkMaxPoints(options.maxPoints);
  const byRun = new Map<string, { head: TrendSample; points: Map<string, TrendPoint> }>();
  for (const sample of samples) {
    let run = byRun.get(sample.runId);
    if (run === undefined) {
      run = { head: sample, points: new Map() };
      byRun.set(sample.runId, run);
    }
    if (Date.parse(sample.takenAt) >= Date.parse(run.head.takenAt)) run.head = sample;
    run.points.set(sample.takenAt, {
      takenAt: sample.takenAt,
      percentComplete: sample.total > 0 ? Math.floor((sample.resolved * 100) / sample.total) : 100,
      resolved: sample.resolved,
      total: sample.total,
      blocked: sample.blocked,
    });
  }
  const series: TrendSeries[] = [];
  for (const [runId, { head, points }] of byRun) {
    const timed = [...points.values()]
      .map((point) => ({ point, at: Date.parse(point.takenAt) }))
      .sort((a, b) => a.at - b.at);
    const kept = downsampleLttb(
      timed,
      options.maxPoints,
      (entry) => entry.at,
      (entry) => entry.point.percentComplete,
    );
    series.push({
      runId,
      office: head.office,
      runName: head.runName ?? runId,
      points: kept.map((entry) => entry.point),
      samples: timed.length,
    });
  }
  return series.sort(byOfficeThenRun);
}

function checkMaxPoints(maxPoints: number): void {
  if (!Number.isInteger(maxPoints) || maxPoints < 1) {
    throw new RangeError(`maxPoints must be a whole number of at least 1, not ${maxPoints}.`);
  }
}

/**
 * Largest-Triangle-Three-Buckets down-sampling of points sorted by x: at most `maxPoints`, the
 * first and the last always among them (only the last when maxPoints is 1). A copy when the
 * points already fit.
 */
export function downsampleLttb<T>(
  points: readonly T[],
  maxPoints: number,
  x: (point: T) => number,
  y: (point: T) => number,
): T[] {
  checkMaxPoints(maxPoints);
  const count = points.length;
  if (count <= maxPoints) return [...points];
  const last = points[count - 1] as T;
  if (maxPoints === 1) return [last];
  const first = points[0] as T;
  if (maxPoints === 2) return [first, last];
  const bucketSize = (count - 2) / (maxPoints - 2);
  const kept: T[] = [first];
  let anchor = 0;
  for (let bucket = 0; bucket < maxPoints - 2; bucket += 1) {
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, count);
    let averageX = 0;
    let averageY = 0;
    for (let index = nextStart; index < nextEnd; index += 1) {
      averageX += x(points[index] as T);
      averageY += y(points[index] as T);
    }
    const nextCount = Math.max(1, nextEnd - nextStart);
    averageX /= nextCount;
    averageY /= nextCount;
    const anchorX = x(points[anchor] as T);
    const anchorY = y(points[anchor] as T);
    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    let chosen = start;
    let largest = -1;
    for (let index = start; index < end; index += 1) {
      const point = points[index] as T;
      const area = Math.abs(
        (anchorX - averageX) * (y(point) - anchorY) - (anchorX - x(point)) * (averageY - anchorY),
      );
      if (area > largest) {
        largest = area;
        chosen = index;
      }
    }
    kept.push(points[chosen] as T);
    anchor = chosen;
  }
  kept.push(last);
  return kept;
}
