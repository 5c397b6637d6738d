// What the comparison views are built from: per run, its latest progress snapshot and/or the latest
// revision of its signed report, with the review state the hub reports for that revision. The hub
// hands these out separately (GET /v1/progress, GET /v1/reports); collectRollouts pairs them by run
// id (a report's reportId is its run's id).
import type { SignedReport } from '../reports/report-format';
import type { ProgressSnapshot, ReportListEntry } from '../sync/wire-protocol';

export type ReviewState = ReportListEntry['reviewState'];

export interface RolloutSource {
  runId: string;
  /** The run's snapshot with the latest takenAt, when it pushed any. */
  snapshot?: ProgressSnapshot;
  /** The latest revision of the run's signed report, when it was signed off. */
  report?: SignedReport;
  /** The hub's review state of that revision; derived from its signatures when absent. */
  reviewState?: ReviewState;
}

export interface CollectInput {
  snapshots?: Iterable<ProgressSnapshot>;
  reports?: Iterable<SignedReport>;
  /** The hub's report list (or any entries naming reportId, revision and reviewState). */
  reviewStates?: Iterable<Pick<ReportListEntry, 'reportId' | 'revision' | 'reviewState'>>;
}

/** One source per run, ordered by run id: the newest snapshot and the highest report revision. */
export function collectRollouts(input: CollectInput): RolloutSource[] {
  const byRun = new Map<string, RolloutSource>();
  const sourceOf = (runId: string): RolloutSource => {
    let source = byRun.get(runId);
    if (source === undefined) {
      source = { runId };
      byRun.set(runId, source);
    }
    return source;
  };
  for (const snapshot of input.snapshots ?? []) {
    const source = sourceOf(snapshot.runId);
    if (source.snapshot === undefined || !isBefore(snapshot.takenAt, source.snapshot.takenAt)) {
      source.snapshot = snapshot;
    }
  }
  for (const report of input.reports ?? []) {
    const source = sourceOf(report.body.reportId);
    if (source.report === undefined || report.body.revision >= source.report.body.revision) {
      source.report = report;
    }
  }
  for (const entry of input.reviewStates ?? []) {
    const source = byRun.get(entry.reportId);
    if (source?.report?.body.revision === entry.revision) source.reviewState = entry.reviewState;
  }
  return [...byRun.values()].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
}

/** True when ISO timestamp `a` is strictly earlier than `b` (offsets honoured). */
export function isBefore(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}
