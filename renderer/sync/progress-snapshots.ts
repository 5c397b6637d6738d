// Progress snapshots of the runs in progress on this device, queued before each sync cycle: one per
// run that changed since its last snapshot, replacing any snapshot of it still waiting (only the
// newest matters to the hub). A run not updated since its last snapshot is not even loaded.
import { buildProgressSnapshot } from '../../core/sync';
import type { GoLiveDatabase } from '../storage/database';
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

/** Queues snapshots of changed runs in progress; returns the run ids queued. */
export async function queueChangedSnapshots(
  db: GoLiveDatabase,
  options: SnapshotOptions,
): Promise<string[]> {
  const queued: string[] = [];
  const runs = await db.runs.where('state').equals('in-progress').toArray();
  for (const run of runs) {
    const last = await latestProgress(db, run.id);
    if (last && run.updatedAt <= last.createdAt) continue;
    const [definition, answers] = await Promise.all([
      db.definitions.get(definitionKeyOf(run)),
      db.answers.where('runId').equals(run.id).toArray(),
    ]);
    if (!definition) continue;
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
      continue;
    }
    const payload = JSON.stringify(built.snapshot);
    if (content(payload) === content(last?.payload)) continue;
    await queueProgress(db, { runId: run.id, payload, takenAt });
    queued.push(run.id);
  }
  return queued;
}
