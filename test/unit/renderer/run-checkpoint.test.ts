import 'fake-indexeddb/auto';
// The verified checkpoint of a run's history (renderer/storage/run-checkpoint.ts): opening a run
// stores the heads it verified; a later open re-hashes only newer events while the older ones are
// byte for byte unchanged, and still catches any event edited, removed or re-hashed before the
// checkpoint, because then the digest no longer matches and everything is verified again.
import { describe, expect, test } from 'vitest';
import { hashEvent, type RunEvent } from '../../../core/runs';
import type { GoLiveDatabase } from '../../../renderer/storage/database';
import { deviceChainOf } from '../../../renderer/storage/device-chain';
import type { RunRepository } from '../../../renderer/storage/run-repository';
import { ana } from './storage-fixtures';
import { deviceWithTinyRun } from './tiny-run';

async function setUp() {
  const { db, repo, run } = await deviceWithTinyRun({
    createdAt: new Date('2025-05-30T08:00:00.000Z'),
  });
  return { db, repo, runId: run.id };
}

async function note(repo: RunRepository, runId: string, notes: string) {
  const result = await repo.apply(runId, { type: 'setNotes', itemId: 'speed-test', notes }, ana);
  expect(result.ok).toBe(true);
}

/** Three notes, an open (which stores the checkpoint at seq 3), then two more notes. */
async function checkpointedRun() {
  const { db, repo, runId } = await setUp();
  for (const text of ['one', 'two', 'three']) await note(repo, runId, text);
  expect((await repo.load(runId))?.integrity.log.ok).toBe(true);
  for (const text of ['four', 'five']) await note(repo, runId, text);
  return { db, repo, runId, chain: await deviceChainOf(db) };
}

async function storedCheckpoint(db: GoLiveDatabase, runId: string) {
  return (await db.settings.get(`run-checkpoint:${runId}`))?.value as
    { chains: { chain: string; length: number; head: string }[]; digest: string } | undefined;
}

describe('the verified checkpoint of a run', () => {
  test('opening a run stores the heads it verified, and moves them on with the history', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    const third = await db.runEvents.get([runId, chain, 3]);
    expect((await storedCheckpoint(db, runId))?.chains).toEqual([
      { chain, length: 3, head: third?.hash },
    ]);
    expect((await repo.load(runId))?.integrity.log.ok).toBe(true);
    expect((await storedCheckpoint(db, runId))?.chains[0]?.length).toBe(5);
  });

  test('an old event edited after the checkpoint is still caught, where it was edited', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    await db.runEvents.update([runId, chain, 1], { at: '2025-01-01T00:00:00.000Z' });
    expect((await repo.load(runId))?.integrity.log).toMatchObject({ ok: false, chain, seq: 1 });
  });

  test('an old event edited and re-hashed with the chain re-linked is still caught', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    // A careful forger: new content for event 2, its hash recomputed, and every later event
    // re-linked and re-hashed, so the chain on its own looks intact.
    const events = (await db.runEvents.where('runId').equals(runId).toArray()).sort(
      (a, b) => a.seq - b.seq,
    );
    let previous: RunEvent | undefined;
    for (const event of events) {
      // A deep copy, so the stored row is only changed by the put below.
      const forged = structuredClone(event);
      if (event.seq === 2) (forged.payload.after as { notes?: string }).notes = 'forged';
      if (previous) forged.prevHash = previous.hash;
      forged.hash = hashEvent(forged);
      await db.runEvents.put(forged);
      previous = forged;
    }
    const loaded = await repo.load(runId);
    // The forged note is the `before` of event 3: the history no longer adds up.
    expect(loaded?.integrity.log).toMatchObject({ ok: false, chain, seq: 3 });
  });

  test('an event removed before the checkpoint is caught', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    await db.runEvents.delete([runId, chain, 2]);
    expect((await repo.load(runId))?.integrity.log).toMatchObject({ ok: false, chain, seq: 2 });
  });

  test('an event after the checkpoint is verified too', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    await db.runEvents.update([runId, chain, 5], { at: '2025-01-01T00:00:00.000Z' });
    expect((await repo.load(runId))?.integrity.log).toMatchObject({ ok: false, chain, seq: 5 });
  });

  test('a checkpoint whose digest does not match the stored events trusts nothing', async () => {
    const { db, repo, runId, chain } = await checkpointedRun();
    const checkpoint = await storedCheckpoint(db, runId);
    await db.settings.put({
      key: `run-checkpoint:${runId}`,
      value: { ...checkpoint, digest: '0'.repeat(64) },
    });
    await db.runEvents.update([runId, chain, 2], { at: '2025-01-01T00:00:00.000Z' });
    expect((await repo.load(runId))?.integrity.log).toMatchObject({ ok: false, chain, seq: 2 });
  });
});
