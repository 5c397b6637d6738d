// Schema version 2: checklist definitions kept offline, and runs with their answers, hash-chained
// events and evidence. Never edit a released version: add versions/vN.ts and register it.
import type { Dexie } from 'dexie';

export function declareVersion2(db: Dexie): void {
  db.version(2).stores({
    definitions: 'key, id, source',
    runs: 'id, definitionId, state, updatedAt',
    answers: '[runId+itemId], runId',
    events: '[runId+seq], runId',
    attachments: 'id, runId, [runId+itemId], sha256',
  });
}
