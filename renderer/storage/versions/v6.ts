// Schema version 6: drafts of a template's next version (renderer/storage/draft-repository.ts),
// one per template, written on every edit so a crash or a dead battery loses nothing. A new table
// only: nothing to move. Never edit a released version: add versions/vN.ts and register it in
// database.ts.
import type { Dexie } from 'dexie';

export function declareVersion6(db: Dexie): void {
  db.version(6).stores({ templateDrafts: 'definitionId, updatedAt' });
}
