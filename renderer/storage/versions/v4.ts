// Schema version 4: shared runs. Several devices work on one run, each writing its own hash-chained
// log (core/runs/run-event.ts), so events are keyed by run, device chain and seq. This database's
// device chain id is created here (settings 'device.chain'), and every event of the single-log
// schema is copied unchanged into that chain: format-1 events keep their hashes, so the history
// recorded before the upgrade still verifies. Version 5 drops the old table. Never edit a released
// version: add versions/vN.ts and register it in database.ts.
import type { Dexie, Transaction } from 'dexie';

export const DEVICE_CHAIN_KEY = 'device.chain';

/** A fresh device chain id: random, so two devices never share one. */
export function newDeviceChainId(): string {
  return `d-${crypto.randomUUID()}`;
}

async function moveEventsIntoChains(tx: Transaction): Promise<void> {
  const chain = newDeviceChainId();
  await tx.table('settings').put({ key: DEVICE_CHAIN_KEY, value: chain });
  const events = (await tx.table('events').toArray()) as Record<string, unknown>[];
  if (events.length > 0) {
    await tx.table('runEvents').bulkAdd(events.map((event) => ({ ...event, chain })));
  }
}

export function declareVersion4(db: Dexie): void {
  db.version(4).stores({ runEvents: '[runId+chain+seq], runId' }).upgrade(moveEventsIntoChains);
}

export function declareVersion5(db: Dexie): void {
  db.version(5).stores({ events: null });
}
