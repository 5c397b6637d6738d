// This database's device chain: the id under which this device records its events of every run
// (core/runs/run-event.ts). Created once per database (by the version 4 upgrade, or here on first
// use); never copied by backups, so a backup restored elsewhere never writes into this chain.
import type { GoLiveDatabase } from './database';
import { DEVICE_CHAIN_KEY, newDeviceChainId } from './versions/v4';

export async function deviceChainOf(db: GoLiveDatabase): Promise<string> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(DEVICE_CHAIN_KEY);
    if (typeof row?.value === 'string' && row.value !== '') return row.value;
    const chain = newDeviceChainId();
    await db.settings.put({ key: DEVICE_CHAIN_KEY, value: chain });
    return chain;
  });
}
