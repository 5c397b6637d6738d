// One sync cycle with the hub: probe, push the outbox, pull what this device should hold.
// Everything platform-specific is injected (transport, stores, clock, random), so the same code
// runs in the app, in unit tests with a fake transport and in the fault-proxy tests. This module
// only orders the phases; each phase is its own module and shares a CycleContext
// (cycle-context.ts). A phase that must end the cycle throws CycleHalt.
//
// Exactly once rests on three rules, each kept (and explained) where its code is:
//  1. An entry is marked sent ONLY on the hub's receipt for that very entry and hash; a replay
//     receipt counts (push-entry.ts and its pushers).
//  2. The same entry always travels as the same bytes, so a retry is a replay, never a conflict
//     (push-report.ts, push-signature.ts).
//  3. What must follow an undelivered entry on the hub waits for it: report revisions in order,
//     a signature after its revision and the signatures before it (push-order.ts).
// What each answer of the hub means for an entry: attempts.ts. Who pulls what: pull-*.ts.
import type { CycleContextDeps } from './cycle-context';
import { CycleHalt, createCycleContext } from './cycle-context';
import type { OutboxStore } from './outbox';
import { probe } from './probe';
import { pullDefinitions } from './pull-definitions';
import { pullReports } from './pull-reports';
import { pullTrustList } from './pull-trust-list';
import { pushOutbox } from './push-outbox';
import { syncSharedRuns } from './sync-shared-runs';
import type {
  DefinitionSink,
  ReportBundleSource,
  ReportInbox,
  SharedRunStore,
  TrustStore,
} from './sync-stores';
import type { SyncConfig, SyncCycleResult } from './sync-types';
import { DEFAULT_SYNC_CONFIG } from './sync-types';
import type { HubRole } from './wire-protocol';

export interface SyncEngineDeps extends Omit<CycleContextDeps, 'config'> {
  outbox: OutboxStore;
  reports: ReportBundleSource;
  /** The enrolled user's role (every role pulls the reports it may read: pull-reports.ts). */
  role: HubRole;
  trust?: TrustStore;
  definitions?: DefinitionSink;
  inbox?: ReportInbox;
  /** The shared runs this device takes part in (after definitions: a run needs its template). */
  sharedRuns?: SharedRunStore;
  config?: Partial<SyncConfig>;
}

export async function runSyncCycle(deps: SyncEngineDeps): Promise<SyncCycleResult> {
  const config: SyncConfig = { ...DEFAULT_SYNC_CONFIG, ...deps.config };
  const startedAt = deps.clock().toISOString();
  const result: SyncCycleResult = {
    outcome: 'ok',
    startedAt,
    finishedAt: startedAt,
    pushed: { sent: 0, replayed: 0, failed: 0, retrying: 0, held: 0 },
    pulled: { definitions: [], reports: [] },
    problems: [],
  };
  const ctx = createCycleContext({ ...deps, config }, result);
  try {
    await probe(ctx);
    await pushOutbox(ctx, deps.outbox, deps.reports);
    const trust = await pullTrustList(ctx, deps.trust);
    if (deps.definitions) await pullDefinitions(ctx, deps.definitions);
    if (deps.inbox) await pullReports(ctx, deps.inbox, trust);
    if (deps.sharedRuns) result.runs = await syncSharedRuns(ctx, deps.sharedRuns);
    result.outcome = ctx.isPartial() ? 'partial' : 'ok';
  } catch (error) {
    if (!(error instanceof CycleHalt)) throw error;
    result.outcome = error.outcome;
    result.message = error.message;
  }
  result.finishedAt = deps.clock().toISOString();
  return result;
}
