// Progress snapshots of the runs in progress on this device, queued before each sync cycle: one per
// run that changed since its last snapshot, replacing any snapshot of it still waiting (only the
// newest matters to the hub). A run not updated since its last snapshot is not even loaded.
import { buildProgressSnapshot } from '../../core/sync';
import type { GoLiveDatabase, RunRow } from '../storage/database';
import { definitionKeyOf } from '../storage/run-repository';
import { latestProgress, queueProgress } from './dexie-outbox';

export interface SnapshotOptions {
  /** The office the hub knows the administrator by. */
  office: string;
  now: Date;
  /** 'YYYY-MM-DD', the user's local date. */
  today: string;
}

/** The snapshot without its time: what tells two snapshots apart. */
function content(payload: string | undefined): string | undefined {
  if (payload === undefined) return undefined;
  try {
    const { takenAt: _takenAt, ...rest } = JSON.parse(payload) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return undefined;
  }
}

/** The run's new snapshot when it changed since its last one (any state); else undefined. */
async function changedSnapshot(
  db: GoLiveDatabase,
  run: RunRow,
  options: SnapshotOptions,
): Promise<{ payload: string; takenAt: string } | undefined> {
  const last = await latestProgress(db, run.id);
  if (last && run.updatedAt <= last.createdAt) return undefined;
  const [definition, answers] = await Promise.all([
    db.definitions.get(definitionKeyOf(run)),
    db.answers.where('runId').equals(run.id).toArray(),
  ]);
  if (!definition) return undefined;
  const takenAt = options.now.toISOString();
  const built = buildProgressSnapshot({
    definition: definition.definition,
    run,
    answers: new Map(answers.map((answer) => [answer.itemId, answer])),
    office: options.office,
    takenAt,
    today: options.today,
  });
  if (!built.ok) {
    console.warn(`sync: no progress snapshot of run ${run.id}: ${built.problems.join('; ')}`);
    return undefined;
  }
  const payload = JSON.stringify(built.snapshot);
  if (content(payload) === content(last?.payload)) return undefined;
  return { payload, takenAt };
}

/** Queues snapshots of changed runs in progress; returns the run ids queued. */
export async function queueChangedSnapshots(
  db: GoLiveDatabase,
  options: SnapshotOptions,
): Promise<string[]> {
  const queued: string[] = [];
  const runs = await db.runs.where('state').equals('in-progress').toArray();
  for (const run of runs) {
    const snapshot = await changedSnapshot(db, run, options);
    if (snapshot === undefined) continue;
    await queueProgress(db, { runId: run.id, ...snapshot });
    queued.push(run.id);
  }
  return queued;
}

/**
 * Runs whose progress the hub has not seen yet, without writing anything: a snapshot still
 * waiting in the outbox, or a change since the last snapshot that the next cycle will queue (a
 * blocker just raised is bad news waiting, not "nothing waiting").
 */
export async function runsWithUnsentProgress(
  db: GoLiveDatabase,
  options: SnapshotOptions,
): Promise<string[]> {
  // Only runs in progress: a signed run's report supersedes its last snapshot.
  const pending = new Set(
    (await db.outbox.where('kind').equals('progress').toArray())
      .filter((row) => row.state === 'pending')
      .map((row) => row.key),
  );
  const waiting: string[] = [];
  for (const run of await db.runs.where('state').equals('in-progress').toArray()) {
    if (pending.has(run.id) || (await changedSnapshot(db, run, options)) !== undefined) {
      waiting.push(run.id);
    }
  }
  return waiting;
}
