import 'fake-indexeddb/auto';
// Backups on fake-indexeddb: a round trip into a fresh device is exact (evidence byte for byte,
// signed reports as signed), a damaged or edited file is refused whole with reasons and writes
// nothing, a restore merges histories and never loses work from either side, a report the hub
// already has is never queued again, and version 1 and 2 files (one log per run) still restore.
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { describe, expect, test } from 'vitest';
import { canonicalReportJson, countersign, verifyReport } from '../../../core/reports';
import { answerAfter, canonicalJson, sha256Hex, type RunEvent } from '../../../core/runs';
import { BackupRefusedError, exportBackup, restoreBackup } from '../../../renderer/storage/backup';
import type { GoLiveDatabase } from '../../../renderer/storage/database';
import { createReportRepository } from '../../../renderer/storage/report-repository';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import { adminSigner, supervisorSigner, trustedKey } from '../core/reports/fixtures';
import {
  TINY_YAML,
  ana,
  freshDatabase,
  steppingClock,
  tinyDefinitionRow,
} from './storage-fixtures';

const KEY = 'tiny-office@1.0.0';
const EVIDENCE = new Uint8Array(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));

async function deviceWithRun(clockStart = Date.UTC(2025, 4, 31, 9, 0)) {
  const db = await freshDatabase();
  await db.profile.put({
    id: 'p-ana',
    name: 'Ana Admin',
    role: 'admin',
    office: 'Berlin office',
    createdAt: '2025-05-29T08:00:00.000Z',
    updatedAt: '2025-05-29T08:00:00.000Z',
  });
  const repo = createRunRepository(db, { clock: steppingClock(clockStart) });
  const run = await repo.create(
    {
      definitionKey: KEY,
      name: 'Berlin office',
      parameters: { seats: 12 },
      plannedGoLive: '2025-06-02',
    },
    ana,
    new Date('2025-05-30T08:00:00.000Z'),
  );
  await repo.apply(run.id, { type: 'setStatus', itemId: 'core-switches', status: 'done' }, ana);
  const attached = await repo.attach(
    run.id,
    'speed-test',
    { name: 'speed.png', type: 'image/png', blob: new Blob([EVIDENCE], { type: 'image/png' }) },
    ana,
  );
  if (!attached.ok) throw new Error(attached.error.message);
  const attachmentId = attached.answer.attachments[0]?.id ?? '';
  // A thumbnail as the browser would have made it (node has no canvas).
  await db.attachments.update(attachmentId, {
    thumbnail: new Blob([new Uint8Array([9, 9, 9])], { type: 'image/jpeg' }),
  });
  return { db, repo, runId: run.id, attachmentId };
}

/** The run's last blocking item done: the gate says go. */
async function readyToSign(device: Awaited<ReturnType<typeof deviceWithRun>>) {
  await device.repo.apply(
    device.runId,
    { type: 'setStatus', itemId: 'isp-lines', status: 'done' },
    ana,
  );
}

/** Ana signs the run off on `device` (the run freezes, the report waits in the outbox). */
async function signOff(
  device: Awaited<ReturnType<typeof deviceWithRun>>,
  at = '2025-05-31T10:00:00.000Z',
  lessonsLearned = 'Order the second ISP line six weeks ahead.',
) {
  return createReportRepository(device.db, device.repo).signOff({
    runId: device.runId,
    office: 'Berlin office',
    lessonsLearned,
    signer: adminSigner,
    now: new Date(at),
  });
}

/** A device whose run is signed off, with Ana's and Sam's keys on its trust list. */
async function deviceWithSignedRun() {
  const device = await deviceWithRun();
  await readyToSign(device);
  const row = await signOff(device);
  await device.db.trustedKeys.bulkPut([
    await trustedKey(adminSigner),
    await trustedKey(supervisorSigner),
  ]);
  return { ...device, row };
}

const EXPORTED_AT = new Date('2025-05-31T12:00:00.000Z');

async function everything(db: GoLiveDatabase) {
  return {
    profile: await db.profile.toArray(),
    definitions: (await db.definitions.toArray()).map(({ addedAt: _addedAt, ...row }) => row),
    // logVersion counts this device's own writes: not part of what a backup carries.
    runs: (await db.runs.toArray()).map(({ logVersion: _version, ...row }) => row),
    answers: await db.answers.toArray(),
    events: await db.runEvents.toArray(),
    attachments: await Promise.all(
      (await db.attachments.toArray()).map(async ({ blob, thumbnail, ...row }) => ({
        ...row,
        bytes: new Uint8Array(await blob.arrayBuffer()),
        thumbnail: thumbnail && new Uint8Array(await thumbnail.arrayBuffer()),
      })),
    ),
    signedReports: await db.signedReports.toArray(),
    trustedKeys: await db.trustedKeys.toArray(),
    // The sequence number is this device's own: not part of what a backup carries.
    outbox: (await db.outbox.toArray()).map(({ seq: _seq, ...row }) => row),
  };
}

async function rezip(backup: Blob, edit: (files: Unzipped) => void): Promise<Blob> {
  const files = unzipSync(new Uint8Array(await backup.arrayBuffer()));
  edit(files);
  return new Blob([zipSync(files) as Uint8Array<ArrayBuffer>]);
}

function editJson(files: Unzipped, name: string, edit: (value: Record<string, unknown>) => void) {
  const value = JSON.parse(strFromU8(files[name] ?? new Uint8Array())) as Record<string, unknown>;
  edit(value);
  files[name] = strToU8(JSON.stringify(value));
}

async function refusal(db: GoLiveDatabase, file: Blob): Promise<string[]> {
  const before = await everything(db);
  const error: unknown = await restoreBackup(db, file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupRefusedError);
  expect(await everything(db), 'nothing written').toEqual(before);
  return (error as BackupRefusedError).reasons;
}

describe('export and restore', () => {
  test('a fresh device gets everything back, evidence byte for byte', async () => {
    const source = await deviceWithRun();
    const backup = await exportBackup(source.db, new Date('2025-05-31T12:00:00.000Z'));
    const target = await freshDatabase({ seed: false });

    const report = await restoreBackup(target, backup);
    expect(report).toEqual({
      restoredRuns: [source.runId],
      skipped: [],
      conflicts: [],
      definitionsAdded: 1,
      attachments: 1,
      signedReportsRestored: 0,
      trustedKeysAdded: 0,
    });
    expect(await everything(target)).toEqual(await everything(source.db));
    expect((await target.attachments.get(source.attachmentId))?.blob.type).toBe('image/png');
    const loaded = await createRunRepository(target).load(source.runId);
    expect(loaded?.integrity).toMatchObject({
      log: { ok: true },
      tamperedItems: [],
      definitionMatches: true,
    });
  });

  test('the zip holds a manifest, the data and the evidence files', async () => {
    const { db, attachmentId } = await deviceWithRun();
    const files = unzipSync(
      new Uint8Array(
        await (await exportBackup(db, new Date('2025-05-31T12:00:00.000Z'))).arrayBuffer(),
      ),
    );
    expect(Object.keys(files).sort()).toEqual(
      [
        'attachments/' + attachmentId,
        'data.json',
        'manifest.json',
        'thumbnails/' + attachmentId,
      ].sort(),
    );
    expect(JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array()))).toEqual({
      format: 'go-live-backup',
      formatVersion: 3,
      exportedAt: '2025-05-31T12:00:00.000Z',
      counts: {
        definitions: 1,
        runs: 1,
        answers: 2,
        events: 2,
        attachments: 1,
        signedReports: 0,
        trustedKeys: 0,
        outbox: 0,
      },
    });
    expect(files['attachments/' + attachmentId]).toEqual(EVIDENCE);
  });

  test('restoring the same backup twice changes nothing the second time', async () => {
    const { db, runId } = await deviceWithRun();
    const backup = await exportBackup(db);
    const before = await everything(db);
    const report = await restoreBackup(db, backup);
    expect(report.restoredRuns).toEqual([]);
    expect(report.skipped).toEqual([
      { runId, name: 'Berlin office', reason: 'Already on this device, unchanged.' },
    ]);
    expect(await everything(db)).toEqual(before);
  });
});

describe('refused files (nothing written)', () => {
  test('a file that is not a zip', async () => {
    const target = await freshDatabase();
    const reasons = await refusal(target, new Blob([strToU8('this is not a zip file at all')]));
    expect(reasons).toEqual([expect.stringMatching(/not a readable \.zip/)]);
  });

  test('a wrong or newer manifest', async () => {
    const { db } = await deviceWithRun();
    const backup = await exportBackup(db);
    const target = await freshDatabase();
    const other = await rezip(backup, (f) =>
      editJson(f, 'manifest.json', (m) => (m.format = 'something-else')),
    );
    expect(await refusal(target, other)).toEqual([
      expect.stringMatching(/not a Go-live Checklists backup/),
    ]);
    const newer = await rezip(backup, (f) =>
      editJson(f, 'manifest.json', (m) => (m.formatVersion = 4)),
    );
    expect(await refusal(target, newer)).toEqual([
      expect.stringMatching(/newer version of the app/),
    ]);
    const missing = await rezip(backup, (f) => delete f['manifest.json']);
    expect(await refusal(target, missing)).toEqual([
      expect.stringMatching(/manifest\.json is missing/),
    ]);
    const counts = await rezip(backup, (f) =>
      editJson(f, 'manifest.json', (m) => ((m.counts as Record<string, number>).events = 7)),
    );
    expect(await refusal(target, counts)).toEqual([
      expect.stringMatching(/lists 7 events but the backup holds 2/),
    ]);
  });

  test('an event edited after export', async () => {
    const { db } = await deviceWithRun();
    const edited = await rezip(await exportBackup(db), (f) =>
      editJson(f, 'data.json', (data) => {
        const events = data.events as { seq: number; at: string }[];
        const first = events.find((e) => e.seq === 1);
        if (first) first.at = '2025-01-01T00:00:00.000Z';
      }),
    );
    const reasons = await refusal(await freshDatabase(), edited);
    expect(reasons).toEqual([
      expect.stringMatching(/Run "Berlin office" .*broken at event 1: Event 1 was changed/),
    ]);
  });

  test('an answer edited after export, and a malformed row', async () => {
    const { db } = await deviceWithRun();
    const backup = await exportBackup(db);
    const edited = await rezip(backup, (f) =>
      editJson(f, 'data.json', (data) => {
        for (const answer of data.answers as { itemId: string; notes?: string }[])
          answer.notes = 'added later';
      }),
    );
    expect((await refusal(await freshDatabase(), edited)).join('\n')).toMatch(
      /answers of .* do not match the event log/,
    );
    const malformed = await rezip(backup, (f) =>
      editJson(
        f,
        'data.json',
        (data) => (((data.runs as { state: string }[])[0] as { state: string }).state = 'approved'),
      ),
    );
    expect((await refusal(await freshDatabase(), malformed)).join('\n')).toMatch(
      /data\.json: runs\.0\.state/,
    );
  });

  test('evidence whose bytes do not match its SHA-256', async () => {
    const { db, attachmentId } = await deviceWithRun();
    const swapped = await rezip(await exportBackup(db), (f) => {
      f['attachments/' + attachmentId] = new Uint8Array(EVIDENCE.length).fill(1);
    });
    expect(await refusal(await freshDatabase(), swapped)).toEqual([
      expect.stringMatching(/Attachment "speed\.png" .*do not match its SHA-256/),
    ]);
  });

  test('a template whose text no longer matches its hash', async () => {
    const { db } = await deviceWithRun();
    const edited = await rezip(await exportBackup(db), (f) =>
      editJson(f, 'data.json', (data) => {
        for (const d of data.definitions as { text: string }[])
          d.text = d.text.replace('Tiny office', 'Small office');
      }),
    );
    expect((await refusal(await freshDatabase(), edited)).join('\n')).toMatch(
      /Template tiny-office@1\.0\.0: its text does not match its hash/,
    );
  });
});

describe('merging into a device that has the run', () => {
  test('a run with more history on this device gains nothing and loses nothing', async () => {
    const { db, repo, runId } = await deviceWithRun();
    const backup = await exportBackup(db);
    await repo.apply(
      runId,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'Line 2 due Sunday' },
      ana,
    );
    const before = await everything(db);
    const report = await restoreBackup(db, backup);
    expect(report.restoredRuns).toEqual([]);
    expect(report.skipped).toEqual([
      {
        runId,
        name: 'Berlin office',
        reason: expect.stringMatching(/already holds everything the backup has of it/),
      },
    ]);
    expect(await everything(db)).toEqual(before);
  });

  test("an older copy here gains the backup's later history", async () => {
    const laptop = await deviceWithRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    await laptop.repo.apply(
      laptop.runId,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'Line 2 due Sunday' },
      ana,
    );
    await laptop.repo.undo(laptop.runId, ana);

    const report = await restoreBackup(spare, await exportBackup(laptop.db));
    expect(report).toMatchObject({
      restoredRuns: [laptop.runId],
      skipped: [],
      conflicts: [],
      definitionsAdded: 0,
    });
    expect(await everything(spare)).toEqual(await everything(laptop.db));
    expect(await spare.runEvents.count()).toBe(4);
  });

  test('copies changed on both sides merge: both histories are kept', async () => {
    const laptop = await deviceWithRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    const spareRepo = createRunRepository(spare, {
      clock: steppingClock(Date.UTC(2025, 4, 31, 9, 2, 30)),
    });
    await spareRepo.apply(
      laptop.runId,
      { type: 'setNotes', itemId: 'speed-test', notes: 'on the spare' },
      ana,
    );
    await laptop.repo.apply(
      laptop.runId,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'a' },
      ana,
    );
    await laptop.repo.apply(
      laptop.runId,
      { type: 'setNotes', itemId: 'isp-lines', notes: 'b' },
      ana,
    );

    const report = await restoreBackup(spare, await exportBackup(laptop.db));
    expect(report).toMatchObject({ restoredRuns: [laptop.runId], conflicts: [] });
    spareRepo.forget();
    const merged = await spareRepo.load(laptop.runId);
    expect(merged?.integrity).toMatchObject({ log: { ok: true }, tamperedItems: [] });
    expect(merged?.answers.get('speed-test')?.notes).toBe('on the spare');
    expect(merged?.answers.get('isp-lines')?.notes).toBe('b');
    expect(merged?.log.chainIds()).toHaveLength(2);
    expect(merged?.log.conflictIds().size).toBe(0);
  });

  test('the same item changed on both sides shows as a conflict in the run, both answers kept', async () => {
    const laptop = await deviceWithRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    const spareRepo = createRunRepository(spare, { clock: steppingClock() });
    const note = (notes: string) => ({ type: 'setNotes' as const, itemId: 'isp-lines', notes });
    await spareRepo.apply(laptop.runId, note('Line 2 due Sunday (spare)'), ana);
    await laptop.repo.apply(laptop.runId, note('Line 2 delivered (laptop)'), ana);

    await restoreBackup(spare, await exportBackup(laptop.db));
    const merged = await spareRepo.load(laptop.runId);
    const item = merged?.log.item('isp-lines');
    expect(item?.conflict).toBe(true);
    expect(item?.heads.map((head) => answerAfter(head)?.notes).sort()).toEqual([
      'Line 2 delivered (laptop)',
      'Line 2 due Sunday (spare)',
    ]);
    expect(merged?.integrity.tamperedItems).toEqual([]);
  });

  test('a template with the same version but another text is a conflict; its runs wait', async () => {
    const { db, runId } = await deviceWithRun();
    const target = await freshDatabase({ seed: false });
    const otherText = TINY_YAML.replace('Tiny office go-live', 'Tiny office go-live (local edit)');
    await target.definitions.put(tinyDefinitionRow(otherText));

    const report = await restoreBackup(target, await exportBackup(db));
    expect(report.conflicts).toEqual([
      {
        what: 'template tiny-office@1.0.0',
        reason: expect.stringMatching(/another text under the same version/),
      },
    ]);
    expect(report.skipped).toEqual([
      { runId, name: 'Berlin office', reason: expect.stringMatching(/template .* differs/) },
    ]);
    expect((await target.definitions.get(KEY))?.text).toBe(otherText);
    expect(await target.runs.count()).toBe(0);
  });
});

/** A single device's events as the app recorded them before device chains (format 1). */
function asSingleLog(events: Record<string, unknown>[]): Record<string, unknown>[] {
  let previousHash = '0'.repeat(64);
  return [...events]
    .sort((a, b) => (a.seq as number) - (b.seq as number))
    .map(({ v: _v, chain: _chain, clock: _clock, hash: _hash, ...event }) => {
      const unhashed = { ...event, prevHash: previousHash };
      previousHash = sha256Hex(canonicalJson(unhashed));
      return { ...unhashed, hash: previousHash };
    });
}

/** Rewrites a backup in the layout of format version 1 (before signed reports and chains). */
function asVersion1(files: Unzipped): void {
  editJson(files, 'manifest.json', (manifest) => {
    manifest.formatVersion = 1;
    const counts = manifest.counts as Record<string, number>;
    delete counts.signedReports;
    delete counts.trustedKeys;
    delete counts.outbox;
  });
  editJson(files, 'data.json', (data) => {
    delete data.signedReports;
    delete data.trustedKeys;
    delete data.outbox;
    data.events = asSingleLog(data.events as Record<string, unknown>[]);
  });
}

/** The events as a person would compare two histories: what happened, not where it was filed. */
function happenings(events: readonly RunEvent[]) {
  return events.map(({ seq, type, itemId, payload, at, actor }) => ({
    seq,
    type,
    itemId,
    payload,
    at,
    actor,
  }));
}

describe('format version 1 (before signed reports)', () => {
  test('a version 1 backup restores as before', async () => {
    const source = await deviceWithRun();
    const v1 = await rezip(await exportBackup(source.db, EXPORTED_AT), asVersion1);
    expect(
      JSON.parse(strFromU8(unzipSync(new Uint8Array(await v1.arrayBuffer()))['data.json']!)),
    ).not.toHaveProperty('signedReports');
    const target = await freshDatabase({ seed: false });

    const report = await restoreBackup(target, v1);
    expect(report).toEqual({
      restoredRuns: [source.runId],
      skipped: [],
      conflicts: [],
      definitionsAdded: 1,
      attachments: 1,
      signedReportsRestored: 0,
      trustedKeysAdded: 0,
    });
    const { events: restoredEvents, ...restored } = await everything(target);
    const { events: sourceEvents, ...original } = await everything(source.db);
    expect(restored).toEqual(original);
    expect(happenings(restoredEvents)).toEqual(happenings(sourceEvents));
    expect(new Set(restoredEvents.map((event) => event.chain))).toEqual(
      new Set([`legacy-${source.runId}`]),
    );
    const loaded = await createRunRepository(target).load(source.runId);
    expect(loaded?.integrity).toMatchObject({ log: { ok: true }, tamperedItems: [] });
  });

  test('a file that claims version 1 but holds version 2 data is refused', async () => {
    const { db } = await deviceWithSignedRun();
    const mixed = await rezip(await exportBackup(db), (f) =>
      editJson(f, 'manifest.json', (m) => (m.formatVersion = 1)),
    );
    expect((await refusal(await freshDatabase(), mixed)).join('\n')).toMatch(
      /manifest\.json: counts: Unrecognized keys/,
    );
  });
});

describe('signed reports, trusted keys and the outbox', () => {
  test('a signed run comes back signed, its report exactly as signed', async () => {
    const source = await deviceWithSignedRun();
    const backup = await exportBackup(source.db, EXPORTED_AT);
    const again = await exportBackup(source.db, EXPORTED_AT);
    expect(new Uint8Array(await again.arrayBuffer()), 'byte-deterministic').toEqual(
      new Uint8Array(await backup.arrayBuffer()),
    );
    const target = await freshDatabase({ seed: false });

    const report = await restoreBackup(target, backup);
    expect(report).toEqual({
      restoredRuns: [source.runId],
      skipped: [],
      conflicts: [],
      definitionsAdded: 1,
      attachments: 1,
      signedReportsRestored: 1,
      trustedKeysAdded: 2,
    });
    expect(await everything(target)).toEqual(await everything(source.db));
    const restored = await target.signedReports.get([source.runId, 1]);
    expect(restored?.json).toBe(source.row.json);
    expect(restored?.json).toBe(canonicalReportJson(restored!.signed));
    expect((await target.runs.get(source.runId))?.state).toBe('signed');
    expect(await target.outbox.toArray()).toMatchObject([
      { kind: 'report', key: `${source.runId}@1`, state: 'pending', attempts: 0 },
    ]);
    const trust = {
      format: 'go-live-trust-list' as const,
      formatVersion: 1 as const,
      keys: await target.trustedKeys.toArray(),
    };
    expect(verifyReport(JSON.parse(restored?.json ?? ''), trust).valid).toBe(true);

    const twice = await restoreBackup(target, backup);
    expect(twice).toMatchObject({ restoredRuns: [], conflicts: [], signedReportsRestored: 0 });
    expect(await target.outbox.count()).toBe(1);
  });

  test('a signed report edited in the zip is refused with the reason; nothing is written', async () => {
    const { db, runId } = await deviceWithSignedRun();
    const backup = await exportBackup(db);
    const target = await freshDatabase();
    const editReport = (edit: (row: { json: string; reportHash: string }) => void) =>
      rezip(backup, (f) =>
        editJson(f, 'data.json', (data) => {
          for (const row of data.signedReports as { json: string; reportHash: string }[]) edit(row);
        }),
      );

    const reworded = await editReport((row) => {
      const signed = JSON.parse(row.json) as { body: { lessonsLearned: string } };
      signed.body.lessonsLearned = 'Nothing to learn.';
      row.json = canonicalReportJson(signed as never);
    });
    expect(await refusal(target, reworded)).toEqual([
      expect.stringMatching(
        new RegExp(`Signed report ${runId} revision 1 does not verify: .*changed after signing`),
      ),
    ]);

    const reformatted = await editReport(
      (row) => (row.json = JSON.stringify(JSON.parse(row.json), null, 2)),
    );
    expect(await refusal(target, reformatted)).toEqual([
      expect.stringMatching(/revision 1 is not in the canonical form/),
    ]);

    const rehashed = await editReport((row) => (row.reportHash = 'f'.repeat(64)));
    expect(await refusal(target, rehashed)).toEqual([
      expect.stringMatching(/its report hash is not the hash of the report it holds/),
    ]);
    expect(await target.signedReports.count()).toBe(0);
  });

  test("a report its run's log does not hold, or an outbox entry without its report, is refused", async () => {
    const { db, runId } = await deviceWithSignedRun();
    const backup = await exportBackup(db);
    // The last change (isp-lines done) cut from the run: its log no longer ends in the sign-off.
    const cut = await rezip(backup, (f) => {
      editJson(f, 'data.json', (data) => {
        data.events = (data.events as { seq: number }[]).filter((e) => e.seq < 3);
        data.answers = (data.answers as { itemId: string }[]).filter(
          (a) => a.itemId !== 'isp-lines',
        );
      });
      editJson(f, 'manifest.json', (m) => {
        const counts = m.counts as Record<string, number>;
        counts.events = 2;
        counts.answers = 2;
      });
    });
    expect(await refusal(await freshDatabase(), cut)).toEqual([
      expect.stringMatching(
        new RegExp(`${runId} revision 1: the event log of run "Berlin office" does not hold`),
      ),
    ]);
    const orphan = await rezip(backup, (f) =>
      editJson(f, 'data.json', (data) => {
        for (const entry of data.outbox as { key: string }[]) entry.key = 'another-run@1';
      }),
    );
    expect(await refusal(await freshDatabase(), orphan)).toEqual([
      expect.stringMatching(/outbox entry names a signed report that is not in the backup/),
    ]);
  });

  test('an entry the hub already has stays sent, and marks a waiting copy here as sent', async () => {
    const laptop = await deviceWithSignedRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    expect(await spare.outbox.toArray()).toMatchObject([{ state: 'pending' }]);

    const [entry] = await laptop.db.outbox.toArray();
    const delivered = {
      state: 'sent' as const,
      attempts: 1,
      lastAttemptAt: '2025-06-02T07:00:00.000Z',
      sentAt: '2025-06-02T07:00:00.000Z',
      receipt: '{"reportHash":"…","receivedAt":"2025-06-02T07:00:00.000Z"}',
    };
    await laptop.db.outbox.update(entry?.seq ?? 0, delivered);
    const backup = await exportBackup(laptop.db);

    const fresh = await freshDatabase({ seed: false });
    await restoreBackup(fresh, backup);
    expect((await everything(fresh)).outbox).toEqual((await everything(laptop.db)).outbox);
    expect(await fresh.outbox.where('state').anyOf('pending', 'failed').count()).toBe(0);

    await restoreBackup(spare, backup);
    expect(await spare.outbox.toArray()).toEqual([
      { ...entry, ...delivered, seq: expect.any(Number) as number },
    ]);
  });

  test('the same revision signed differently elsewhere is a conflict; this device keeps its own', async () => {
    const laptop = await deviceWithRun();
    await readyToSign(laptop);
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    const spareDevice = {
      ...laptop,
      db: spare,
      repo: createRunRepository(spare, { clock: steppingClock() }),
    };
    await signOff(laptop, '2025-05-31T10:00:00.000Z', 'From the laptop.');
    await signOff(spareDevice, '2025-05-31T10:05:00.000Z', 'From the spare.');
    const before = await everything(spare);

    const report = await restoreBackup(spare, await exportBackup(laptop.db));
    expect(report.signedReportsRestored).toBe(0);
    expect(report.conflicts).toEqual([
      {
        what: `signed report "Berlin office" revision 1 (${laptop.runId})`,
        reason: expect.stringMatching(
          /another report under the same revision .*kept this device's/,
        ),
      },
    ]);
    expect(await everything(spare)).toEqual(before);
  });

  test("a run in progress here becomes signed only when the backup's log extends this one", async () => {
    const laptop = await deviceWithRun();
    await readyToSign(laptop);
    const extended = await freshDatabase({ seed: false });
    const diverged = await freshDatabase({ seed: false });
    await restoreBackup(extended, await exportBackup(laptop.db));
    await restoreBackup(diverged, await exportBackup(laptop.db));
    await createRunRepository(diverged, {
      clock: steppingClock(Date.UTC(2025, 4, 31, 9, 30)),
    }).apply(
      laptop.runId,
      { type: 'setNotes', itemId: 'speed-test', notes: 'Measured again on the spare' },
      ana,
    );
    await signOff(laptop);
    const backup = await exportBackup(laptop.db);

    const report = await restoreBackup(extended, backup);
    expect(report).toMatchObject({
      restoredRuns: [laptop.runId],
      conflicts: [],
      signedReportsRestored: 1,
    });
    expect((await extended.runs.get(laptop.runId))?.state).toBe('signed');
    expect(await extended.outbox.toArray()).toMatchObject([{ state: 'pending' }]);

    const before = await everything(diverged);
    const kept = await restoreBackup(diverged, backup);
    expect(kept.restoredRuns).toEqual([]);
    expect(kept.skipped).toEqual([
      {
        runId: laptop.runId,
        name: 'Berlin office',
        reason: expect.stringMatching(/already holds everything the backup has of it \(and more\)/),
      },
    ]);
    expect(kept.conflicts).toEqual([
      {
        what: `signed report "Berlin office" revision 1 (${laptop.runId})`,
        reason: expect.stringMatching(/Not restored: its run was not restored/),
      },
    ]);
    expect(kept.signedReportsRestored).toBe(0);
    expect(await everything(diverged)).toEqual(before);
    expect((await diverged.runs.get(laptop.runId))?.state).toBe('in-progress');
  });

  test('a countersign made elsewhere is added to the copy here', async () => {
    const laptop = await deviceWithSignedRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    const older = await exportBackup(spare);
    const approved = await countersign(
      supervisorSigner,
      laptop.row.signed,
      '2025-06-01T19:30:00.000Z',
      'Looks good.',
    );
    await createReportRepository(laptop.db, laptop.repo).storeImported(
      approved,
      laptop.row.reportHash,
    );

    const report = await restoreBackup(spare, await exportBackup(laptop.db));
    expect(report).toMatchObject({ conflicts: [], signedReportsRestored: 1 });
    const copy = await spare.signedReports.get([laptop.runId, 1]);
    expect(copy?.signed.signatures).toHaveLength(2);
    expect(copy?.json).toBe(canonicalReportJson(approved));
    expect(await spare.outbox.count()).toBe(1);

    const before = await everything(laptop.db);
    const back = await restoreBackup(laptop.db, older);
    expect(back).toMatchObject({ conflicts: [], signedReportsRestored: 0 });
    expect(await everything(laptop.db)).toEqual(before);
  });

  test('trusted keys are a union; a key listed differently here is a conflict and kept', async () => {
    const { db } = await deviceWithSignedRun();
    const target = await freshDatabase({ seed: false });
    const anaHere = await trustedKey(adminSigner, { name: 'Ana A.', office: 'Madrid office' });
    await target.trustedKeys.put(anaHere);

    const report = await restoreBackup(target, await exportBackup(db));
    expect(report.trustedKeysAdded).toBe(1);
    expect(report.conflicts).toEqual([
      {
        what: expect.stringMatching(/^trusted key of Ana A\. \([0-9a-f]{16}\)$/) as string,
        reason: expect.stringMatching(
          /name "Ana A\." here, "Ana Admin" in the backup; office differs\); kept this device's/,
        ) as string,
      },
    ]);
    expect(await target.trustedKeys.get(anaHere.publicKey)).toEqual(anaHere);
    expect(await target.trustedKeys.count()).toBe(2);
  });
});
