// Runs this device works on together with other people (core/sync/shared-runs-protocol.ts): the
// hub's view of each (owner, members, plan), where its sync stands, and the run itself, created on
// a member's device from the hub's view the first time it arrives (the template it pins must be on
// the device: definitions are pulled before runs). A member removed by the owner keeps the run and
// their unsynced work on the device; the row says since when they are out. Evidence files the
// run's events name arrive from the other laptops' devices through the sync (sync-run-evidence.ts)
// and are kept as attachment rows, like files attached here.
import type { AttachmentRef, RunEvent } from '../../core/runs';
import type { SharedRun } from '../../core/sync';
import { evidenceNamedBy } from '../../core/sync';
import { heldEvidence, receivedAttachment } from './attachment-store';
import type { AttachmentRow, GoLiveDatabase, RunRow } from './database';
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

/** An evidence file of an answer: its row once the bytes are here, else who attached it. */
export interface EvidenceHeld {
  ref: AttachmentRef;
  row?: AttachmentRow;
  /** Who attached it (on their laptop), while its bytes have not arrived. */
  attachedBy?: string;
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

    /**
     * The evidence of an answer as this device holds it: each ref with its row (by id, or a row of
     * the same bytes), or, when its bytes have not arrived, the name of who attached it.
     */
    async evidenceOf(runId: string, refs: readonly AttachmentRef[]): Promise<EvidenceHeld[]> {
      const byId = await db.attachments.bulkGet(refs.map((ref) => ref.id));
      const held: EvidenceHeld[] = [];
      for (const [index, ref] of refs.entries()) {
        const row =
          byId[index] ?? (await db.attachments.where('sha256').equals(ref.sha256).first());
        held.push(row ? { ref, row } : { ref });
      }
      const waiting = new Set(held.filter((entry) => !entry.row).map((entry) => entry.ref.id));
      if (waiting.size === 0) return held;
      const attachedBy = new Map<string, string>();
      await db.runEvents
        .where('runId')
        .equals(runId)
        .each((event) => {
          const ref = evidenceNamedBy(event);
          if (ref && waiting.has(ref.id)) attachedBy.set(ref.id, event.actor.name);
        });
      return held.map((entry) => {
        const name = attachedBy.get(entry.ref.id);
        return entry.row || name === undefined ? entry : { ...entry, attachedBy: name };
      });
    },

    /** SHA-256s of the evidence files the run's events name whose bytes are on no row here. */
    async missingEvidence(runId: string): Promise<string[]> {
      const named = await namedEvidence(db, runId);
      const held = await heldEvidence(db, named.keys());
      return [...named.keys()].filter((sha256) => !held.has(sha256));
    },

    /** The bytes of an evidence file held here (attached here or received), or undefined. */
    async evidenceBytes(sha256: string): Promise<Uint8Array | undefined> {
      const row = await db.attachments.where('sha256').equals(sha256).first();
      return row ? new Uint8Array(await row.blob.arrayBuffer()) : undefined;
    },

    /** Keeps received bytes (checked against `sha256`) as a row for every ref of the run naming them. */
    async keepEvidence(runId: string, sha256: string, bytes: Uint8Array): Promise<number> {
      const places = (await namedEvidence(db, runId)).get(sha256) ?? [];
      const existing = await db.attachments.bulkGet(places.map((place) => place.ref.id));
      const now = clock();
      const copy = new Uint8Array(bytes);
      const rows = await Promise.all(
        places
          .filter((_, index) => existing[index] === undefined)
          .map((place) =>
            receivedAttachment(place.ref, { runId, itemId: place.itemId }, copy, now),
          ),
      );
      await db.attachments.bulkPut(rows);
      return rows.length;
    },

    async markRemoved(runId: string): Promise<void> {
      const now = clock().toISOString();
      await db.sharedRuns.update(runId, { removedAt: now, updatedAt: now });
    },
  };
}

export type SharedRunRepository = ReturnType<typeof createSharedRunRepository>;

/** Every evidence file the run's events attach, by SHA-256, with the item and ref of each. */
async function namedEvidence(
  db: GoLiveDatabase,
  runId: string,
): Promise<Map<string, { itemId: string; ref: AttachmentRef }[]>> {
  const named = new Map<string, { itemId: string; ref: AttachmentRef }[]>();
  await db.runEvents
    .where('runId')
    .equals(runId)
    .each((event) => {
      const ref = evidenceNamedBy(event);
      if (!ref) return;
      const places = named.get(ref.sha256) ?? [];
      if (!places.some((place) => place.ref.id === ref.id))
        places.push({ itemId: event.itemId, ref });
      named.set(ref.sha256, places);
    });
  return named;
}
