// The sync engine's SharedRunStore (core/sync/sync-stores.ts) over the shared-run repository,
// evidence files included (the attachment rows of the run's files from other laptops).
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
    evidence: {
      missing: (runId) => sharedRuns.missingEvidence(runId),
      bytes: (_runId, sha256) => sharedRuns.evidenceBytes(sha256),
      async keep(runId, sha256, bytes) {
        await sharedRuns.keepEvidence(runId, sha256, bytes);
      },
    },
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
