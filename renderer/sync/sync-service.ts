// Sync in the app, wired once: the engine (core/sync) over this device's IndexedDB and the hub
// connection in Settings, run by the scheduler, reporting to the UI store. One cycle at a time in
// this window (the scheduler) and across windows of the same origin (a Web Lock where the browser
// has them; without one, two windows pushing together is still safe: the hub is idempotent).
import type { PulledReport, SyncCycleResult, SyncScheduler } from '../../core/sync';
import { createSyncScheduler, runSyncCycle } from '../../core/sync';
import type { GoLiveDatabase } from '../storage/database';
import { createDexieOutbox, nextDueAt } from './dexie-outbox';
import {
  createDefinitionSink,
  createReportBundleSource,
  createReportInbox,
  createTrustStore,
} from './dexie-stores';
import { createFetchTransport } from './fetch-transport';
import { createSharedRunStore } from './shared-run-store';
import type { SharedRunRepository } from '../storage/shared-run-repository';
import { readHubConnection, readLastSuccess, saveLastSuccess } from './hub-connection';
import { queueChangedSnapshots } from './progress-snapshots';
import { useSyncStore } from './use-sync-store';

export interface SyncServiceDeps {
  db: GoLiveDatabase;
  /** Runs shared with other people: pushed and pulled every cycle. */
  sharedRuns?: SharedRunRepository;
  /** Keeps a verified pulled report with its evidence (the review feature's import). */
  keepReport: (report: PulledReport) => Promise<void>;
  clock?: () => Date;
  random?: () => number;
}

const LOCK_NAME = 'go-live-checklists.sync';

function localDay(now: Date): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

async function withLock<T>(work: () => Promise<T>): Promise<T | undefined> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return work();
  return locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) =>
    lock ? work() : undefined,
  );
}

export function createSyncService(
  deps: SyncServiceDeps,
): SyncScheduler & { load(): Promise<void> } {
  const { db } = deps;
  const clock = deps.clock ?? (() => new Date());
  const random = deps.random ?? Math.random;
  const ui = useSyncStore.getState;

  async function cycle(): Promise<SyncCycleResult | undefined> {
    const connection = await readHubConnection(db);
    if (!connection) return undefined;
    ui().started();
    try {
      const { user } = connection;
      if (user.role === 'admin' && user.office !== undefined) {
        const now = clock();
        await queueChangedSnapshots(db, { office: user.office, now, today: localDay(now) });
      }
      const result = await runSyncCycle({
        transport: createFetchTransport({
          baseUrl: connection.hubUrl,
          token: connection.deviceToken,
        }),
        outbox: createDexieOutbox(db),
        reports: createReportBundleSource(db),
        role: user.role,
        trust: createTrustStore(db),
        definitions: createDefinitionSink(db),
        inbox: createReportInbox(db, deps.keepReport, clock),
        ...(deps.sharedRuns ? { sharedRuns: createSharedRunStore(deps.sharedRuns) } : {}),
        clock,
        random,
        onProgress: (progress) => ui().progressed(progress),
      });
      for (const runId of result.runs?.removedFrom ?? []) await deps.sharedRuns?.markRemoved(runId);
      if (result.outcome === 'ok') await saveLastSuccess(db, result.finishedAt);
      ui().finished(result);
      return result;
    } catch (error) {
      ui().finished(null, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  const scheduler = createSyncScheduler({
    cycle: async () => withLock(cycle),
    nextDueAt: () => nextDueAt(db),
    now: () => Date.now(),
    setTimer: (run, ms) => globalThis.setTimeout(run, ms),
    clearTimer: (timer) => globalThis.clearTimeout(timer as ReturnType<typeof setTimeout>),
    subscribeOnline: (listener) => {
      globalThis.addEventListener?.('online', listener);
      return () => globalThis.removeEventListener?.('online', listener);
    },
  });
  return Object.assign(scheduler, {
    async load() {
      ui().setLastSuccess((await readLastSuccess(db)) ?? null);
    },
  });
}
