// The causes: what a change means for people, decided INSIDE the transaction of the change
// (through a NotificationWriter), so the outbox rows commit with it or not at all.
// - a snapshot: items blocked now that were not blocked in the run's previous snapshot
//   (blocker-raised), and an expected go-live later than planned, or later than the last notice
//   said (go-live-slipped), projected by core/compare (observe-rollout, expected-go-live) from the
//   snapshot and, when the hub holds the definition version, its item estimates. A snapshot older
//   than the newest one judged for the run is history: it raises nothing;
// - a report stored: signed off and waiting for a countersign (the office's supervisors), or
//   arriving already sent back (the office's administrators);
// - a signature appended: a send-back (the office's administrators).
// Each returns how many outbox rows it wrote.
import type { DefinitionCatalog, ExpectationOptions } from '../../core/compare/index';
import { observeRollout, rolloutRow } from '../../core/compare/index';
import type { ProgressSnapshot } from '../../core/sync/wire-protocol';
import type { ReportMeta } from '../store/hub-store';
import type { ReportRef } from './events';
import { administratorsOf, anyOf, fanOut, heads, supervisorsOf } from './fan-out';
import type { NotificationWriter, RunNoticeState } from './notification-store';

export interface SnapshotNotice {
  snapshot: ProgressSnapshot;
  /** When the hub received it (its clock): "today" for the projection is its UTC date. */
  receivedAt: string;
  /** Published definitions (the snapshot's version, when the hub holds it). */
  catalog: DefinitionCatalog;
  expectation?: ExpectationOptions;
}

const isAfter = (a: string, b: string) => Date.parse(a) > Date.parse(b);

export async function noticeSnapshot(
  writer: NotificationWriter,
  notice: SnapshotNotice,
): Promise<number> {
  const { snapshot, receivedAt } = notice;
  const state = await writer.runNoticeState(snapshot.runId);
  if (state !== undefined && !isAfter(snapshot.takenAt, state.latestTakenAt)) return 0;
  const run = {
    runId: snapshot.runId,
    runName: snapshot.runName,
    office: snapshot.office,
    plannedGoLive: snapshot.plannedGoLive,
  };
  const audience = anyOf(supervisorsOf(snapshot.office), heads);
  const recipients = await writer.recipients();
  const rows = [];

  const before = new Set(state?.blockedItems ?? []);
  const raised = snapshot.blockers.filter((blocker) => !before.has(blocker.itemId));
  if (raised.length > 0) {
    rows.push(
      ...fanOut(
        recipients,
        audience,
        {
          cause: 'blocker-raised',
          ...run,
          takenAt: snapshot.takenAt,
          raised,
          blockedTotal: snapshot.blocked,
        },
        `blocker-raised:${snapshot.runId}:${snapshot.takenAt}`,
        receivedAt,
      ),
    );
  }

  const observation = observeRollout({ runId: snapshot.runId, snapshot }, notice.catalog);
  let notifiedDaysLate = state?.notifiedDaysLate ?? 0;
  if (observation !== undefined) {
    const row = rolloutRow(observation, { ...notice.expectation, today: receivedAt.slice(0, 10) });
    if (row.daysLate <= 0) {
      notifiedDaysLate = 0;
    } else if (row.daysLate > notifiedDaysLate) {
      rows.push(
        ...fanOut(
          recipients,
          audience,
          {
            cause: 'go-live-slipped',
            ...run,
            takenAt: snapshot.takenAt,
            expectedGoLive: row.expectedGoLive,
            daysLate: row.daysLate,
            previousDaysLate: notifiedDaysLate,
            paceFactor: row.paceFactor,
            paceBasis: row.paceBasis,
            remainingWorkMinutes: Math.round(row.remainingEstimateMinutes * row.paceFactor),
          },
          `go-live-slipped:${snapshot.runId}:${row.expectedGoLive}`,
          receivedAt,
        ),
      );
      notifiedDaysLate = row.daysLate;
    }
  }
  const next: RunNoticeState = {
    runId: snapshot.runId,
    latestTakenAt: snapshot.takenAt,
    blockedItems: snapshot.blockers.map((blocker) => blocker.itemId),
    notifiedDaysLate,
  };
  await writer.saveRunNoticeState(next);
  return rows.length === 0 ? 0 : writer.enqueue(rows, receivedAt);
}

export function reportRefOf(meta: ReportMeta): ReportRef {
  return {
    reportId: meta.reportId,
    revision: meta.revision,
    runName: meta.runName,
    office: meta.office,
    decision: meta.decision,
    signedAt: meta.signedAt,
    receivedAt: meta.receivedAt,
  };
}

/** The send-back a report carries or was given: who, what they wrote, when. */
export interface SendBackFacts {
  by: string;
  comment: string;
  at: string;
}

export async function noticeReportStored(
  writer: NotificationWriter,
  meta: ReportMeta,
  sendBack: SendBackFacts | undefined,
): Promise<number> {
  if (meta.reviewState === 'signed') {
    const rows = fanOut(
      await writer.recipients(),
      supervisorsOf(meta.office),
      { cause: 'countersign-waiting', ...reportRefOf(meta) },
      `countersign-waiting:${meta.reportId}:${meta.revision}`,
      meta.receivedAt,
    );
    return writer.enqueue(rows, meta.receivedAt);
  }
  if (meta.reviewState === 'sent-back' && sendBack !== undefined) {
    return noticeSentBack(writer, meta, sendBack, meta.signatureCount - 1);
  }
  return 0;
}

export async function noticeSentBack(
  writer: NotificationWriter,
  meta: ReportMeta,
  sendBack: SendBackFacts,
  signatureIndex: number,
): Promise<number> {
  const rows = fanOut(
    await writer.recipients(),
    administratorsOf(meta.office),
    { cause: 'sent-back', ...reportRefOf(meta), ...sendBack },
    `sent-back:${meta.reportId}:${meta.revision}:${signatureIndex}`,
    sendBack.at,
  );
  return writer.enqueue(rows, sendBack.at);
}
