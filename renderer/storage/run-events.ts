// Reading a run's stored events: every device's chain. Entries of the runId index with the same
// key come in primary-key order, [runId+chain+seq]: by chain, then seq.
import type { GoLiveDatabase } from './database';

export function eventsOfRun(db: GoLiveDatabase, runId: string) {
  return db.runEvents.where('runId').equals(runId);
}
