import 'fake-indexeddb/auto';
// The run repository on fake-indexeddb: each change writes its answer and event together or not at
// all, refusals write nothing, a full disk loses nothing, and tampering is reported on load.
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { GoLiveDatabase } from '../../../renderer/storage/database';
import {
  MAX_ATTACHMENT_BYTES,
  createRunRepository,
  eventsOfRun,
  type RunRepository,
} from '../../../renderer/storage/run-repository';
import { ana, freshDatabase, simulateFullDisk, steppingClock } from './storage-fixtures';
import { deviceChainOf } from '../../../renderer/storage/device-chain';

const KEY = 'tiny-office@1.0.0';

async function setUp(options: Parameters<typeof freshDatabase>[0] = {}) {
  const db = await freshDatabase(options);
  const repo = createRunRepository(db, { clock: steppingClock() });
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
  return { db, repo, run };
}

async function counts(db: GoLiveDatabase) {
  return {
    answers: await db.answers.count(),
    events: await db.runEvents.count(),
    attachments: await db.attachments.count(),
  };
}

async function done(repo: RunRepository, runId: string, itemId: string) {
  return repo.apply(runId, { type: 'setStatus', itemId, status: 'done' }, ana);
}

describe('create and list', () => {
  test('pins the template by id, version and hash; starts with an empty log', async () => {
    const { db, run } = await setUp();
    const row = await db.definitions.get(KEY);
    expect(run).toMatchObject({
      definitionId: 'tiny-office',
      definitionVersion: '1.0.0',
      definitionHash: row?.hash,
      kind: 'new-office',
      state: 'in-progress',
      createdBy: ana,
      updatedAt: '2025-05-30T08:00:00.000Z',
    });
    expect(await db.runs.get(run.id)).toEqual(run);
    expect(await counts(db)).toEqual({ answers: 0, events: 0, attachments: 0 });
  });

  test('refuses an unknown template, a bad date and wrong parameters', async () => {
    const { repo } = await setUp();
    const base = {
      definitionKey: KEY,
      name: 'X',
      parameters: { seats: 3 },
      plannedGoLive: '2025-06-02',
    };
    await expect(repo.create({ ...base, definitionKey: 'nope@1.0.0' }, ana)).rejects.toThrow(
      /not on this device/,
    );
    await expect(repo.create({ ...base, plannedGoLive: '2025-02-30' }, ana)).rejects.toThrow(
      /not a date/,
    );
    await expect(repo.create({ ...base, parameters: {} }, ana)).rejects.toThrow(
      /"Seats" is required/,
    );
    await expect(repo.create({ ...base, parameters: { seats: 'many' } }, ana)).rejects.toThrow(
      /must be a number/,
    );
    await expect(
      repo.create({ ...base, parameters: { seats: 3, floors: 2 } }, ana),
    ).rejects.toThrow(/"floors" is not a parameter/);
  });

  test('lists newest change first', async () => {
    const { repo, run } = await setUp();
    const other = await repo.create(
      {
        definitionKey: KEY,
        name: 'Madrid office',
        parameters: { seats: 80 },
        plannedGoLive: '2025-07-01',
      },
      ana,
      new Date('2025-05-30T09:00:00.000Z'),
    );
    expect((await repo.list()).map((r) => r.id)).toEqual([other.id, run.id]);
    await done(repo, run.id, 'core-switches'); // the clock says 2025-05-31
    expect((await repo.list()).map((r) => r.id)).toEqual([run.id, other.id]);
  });
});

describe('apply', () => {
  test('writes the answer, the event and the run time together', async () => {
    const { db, repo, run } = await setUp();
    const result = await done(repo, run.id, 'core-switches');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answer.status).toBe('done');
    expect(result.event).toMatchObject({ seq: 1, type: 'setStatus', itemId: 'core-switches' });
    expect(await counts(db)).toEqual({ answers: 1, events: 1, attachments: 0 });
    expect(await db.answers.get([run.id, 'core-switches'])).toEqual(result.answer);
    expect(await db.runEvents.get([run.id, await deviceChainOf(db), 1])).toEqual(result.event);
    expect((await db.runs.get(run.id))?.updatedAt).toBe(result.event.at);
  });

  test('refuses N/A without a reason and writes nothing', async () => {
    const { db, repo, run } = await setUp();
    const result = await repo.apply(
      run.id,
      { type: 'setStatus', itemId: 'speed-test', status: 'not-applicable' },
      ana,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'reason-required' } });
    expect(await counts(db)).toEqual({ answers: 0, events: 0, attachments: 0 });
    expect(await db.runs.get(run.id)).toEqual(run);
  });

  test('refuses an item whose dependency is open, naming it, and writes nothing', async () => {
    const { db, repo, run } = await setUp();
    const result = await done(repo, run.id, 'isp-lines');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('dependencies-open');
    expect(result.error.details?.waitingOn?.map((w) => w.itemId)).toEqual(['core-switches']);
    expect(await counts(db)).toEqual({ answers: 0, events: 0, attachments: 0 });
    expect((await done(repo, run.id, 'core-switches')).ok).toBe(true);
    expect((await done(repo, run.id, 'isp-lines')).ok).toBe(true);
  });

  test('refuses an unknown run', async () => {
    const { repo } = await setUp();
    expect(await done(repo, 'no-such-run', 'core-switches')).toMatchObject({
      ok: false,
      error: { code: 'unknown-run' },
    });
  });

  test('keeps a valid chain over many actions, and the answers match it', async () => {
    const { db, repo, run } = await setUp();
    const items = ['core-switches', 'isp-lines', 'speed-test'];
    for (let i = 0; i < 45; i++) {
      const itemId = items[i % items.length] as string;
      const result = await repo.apply(
        run.id,
        { type: 'setNotes', itemId, notes: `note ${i}` },
        ana,
      );
      expect(result.ok).toBe(true);
    }
    expect((await done(repo, run.id, 'core-switches')).ok).toBe(true);
    const loaded = await repo.load(run.id);
    expect(loaded?.events.map((e) => e.seq)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(loaded?.integrity).toEqual({
      log: {
        ok: true,
        chains: [
          {
            chain: await deviceChainOf(db),
            head: loaded?.events.at(-1)?.hash,
            length: loaded?.events.length,
          },
        ],
      },
      tamperedItems: [],
      definitionMatches: true,
    });
    expect(loaded?.answers.get('speed-test')?.notes).toBe('note 44');
    expect(await db.answers.count()).toBe(3);
  });

  test('refuses every change to a signed run', async () => {
    const { db, repo, run } = await setUp();
    expect((await done(repo, run.id, 'core-switches')).ok).toBe(true);
    await db.runs.update(run.id, { state: 'signed' });
    const before = await counts(db);
    expect(await done(repo, run.id, 'speed-test')).toMatchObject({
      ok: false,
      error: { code: 'run-frozen' },
    });
    expect(await repo.undo(run.id, ana)).toMatchObject({
      ok: false,
      error: { code: 'run-frozen' },
    });
    const file = { name: 'rack.txt', type: 'text/plain', blob: new Blob(['label']) };
    expect(await repo.attach(run.id, 'speed-test', file, ana)).toMatchObject({
      ok: false,
      error: { code: 'run-frozen' },
    });
    expect(await counts(db)).toEqual(before);
  });
});

describe('undo', () => {
  test('restores the answer before the last event and logs an undo event', async () => {
    const { db, repo, run } = await setUp();
    expect(await repo.undo(run.id, ana)).toMatchObject({
      ok: false,
      error: { code: 'nothing-to-undo' },
    });
    const first = await done(repo, run.id, 'core-switches');
    const undone = await repo.undo(run.id, ana);
    expect(undone.ok).toBe(true);
    if (!undone.ok || !first.ok) return;
    expect(undone.answer.status).toBe('open');
    expect(undone.event.payload.action).toEqual({
      type: 'undo',
      itemId: 'core-switches',
      undoneSeq: 1,
      undoneHash: first.event.hash,
    });
    expect(await db.answers.get([run.id, 'core-switches'])).toEqual(undone.answer);
    const loaded = await repo.load(run.id);
    expect(loaded?.events).toHaveLength(2);
    expect(loaded?.integrity.log.ok).toBe(true);
    expect(loaded?.integrity.tamperedItems).toEqual([]);
  });
});

describe('attachments', () => {
  const bytes = new TextEncoder().encode('Rack A3, patch panel 2, port 14');
  const file = { name: 'rack-label.txt', type: 'text/plain', blob: new Blob([bytes]) };

  test('stores the bytes with their SHA-256 and references them from the answer', async () => {
    const { db, repo, run } = await setUp();
    const result = await repo.attach(run.id, 'speed-test', file, ana);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const ref = result.answer.attachments[0];
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(ref).toMatchObject({
      name: 'rack-label.txt',
      mimeType: 'text/plain',
      size: bytes.length,
      sha256,
    });
    const row = await repo.getAttachment(ref?.id ?? '');
    expect(row).toMatchObject({ runId: run.id, itemId: 'speed-test', sha256 });
    expect(row?.thumbnail).toBeUndefined(); // no canvas in node; never fails the attach
    expect(new Uint8Array(await (row?.blob ?? new Blob()).arrayBuffer())).toEqual(bytes);
    expect(await counts(db)).toEqual({ answers: 1, events: 1, attachments: 1 });

    const detached = await repo.detach(run.id, 'speed-test', ref?.id ?? '', ana);
    expect(detached.ok && detached.answer.attachments).toEqual([]);
    expect(await repo.getAttachment(ref?.id ?? '')).toBeDefined(); // kept for the log and undo
  });

  test('refuses a file over the limit, naming it, its size and the limit', async () => {
    const { db, repo, run } = await setUp();
    const big = {
      name: 'firewall-backup.tgz',
      type: 'application/gzip',
      blob: new Blob([new Uint8Array(MAX_ATTACHMENT_BYTES + 1)]),
    };
    const result = await repo.attach(run.id, 'speed-test', big, ana);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('attachment-too-large');
    expect(result.error.message).toMatch(/"firewall-backup\.tgz" is 25\.0 MB; .* at most 25\.0 MB/);
    expect(await counts(db)).toEqual({ answers: 0, events: 0, attachments: 0 });
  });

  test('a full disk refuses clearly and loses nothing already saved', async () => {
    const disk = { full: false };
    const { db, repo, run } = await setUp({
      beforeOpen: (d) => simulateFullDisk(d, 'attachments', disk),
    });
    expect((await done(repo, run.id, 'core-switches')).ok).toBe(true);
    const saved = await repo.load(run.id);
    disk.full = true;
    const result = await repo.attach(run.id, 'speed-test', file, ana);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'storage-full',
        message: expect.stringMatching(/out of storage space.*nothing already saved was lost/),
      },
    });
    // The answer and event written before the attachment in the same transaction were rolled back.
    expect(await counts(db)).toEqual({ answers: 1, events: 1, attachments: 0 });
    expect(await repo.load(run.id)).toEqual(saved);
    disk.full = false;
    expect((await repo.attach(run.id, 'speed-test', file, ana)).ok).toBe(true);
  });

  test('a full disk while ticking refuses the tick and keeps the log whole', async () => {
    const disk = { full: false };
    const { db, repo, run } = await setUp({
      beforeOpen: (d) => simulateFullDisk(d, 'runEvents', disk),
    });
    expect((await done(repo, run.id, 'core-switches')).ok).toBe(true);
    disk.full = true;
    expect(await done(repo, run.id, 'isp-lines')).toMatchObject({
      ok: false,
      error: { code: 'storage-full' },
    });
    expect(await counts(db)).toEqual({ answers: 1, events: 1, attachments: 0 });
    expect((await repo.load(run.id))?.integrity.tamperedItems).toEqual([]);
  });
});

describe('integrity on load', () => {
  test('an answer edited directly in IndexedDB is reported', async () => {
    const { db, repo, run } = await setUp();
    await done(repo, run.id, 'core-switches');
    await repo.apply(
      run.id,
      { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 250 } },
      ana,
    );
    await db.answers.update([run.id, 'speed-test'], { value: { type: 'number', value: 900 } });
    const loaded = await repo.load(run.id);
    expect(loaded?.integrity.log.ok).toBe(true);
    expect(loaded?.integrity.tamperedItems).toEqual(['speed-test']);
  });

  test('an edited event breaks the chain where it was edited', async () => {
    const { db, repo, run } = await setUp();
    await done(repo, run.id, 'core-switches');
    await done(repo, run.id, 'isp-lines');
    await db.runEvents.update([run.id, await deviceChainOf(db), 1], {
      at: '2025-01-01T00:00:00.000Z',
    });
    const loaded = await repo.load(run.id);
    expect(loaded?.integrity.log).toMatchObject({ ok: false, seq: 1 });
    expect(await eventsOfRun(db, run.id).count()).toBe(2);
  });

  test('load returns undefined for an unknown run', async () => {
    const { repo } = await setUp();
    expect(await repo.load('no-such-run')).toBeUndefined();
  });
});
