// The sync engine's SharedRunStore (core/sync/sync-stores.ts) over the shared-run repository.
import type { SharedRunStore } from '../../core/sync';
import type { SharedRunRepository } from '../storage/shared-run-repository';

export function createSharedRunStore(sharedRuns: SharedRunRepository): SharedRunStore {
  return {
    async keep(run) {
      const kept = await sharedRuns.keep(run);
      return kept.ok ? { ok: true } : kept;
    },
    async held() {
      return (await sharedRuns.active()).map(({ runId, cursor, pushedSeq }) => ({
        runId,
        cursor,
        pushedSeq,
      }));
    },
    ownEvents: (runId, after, limit) => sharedRuns.ownEvents(runId, after, limit),
    markPushed: (runId, seq) => sharedRuns.markPushed(runId, seq),
    async receive(runId, events, cursor) {
      const result = await sharedRuns.receive(runId, events, cursor);
      return {
        added: result.added,
        pending: result.pending,
        rejected: result.rejected.map(
          (entry) => `event ${entry.seq} of device ${entry.chain}: ${entry.reason}`,
        ),
      };
    },
  };
}
