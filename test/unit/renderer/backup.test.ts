import 'fake-indexeddb/auto';
// Backups on fake-indexeddb: a round trip into a fresh device is exact (evidence byte for byte), a
// damaged or edited file is refused whole with reasons and writes nothing, and a restore never
// silently overwrites newer work on this device.
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { describe, expect, test } from 'vitest';
import { BackupRefusedError, exportBackup, restoreBackup } from '../../../renderer/storage/backup';
import type { GoLiveDatabase } from '../../../renderer/storage/database';
import { createRunRepository } from '../../../renderer/storage/run-repository';
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

async function everything(db: GoLiveDatabase) {
  return {
    profile: await db.profile.toArray(),
    definitions: (await db.definitions.toArray()).map(({ addedAt: _addedAt, ...row }) => row),
    runs: await db.runs.toArray(),
    answers: await db.answers.toArray(),
    events: await db.events.toArray(),
    attachments: await Promise.all(
      (await db.attachments.toArray()).map(async ({ blob, thumbnail, ...row }) => ({
        ...row,
        bytes: new Uint8Array(await blob.arrayBuffer()),
        thumbnail: thumbnail && new Uint8Array(await thumbnail.arrayBuffer()),
      })),
    ),
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
    });
    expect(await everything(target)).toEqual(await everything(source.db));
    expect((await target.attachments.get(source.attachmentId))?.blob.type).toBe('image/png');
    const loaded = await createRunRepository(target).load(source.runId);
    expect(loaded?.integrity).toMatchObject({
      chain: { ok: true },
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
      formatVersion: 1,
      exportedAt: '2025-05-31T12:00:00.000Z',
      counts: { definitions: 1, runs: 1, answers: 2, events: 2, attachments: 1 },
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
      editJson(f, 'manifest.json', (m) => (m.formatVersion = 2)),
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
  test('a run newer on this device is kept and reported', async () => {
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
        reason: expect.stringMatching(
          /This device has newer changes \(3 events.*backup \(2 events/,
        ),
      },
    ]);
    expect(await everything(db)).toEqual(before);
  });

  test("an older copy here is replaced when the backup's log extends it", async () => {
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
    expect(await spare.events.count()).toBe(4);
  });

  test('a copy that diverged is a conflict and is kept', async () => {
    const laptop = await deviceWithRun();
    const spare = await freshDatabase({ seed: false });
    await restoreBackup(spare, await exportBackup(laptop.db));
    // The spare changes the run once at 09:02:30; the laptop twice, at 09:02 and 09:03.
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
    const before = await everything(spare);

    const report = await restoreBackup(spare, await exportBackup(laptop.db));
    expect(report.restoredRuns).toEqual([]);
    expect(report.conflicts).toEqual([
      {
        what: `run "Berlin office" (${laptop.runId})`,
        reason: expect.stringMatching(/both changed it since they parted/),
      },
    ]);
    expect(await everything(spare)).toEqual(before);
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
