// Runs this device works on together with other people (core/sync/shared-runs-protocol.ts): the
// hub's view of each (owner, members, plan), where its sync stands, and the run itself, created on
// a member's device from the hub's view the first time it arrives (the template it pins must be on
// the device: definitions are pulled before runs). A member removed by the owner keeps the run and
// their unsynced work on the device; the row says since when they are out.
import type { RunEvent } from '../../core/runs';
import type { SharedRun } from '../../core/sync';
import type { GoLiveDatabase, RunRow } from './database';
import { deviceChainOf } from './device-chain';
import type { ReceiveResult, RunRepository } from './run-repository';

export interface SharedRunRow {
  runId: string;
  /** The hub's view: owner, members, plan. */
  info: SharedRun;
  /** The hub's cursor after the last events received from it. */
  cursor: number;
  /** How many of this device's events of the run the hub confirmed holding. */
  pushedSeq: number;
  /** Set when the hub refused this user's events: the owner removed them. */
  removedAt?: string;
  updatedAt: string;
}

export type KeepResult = { ok: true; created: boolean } | { ok: false; problem: string };

function runFromHub(info: SharedRun, now: string): RunRow {
  return {
    id: info.runId,
    definitionId: info.definitionId,
    definitionVersion: info.definitionVersion,
    definitionHash: info.definitionHash,
    kind: info.kind,
    name: info.name,
    parameters: info.parameters,
    plannedGoLive: info.plannedGoLive,
    createdAt: info.createdAt,
    createdBy: { id: info.owner.userId, name: info.owner.name, role: info.owner.role },
    state: 'in-progress',
    updatedAt: now,
  };
}

export function createSharedRunRepository(
  db: GoLiveDatabase,
  runs: RunRepository,
  options: { clock?: () => Date } = {},
) {
  const clock = options.clock ?? (() => new Date());

  return {
    /** The hub's view of a run; creates the run here the first time (its template must be here). */
    async keep(info: SharedRun): Promise<KeepResult> {
      const now = clock().toISOString();
      return db.transaction('rw', [db.sharedRuns, db.runs, db.definitions], async () => {
        const row = await db.sharedRuns.get(info.runId);
        const local = await db.runs.get(info.runId);
        let created = false;
        if (!local) {
          const template = await db.definitions.get(
            `${info.definitionId}@${info.definitionVersion}`,
          );
          if (template?.hash !== info.definitionHash) {
            return {
              ok: false,
              problem: `its template ${info.definitionId} ${info.definitionVersion} is not on this device yet (it comes with the next sync of templates).`,
            };
          }
          await db.runs.add(runFromHub(info, now));
          created = true;
        }
        await db.sharedRuns.put({
          runId: info.runId,
          info,
          cursor: row?.cursor ?? 0,
          pushedSeq: row?.pushedSeq ?? 0,
          ...(row?.removedAt ? { removedAt: row.removedAt } : {}),
          updatedAt: now,
        });
        return { ok: true, created };
      });
    },

    async get(runId: string): Promise<SharedRunRow | undefined> {
      return db.sharedRuns.get(runId);
    },

    /** Every shared run on this device, also those this user was removed from. */
    async list(): Promise<SharedRunRow[]> {
      return db.sharedRuns.toArray();
    },

    /** The shared runs this device syncs (not those the user was removed from). */
    async active(): Promise<SharedRunRow[]> {
      return (await db.sharedRuns.toArray()).filter((row) => row.removedAt === undefined);
    },

    /** This device's events of the run after `after`, in seq order, at most `limit`. */
    async ownEvents(runId: string, after: number, limit: number): Promise<RunEvent[]> {
      const chain = await deviceChainOf(db);
      return db.runEvents
        .where('[runId+chain+seq]')
        .between([runId, chain, after + 1], [runId, chain, Number.MAX_SAFE_INTEGER], true, true)
        .limit(limit)
        .toArray();
    },

    /** How many of this device's events of the run the hub has not confirmed yet. */
    async unpushed(runId: string): Promise<number> {
      const chain = await deviceChainOf(db);
      const row = await db.sharedRuns.get(runId);
      return db.runEvents
        .where('[runId+chain+seq]')
        .between(
          [runId, chain, (row?.pushedSeq ?? 0) + 1],
          [runId, chain, Number.MAX_SAFE_INTEGER],
          true,
          true,
        )
        .count();
    },

    async markPushed(runId: string, seq: number): Promise<void> {
      await db.sharedRuns.update(runId, { pushedSeq: seq, updatedAt: clock().toISOString() });
    },

    /** Merges other devices' events; the cursor moves only when none had to wait. */
    async receive(runId: string, events: RunEvent[], cursor: number): Promise<ReceiveResult> {
      const result = await runs.receive(runId, events);
      if (result.pending === 0) {
        await db.sharedRuns.update(runId, { cursor, updatedAt: clock().toISOString() });
      }
      return result;
    },

    async markRemoved(runId: string): Promise<void> {
      const now = clock().toISOString();
      await db.sharedRuns.update(runId, { removedAt: now, updatedAt: now });
    },
  };
}

export type SharedRunRepository = ReturnType<typeof createSharedRunRepository>;
