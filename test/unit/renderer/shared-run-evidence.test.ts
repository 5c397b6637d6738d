import 'fake-indexeddb/auto';
// Evidence files of a shared run on a device (renderer/storage/shared-run-repository.ts): a file
// attached on the owner's laptop is named on the member's device with who attached it and no
// bytes; the member's sync finds it missing, the owner's finds its bytes; once the bytes are kept
// the member's answer shows the file (a row for its ref), nothing is missing any more, and the
// member's backup carries the received file byte for byte.
import { describe, expect, test } from 'vitest';
import { exportBackup, restoreBackup } from '../../../renderer/storage/backup';
import { createSharedRunStore } from '../../../renderer/sync/shared-run-store';
import { hubView, twoDevices } from './shared-run-fixtures';
import { ana, freshDatabase, steppingClock } from './storage-fixtures';

const PHOTO = new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 13) % 256));

async function photoOnTheOwnersLaptop() {
  const { owner, member, runId } = await twoDevices({ memberClock: steppingClock() });
  await owner.shared.keep(hubView(runId));
  await member.shared.keep(hubView(runId));
  const attached = await owner.runs.attach(
    runId,
    'speed-test',
    { name: 'speed.png', type: 'image/png', blob: new Blob([PHOTO], { type: 'image/png' }) },
    ana,
  );
  if (!attached.ok) throw new Error(attached.error.message);
  const ref = attached.answer.attachments[0];
  if (!ref) throw new Error('no attachment');
  const events = await owner.shared.ownEvents(runId, 0, 500);
  expect(await member.shared.receive(runId, events, events.length)).toMatchObject({ pending: 0 });
  return {
    runId,
    ref,
    owner: owner.shared,
    member: member.shared,
    memberDb: member.db,
    memberRuns: member.runs,
  };
}

describe('evidence files of a shared run on a device', () => {
  test("the member's device names the owner's file, with who attached it, until its bytes arrive", async () => {
    const { runId, ref, owner, member, memberRuns } = await photoOnTheOwnersLaptop();
    const answer = (await memberRuns.load(runId))?.answers.get('speed-test');
    expect(answer?.attachments).toEqual([ref]);
    expect(await member.evidenceOf(runId, [ref])).toEqual([{ ref, attachedBy: ana.name }]);
    expect(await member.missingEvidence(runId)).toEqual([ref.sha256]);
    expect(await member.evidenceBytes(ref.sha256)).toBeUndefined();
    // The owner's device holds the bytes and misses nothing.
    expect(await owner.missingEvidence(runId)).toEqual([]);
    expect(await owner.evidenceBytes(ref.sha256)).toEqual(PHOTO);
  });

  test('once kept, the file shows on the answer, nothing is missing, and a backup carries it', async () => {
    const { runId, ref, owner, member, memberDb } = await photoOnTheOwnersLaptop();
    // Through the sync adapter the engine uses.
    const files = createSharedRunStore(member).evidence;
    const bytes = await owner.evidenceBytes(ref.sha256);
    if (!bytes || !files) throw new Error('no bytes or no evidence store');
    await files.keep(runId, ref.sha256, bytes);

    expect(await files.missing(runId)).toEqual([]);
    const [held] = await member.evidenceOf(runId, [ref]);
    expect(held?.row).toMatchObject({
      id: ref.id,
      runId,
      itemId: 'speed-test',
      name: 'speed.png',
      mimeType: 'image/png',
      sha256: ref.sha256,
      size: PHOTO.length,
    });
    expect(new Uint8Array((await held?.row?.blob.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      PHOTO,
    );
    expect(await files.bytes(runId, ref.sha256)).toEqual(PHOTO);
    // Kept again (a retry): still one row.
    await files.keep(runId, ref.sha256, bytes);
    expect(await memberDb.attachments.count()).toBe(1);

    const backup = await exportBackup(memberDb, new Date('2025-05-31T12:00:00.000Z'));
    const restoredDb = await freshDatabase();
    await restoreBackup(restoredDb, backup);
    const restored = await restoredDb.attachments.get(ref.id);
    expect(restored?.sha256).toBe(ref.sha256);
    expect(new Uint8Array((await restored?.blob.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      PHOTO,
    );
  });
});
