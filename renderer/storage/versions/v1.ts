// Schema version 1: the user's profile and device settings. Never edit a released version:
// add versions/vN.ts and register it in database.ts.
import type { Dexie } from 'dexie';

export function declareVersion1(db: Dexie): void {
  db.version(1).stores({
    profile: 'id',
    settings: 'key',
  });
}
