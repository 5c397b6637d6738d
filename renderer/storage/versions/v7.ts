// Schema version 7: shared runs (renderer/storage/shared-run-repository.ts). One row per run this
// device takes part in with others: the hub's view of it (owner, members, plan) and where its sync
// stands (the hub's cursor, how much of this device's chain the hub confirmed). A new table only.
// Never edit a released version: add versions/vN.ts and register it in database.ts.
import type { Dexie } from 'dexie';

export function declareVersion7(db: Dexie): void {
  db.version(7).stores({ sharedRuns: 'runId' });
}
