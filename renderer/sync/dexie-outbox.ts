// The outbox over IndexedDB (the `outbox` table of renderer/storage/database.ts), as the sync engine
// needs it (core/sync/outbox.ts), plus what the app does around it: queue progress snapshots
// (coalesced: only the newest snapshot of a run waits), retry a failed entry by hand, and the
// lists the Sync screen shows. Every state change re-reads the row in its transaction, so a
// sent entry never goes back to waiting and a replaced snapshot is not resurrected.
// Progress rows carry the snapshot JSON in `payload`.
import type {
  FailedUpdate,
  OutboxEntry,
  OutboxStore,
  RetryUpdate,
  SentUpdate,
} from '../../core/sync';
import type { GoLiveDatabase, OutboxRow } from '../storage/database';

function toEntry(row: OutboxRow): OutboxEntry | undefined {
  return row.seq === undefined ? undefined : ({ ...row, seq: row.seq } as OutboxEntry);
}

/** The row without the keys whose value is undefined (IndexedDB would keep them as undefined). */
function compact<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as T;
}

export function createDexieOutbox(db: GoLiveDatabase): OutboxStore {
  async function change(seq: number, update: (row: OutboxRow) => OutboxRow): Promise<void> {
    await db.transaction('rw', db.outbox, async () => {
      const row = (await db.outbox.get(seq)) as OutboxRow | undefined;
      if (!row || row.state === 'sent') return;
      await db.outbox.put(compact(update(row)));
    });
  }

  return {
    async unsent() {
      const rows = (await db.outbox
        .where('state')
        .anyOf('pending', 'failed')
        .toArray()) as OutboxRow[];
      return rows.flatMap((row) => toEntry(row) ?? []).sort((a, b) => a.seq - b.seq);
    },
    markSent: (seq, update: SentUpdate) =>
      change(seq, (row) => ({
        ...row,
        ...update,
        state: 'sent',
        nextAttemptAt: undefined,
        lastError: undefined,
      })),
    markRetry: (seq, update: RetryUpdate) =>
      change(seq, (row) => ({ ...row, ...update, state: 'pending' })),
    markFailed: (seq, update: FailedUpdate) =>
      change(seq, (row) => ({ ...row, ...update, state: 'failed', nextAttemptAt: undefined })),
  };
}

/** A failed entry goes back to waiting, tried at the next cycle (after the person fixed the cause). */
export async function retryOutboxEntry(db: GoLiveDatabase, seq: number): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(seq);
    if (!row || row.state !== 'failed') return;
    await db.outbox.put(compact({ ...row, state: 'pending', nextAttemptAt: undefined }));
  });
}

/** The earliest retry time of a waiting entry (ms since the epoch), for the scheduler. */
export async function nextDueAt(db: GoLiveDatabase): Promise<number | undefined> {
  const rows = await db.outbox.where('state').equals('pending').toArray();
  let earliest: number | undefined;
  for (const row of rows) {
    const at = row.nextAttemptAt === undefined ? 0 : Date.parse(row.nextAttemptAt);
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

export interface ProgressToQueue {
  runId: string;
  /** The snapshot as JSON (validated by the caller). */
  payload: string;
  takenAt: string;
}

/**
 * Queues a run's newest snapshot: waiting (or refused) snapshots of the run are replaced by it,
 * and of the sent ones only the newest is kept (the proof of what the hub last saw).
 */
export async function queueProgress(db: GoLiveDatabase, snapshot: ProgressToQueue): Promise<void> {
  await db.transaction('rw', db.outbox, async () => {
    const rows = await db.outbox.where('[kind+key]').equals(['progress', snapshot.runId]).toArray();
    const sent = rows
      .filter((row) => row.state === 'sent')
      .sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0));
    const obsolete = [...rows.filter((row) => row.state !== 'sent'), ...sent.slice(1)];
    await db.outbox.bulkDelete(obsolete.flatMap((row) => (row.seq === undefined ? [] : [row.seq])));
    const row: OutboxRow = {
      kind: 'progress',
      key: snapshot.runId,
      state: 'pending',
      createdAt: snapshot.takenAt,
      attempts: 0,
      payload: snapshot.payload,
    };
    await db.outbox.add(row);
  });
}

/** The newest progress row of a run (any state), to tell whether the run changed since. */
export async function latestProgress(
  db: GoLiveDatabase,
  runId: string,
): Promise<OutboxRow | undefined> {
  const rows = await db.outbox.where('[kind+key]').equals(['progress', runId]).toArray();
  return rows.sort((a, b) => (b.seq ?? 0) - (a.seq ?? 0))[0] as OutboxRow | undefined;
}
