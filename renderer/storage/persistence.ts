// Asks the browser to keep our data (navigator.storage.persist) and reports usage, so Settings can
// say plainly whether data could be evicted when the disk fills up.
export type PersistenceState = 'persistent' | 'best-effort' | 'unsupported';

export interface StorageStatus {
  persistence: PersistenceState;
  usageBytes?: number;
  quotaBytes?: number;
}

export async function readStorageStatus(): Promise<StorageStatus> {
  const storage = navigator.storage;
  if (!storage?.persisted) return { persistence: 'unsupported' };
  const [persisted, estimate] = await Promise.all([storage.persisted(), storage.estimate()]);
  return {
    persistence: persisted ? 'persistent' : 'best-effort',
    usageBytes: estimate.usage,
    quotaBytes: estimate.quota,
  };
}

export async function requestPersistentStorage(): Promise<StorageStatus> {
  if (navigator.storage?.persist) await navigator.storage.persist();
  return readStorageStatus();
}
