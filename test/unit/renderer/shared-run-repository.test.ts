import 'fake-indexeddb/auto';
// Shared runs on a device: the hub's view creates the run on a member's device (only with its
// template here), this device's own events are read for pushing from the hub's confirmed seq, and
// other devices' events merge in with the cursor kept only when nothing waits.
import { describe, expect, test } from 'vitest';
import type { SharedRun } from '../../../core/sync';
import { hubView as ownersOnly, twoDevices } from './shared-run-fixtures';
import { ana } from './storage-fixtures';

const ben = { id: 'u-ben', name: 'Ben Engineer', role: 'engineer' as const };

/** The hub's view with Ben on the run for the network department. */
function hubView(runId: string, overrides: Partial<SharedRun> = {}): SharedRun {
  return ownersOnly(runId, {
    members: [
      {
        userId: ben.id,
        name: ben.name,
        role: 'engineer',
        departments: ['network'],
        addedAt: '2025-05-30T08:05:00.000Z',
      },
    ],
    plan: { network: '2025-06-01' },
    ...overrides,
  });
}

describe('shared runs on a device', () => {
  test("a member's device gets the run from the hub's view, pinned to the same template", async () => {
    const { member, runId } = await twoDevices();
    expect(await member.shared.keep(hubView(runId))).toEqual({ ok: true, created: true });
    const run = await member.db.runs.get(runId);
    expect(run).toMatchObject({
      name: 'Berlin office',
      definitionVersion: '1.0.0',
      createdBy: { id: ana.id, role: 'admin' },
      state: 'in-progress',
    });
    // Again: nothing created, the view (members, plan) refreshed.
    const later = hubView(runId, { plan: { network: '2025-06-03' } });
    expect(await member.shared.keep(later)).toEqual({ ok: true, created: false });
    expect((await member.shared.get(runId))?.info.plan).toEqual({ network: '2025-06-03' });
  });

  test('a run whose template is not on the device waits for it, saying which', async () => {
    const { member, runId } = await twoDevices();
    await member.db.definitions.clear();
    expect(await member.shared.keep(hubView(runId))).toEqual({
      ok: false,
      problem: expect.stringMatching(/tiny-office 1\.0\.0 is not on this device yet/),
    });
    expect(await member.db.runs.get(runId)).toBeUndefined();
  });

  test("pushing reads this device's chain from the hub's confirmed seq; pulling merges others' work", async () => {
    const { owner, member, runId } = await twoDevices();
    await owner.shared.keep(hubView(runId));
    await member.shared.keep(hubView(runId));
    await owner.runs.apply(
      runId,
      { type: 'setStatus', itemId: 'core-switches', status: 'done' },
      ana,
    );
    await owner.runs.apply(
      runId,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'Line 2 Sunday' },
      ana,
    );
    expect(await owner.shared.unpushed(runId)).toBe(2);
    const pushed = await owner.shared.ownEvents(runId, 0, 500);
    expect(pushed.map((event) => event.seq)).toEqual([1, 2]);
    await owner.shared.markPushed(runId, 1);
    expect((await owner.shared.ownEvents(runId, 1, 500)).map((event) => event.seq)).toEqual([2]);
    expect(await owner.shared.unpushed(runId)).toBe(1);

    // The member receives the second event before the first: it waits, the cursor stays.
    const early = await member.shared.receive(runId, [pushed[1]!], 2);
    expect(early).toMatchObject({ added: 0, pending: 1 });
    expect((await member.shared.get(runId))?.cursor).toBe(0);
    const both = await member.shared.receive(runId, pushed, 2);
    expect(both).toMatchObject({ added: 2, pending: 0 });
    expect((await member.shared.get(runId))?.cursor).toBe(2);
    const loaded = await member.runs.load(runId);
    expect(loaded?.answers.get('isp-lines')?.notes).toBe('Line 2 Sunday');
    expect(loaded?.integrity).toMatchObject({ log: { ok: true }, tamperedItems: [] });

    // The member's own work goes on its own chain, on top of the owner's.
    const mine = await member.runs.apply(
      runId,
      { type: 'setStatus', itemId: 'isp-lines', status: 'done' },
      ben,
    );
    expect(mine).toMatchObject({ ok: true, event: { seq: 1, clock: { [pushed[0]!.chain]: 2 } } });
    expect((await member.shared.ownEvents(runId, 0, 500)).map((event) => event.actor.id)).toEqual([
      ben.id,
    ]);
  });

  test('a removed member keeps the run and its unsynced work, and is no longer synced', async () => {
    const { member, runId } = await twoDevices();
    await member.shared.keep(hubView(runId));
    await member.shared.receive(runId, [], 0);
    await member.runs.apply(
      runId,
      { type: 'setStatus', itemId: 'core-switches', status: 'done' },
      ben,
    );
    await member.shared.markRemoved(runId);
    expect(await member.shared.active()).toEqual([]);
    expect(await member.shared.unpushed(runId)).toBe(1);
    expect((await member.runs.load(runId))?.answers.get('core-switches')?.status).toBe('done');
  });
});
