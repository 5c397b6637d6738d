// Adds other devices' events (a sync, a backup) to a run stored on this device: the union of what
// is here and what came, never a replacement, so nothing recorded anywhere is lost. In the caller's
// transaction: stores the events not here yet and the answers whose merge they change, and bumps
// the run's logVersion so a copy held in memory knows it moved on. Duplicates are ignored; events
// whose causal past is missing are left out (they come again with it); a second, different event
// at a place a device log already holds is refused and reported (the log forked).
import { isRunItem, RunLog, type Answer, type RunEvent } from '../../core/runs';
import type { GoLiveDatabase, RunRow } from './database';
import { eventsOfRun } from './run-events';

export interface MergeEventsResult {
  added: RunEvent[];
  duplicates: number;
  /** Waiting for events they depend on. */
  pending: number;
  rejected: { chain: string; seq: number; reason: string }[];
  /** Items whose merged answer changed. */
  changedItems: string[];
  /** The run's whole history after the merge. */
  log: RunLog;
}

/** Call inside a 'rw' transaction over runs, answers and runEvents. */
export async function mergeRunEvents(
  db: GoLiveDatabase,
  run: RunRow,
  events: readonly RunEvent[],
  now: string,
): Promise<MergeEventsResult> {
  const log = RunLog.of(run.id, await eventsOfRun(db, run.id).toArray());
  const before = new Map(log.answers());
  const outcome = log.addAll(events);
  const answers = log.answers();
  const changedItems = [...new Set(outcome.added.map((event) => event.itemId))]
    .filter((itemId) => !isRunItem(itemId))
    .filter((itemId) => answers.get(itemId) !== before.get(itemId));
  if (outcome.added.length > 0) {
    await db.runEvents.bulkAdd(outcome.added);
    await db.answers.bulkPut(changedItems.map((itemId) => answers.get(itemId) as Answer));
    // A move made on another device: the run is checked against that version from now on.
    const moved = log.settings().answer ?? {};
    await db.runs.put({ ...run, ...moved, logVersion: (run.logVersion ?? 0) + 1, updatedAt: now });
  }
  return {
    added: outcome.added,
    duplicates: outcome.duplicates,
    pending: outcome.pending,
    rejected: outcome.rejected.map(({ event, reason }) => ({
      chain: event.chain,
      seq: event.seq,
      reason,
    })),
    changedItems,
    log,
  };
}
