// Schema version 3: signed reports (local sign-offs, imported bundles, and later the hub's), the
// outbox that sync drains, and the trust list of public keys and roles.
import type { Dexie } from 'dexie';

export function declareVersion3(db: Dexie): void {
  db.version(3).stores({
    signedReports: '[reportId+revision], reportId, runId, reportHash, source, storedAt',
    outbox: '++seq, state, kind, [kind+key]',
    trustedKeys: 'publicKey, role',
  });
}
