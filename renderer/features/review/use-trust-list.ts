// The trust list of public keys and roles this device knows (imported from a file now; pulled from
// the hub once sync is set up), live from IndexedDB.
import { useLiveQuery } from 'dexie-react-hooks';
import type { TrustList } from '../../../core/reports/report-format';
import { services } from '../../app/services';

export async function readTrustList(): Promise<TrustList | null> {
  const keys = await services.db.trustedKeys.toArray();
  return keys.length > 0 ? { format: 'go-live-trust-list', formatVersion: 1, keys } : null;
}

export function useTrustList(): TrustList | null | undefined {
  return useLiveQuery(readTrustList, []);
}

/** Replaces the stored trust list in one transaction. */
export async function replaceTrustList(trust: TrustList): Promise<void> {
  const { db } = services;
  await db.transaction('rw', db.trustedKeys, async () => {
    await db.trustedKeys.clear();
    await db.trustedKeys.bulkPut(trust.keys);
  });
}
