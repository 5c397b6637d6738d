// Progress snapshots of runs in progress ("bad news early"): an administrator pushes them for their
// own office; (runId, takenAt) is the idempotency key (the same snapshot again is a replay, another
// one under the same key a 409), and a run belongs to the office that first reported it. Readers
// get, per run they may see, the latest snapshot and a short history.
import { canonicalJson } from '../core/runs/index';
import type {
  ProgressListResponse,
  ProgressReceipt,
  ProgressRunEntry,
  ProgressSnapshot,
} from '../core/sync/wire-protocol';
import { readScope, requireRunOwnerOf } from './access';
import type { Principal } from './auth';
import type { HubContext } from './hub-context';
import { nowIso } from './hub-context';
import { conflict, forbidden } from './hub-error';
import { snapshotNotices } from './notifications/hooks';
import type { UserRecord } from './store/hub-store';
import { sha256Hex } from './tokens';

export async function recordProgress(
  context: HubContext,
  principal: Principal,
  snapshot: ProgressSnapshot,
): Promise<{ status: 200 | 201; receipt: ProgressReceipt }> {
  const { store } = context;
  requireRunOwnerOf(principal.user, snapshot.office);
  const owner = await store.progressOffice(snapshot.runId);
  if (owner !== undefined && owner !== snapshot.office) {
    throw forbidden(`Run ${snapshot.runId} is reported by another office.`);
  }
  const snapshotJson = canonicalJson(snapshot);
  const contentHash = sha256Hex(snapshotJson);
  const receivedAt = nowIso(context);
  // Notifications (new blockers, a slip): written in the insert's transaction (hub/notifications).
  const notices = await snapshotNotices(store, snapshot, receivedAt);
  const outcome = await store.insertProgress(
    {
      runId: snapshot.runId,
      takenAt: snapshot.takenAt,
      office: snapshot.office,
      snapshotJson,
      contentHash,
      receivedAt,
      deviceId: principal.device.deviceId,
    },
    notices,
  );
  const receipt = { runId: snapshot.runId, takenAt: snapshot.takenAt };
  if (outcome.inserted) return { status: 201, receipt: { ...receipt, replay: false } };
  if (outcome.existing.contentHash === contentHash && outcome.existing.office === snapshot.office) {
    return { status: 200, receipt: { ...receipt, replay: true } };
  }
  throw conflict(
    `Run ${snapshot.runId} already has a different snapshot taken at ${snapshot.takenAt}.`,
  );
}

export async function listProgress(
  context: HubContext,
  user: UserRecord,
  runId?: string,
): Promise<ProgressListResponse> {
  const records = await context.store.listProgress(readScope(user), runId);
  const runs = new Map<string, ProgressRunEntry>();
  for (const record of records) {
    const snapshot = JSON.parse(record.snapshotJson) as ProgressSnapshot;
    let run = runs.get(record.runId);
    if (!run) {
      run = { runId: record.runId, office: record.office, latest: snapshot, history: [] };
      runs.set(record.runId, run);
    }
    if (Date.parse(snapshot.takenAt) >= Date.parse(run.latest.takenAt)) run.latest = snapshot;
    run.history.push({
      takenAt: snapshot.takenAt,
      receivedAt: record.receivedAt,
      decision: snapshot.decision,
      total: snapshot.total,
      resolved: snapshot.resolved,
      blocked: snapshot.blocked,
      failing: snapshot.failing,
    });
  }
  for (const run of runs.values()) {
    run.history.sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));
  }
  return { runs: [...runs.values()] };
}
