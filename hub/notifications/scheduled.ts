// The notifications no request causes: reminders of reports that have waited too long for a
// countersign, and the daily digests. Each job is recorded as done (a mark) in the same
// transaction as the outbox rows it writes, so with several hub instances, or a scan that runs
// twice, each reminder and each day's digests are written once.
// - reminder: a latest revision still 'signed' (waiting) received more than `reminderAfterMs` ago:
//   one reminder to the office's supervisors;
// - digest: from `digestHourUtc` on each UTC day, one digest per supervisor (the offices they
//   supervise) and per head (every office): runs in progress with their expected go-live, reports
//   waiting for a countersign, reports sent back and not replaced yet.
import type { ExpectationOptions } from '../../core/compare/index';
import { observeRollout, rolloutRow } from '../../core/compare/index';
import type { ProgressSnapshot } from '../../core/sync/wire-protocol';
import type { OfficeScope, ProgressRecord, ReportMeta } from '../store/hub-store';
import { reportRefOf } from './causes';
import type { DefinitionSource } from './definitions';
import { catalogFor } from './definitions';
import type { DailyDigest, DigestRun } from './events';
import { heads, rowsFor, supervisorsOf } from './fan-out';
import type { NotificationStore, Recipient } from './notification-store';

/** What the scans read: the hub's store (HubStore is one). */
export interface ScanSource extends DefinitionSource {
  readonly notifications: NotificationStore;
  listReports(scope: OfficeScope): Promise<ReportMeta[]>;
  listProgress(scope: OfficeScope): Promise<ProgressRecord[]>;
}

const HOUR_MS = 3_600_000;

export async function enqueueReminders(
  store: ScanSource,
  now: Date,
  reminderAfterMs: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - reminderAfterMs).toISOString();
  const waiting = await store.notifications.reportsWaitingSince(cutoff);
  if (waiting.length === 0) return 0;
  const at = now.toISOString();
  return store.notifications.withNotificationWriter(async (writer) => {
    const recipients = await writer.recipients();
    let written = 0;
    for (const meta of waiting) {
      const key = `countersign-reminder:${meta.reportId}:${meta.revision}`;
      if (!(await writer.claimMark(key, at))) continue;
      const waitingHours = Math.floor((now.getTime() - Date.parse(meta.receivedAt)) / HOUR_MS);
      const event = { cause: 'countersign-reminder' as const, ...reportRefOf(meta), waitingHours };
      const rows = recipients
        .filter(supervisorsOf(meta.office))
        .flatMap((recipient) => rowsFor(recipient, event, key, at));
      written += await writer.enqueue(rows, at);
    }
    return written;
  });
}

function latestPerRun(records: readonly ProgressRecord[]): ProgressSnapshot[] {
  const latest = new Map<string, ProgressSnapshot>();
  for (const record of records) {
    const snapshot = JSON.parse(record.snapshotJson) as ProgressSnapshot;
    const known = latest.get(snapshot.runId);
    if (known === undefined || Date.parse(snapshot.takenAt) > Date.parse(known.takenAt)) {
      latest.set(snapshot.runId, snapshot);
    }
  }
  return [...latest.values()];
}

function latestRevisions(reports: readonly ReportMeta[]): Map<string, ReportMeta> {
  const latest = new Map<string, ReportMeta>();
  for (const report of reports) {
    const known = latest.get(report.reportId);
    if (known === undefined || report.revision > known.revision)
      latest.set(report.reportId, report);
  }
  return latest;
}

export interface DigestOptions {
  digestHourUtc: number;
  expectation?: ExpectationOptions;
}

/** Writes today's digests once it is past the digest hour; the number of rows written. */
export async function enqueueDigests(
  store: ScanSource,
  now: Date,
  options: DigestOptions,
): Promise<number> {
  if (now.getUTCHours() < options.digestHourUtc) return 0;
  const day = now.toISOString().slice(0, 10);
  const key = `daily-digest:${day}`;
  if (await store.notifications.hasMark(key)) return 0;
  const reports = latestRevisions(await store.listReports('all'));
  const snapshots = latestPerRun(await store.listProgress('all'));
  const catalog = await catalogFor(store, snapshots);
  const runs: DigestRun[] = [];
  for (const snapshot of snapshots) {
    const report = reports.get(snapshot.runId);
    if (report !== undefined && report.reviewState !== 'sent-back') continue;
    const observation = observeRollout({ runId: snapshot.runId, snapshot }, catalog);
    if (observation === undefined) continue;
    const row = rolloutRow(observation, { ...options.expectation, today: day });
    runs.push({
      runId: snapshot.runId,
      runName: snapshot.runName,
      office: snapshot.office,
      plannedGoLive: snapshot.plannedGoLive,
      percentComplete: row.percentComplete,
      blocked: row.blockerCount,
      expectedGoLive: row.expectedGoLive,
      daysLate: row.daysLate,
      takenAt: snapshot.takenAt,
    });
  }
  runs.sort((a, b) => b.daysLate - a.daysLate || a.office.localeCompare(b.office));
  const latest = [...reports.values()];
  const at = now.toISOString();
  return store.notifications.withNotificationWriter(async (writer) => {
    if (!(await writer.claimMark(key, at))) return 0;
    const digestOf = (recipient: Recipient): DailyDigest => {
      const scope = recipient.user.role === 'head' ? 'all' : recipient.user.supervises;
      const inScope = (office: string) => scope === 'all' || scope.includes(office);
      return {
        cause: 'daily-digest',
        day,
        scope,
        runs: runs.filter((run) => inScope(run.office)),
        waiting: latest
          .filter((r) => r.reviewState === 'signed' && inScope(r.office))
          .map(reportRefOf),
        sentBack: latest
          .filter((r) => r.reviewState === 'sent-back' && inScope(r.office))
          .map(reportRefOf),
      };
    };
    const rows = (await writer.recipients())
      .filter((recipient) => heads(recipient) || recipient.user.role === 'supervisor')
      .flatMap((recipient) => rowsFor(recipient, digestOf(recipient), key, at));
    return writer.enqueue(rows, at);
  });
}
