import 'fake-indexeddb/auto';
// Upgrading a device's database: one seeded at an older schema version (only that version's
// declarations, as an older app would have opened it) opens with the current schema and keeps
// its data, and the tables added since work.
import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { openDatabase } from '../../../renderer/storage/database';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import { declareVersion1 } from '../../../renderer/storage/versions/v1';
import { declareVersion2 } from '../../../renderer/storage/versions/v2';
import { declareVersion3 } from '../../../renderer/storage/versions/v3';
import { DEVICE_CHAIN_KEY } from '../../../renderer/storage/versions/v4';
import { ana, seedSingleLogRun, tinyDefinitionRow, uniqueName } from './storage-fixtures';

const profile = {
  id: 'p-ana',
  name: 'Ana Admin',
  role: 'admin' as const,
  office: 'Berlin office',
  createdAt: '2025-05-01T08:00:00.000Z',
  updatedAt: '2025-05-01T08:00:00.000Z',
};

const KEY = 'tiny-office@1.0.0';
const RUN = {
  definitionKey: KEY,
  name: 'Berlin office',
  parameters: { seats: 12 },
  plannedGoLive: '2025-06-02',
};

test('a version 1 database upgrades and keeps the profile and settings', async () => {
  const name = uniqueName();
  const v1 = new Dexie(name);
  declareVersion1(v1);
  await v1.table('profile').add(profile);
  await v1.table('settings').put({ key: 'language', value: 'es' });
  expect(v1.verno).toBe(1);
  v1.close();

  const db = openDatabase(name);
  await db.open();
  expect(db.verno).toBeGreaterThan(1);
  expect(await db.profile.toArray()).toEqual([profile]);
  expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'es' });

  await db.definitions.put(tinyDefinitionRow());
  const runs = createRunRepository(db);
  const run = await runs.create(RUN, ana);
  const result = await runs.apply(
    run.id,
    { type: 'setStatus', itemId: 'core-switches', status: 'done' },
    ana,
  );
  expect(result.ok).toBe(true);
  const file = { name: 'a.txt', type: 'text/plain', blob: new Blob(['a']) };
  expect((await runs.attach(run.id, 'speed-test', file, ana)).ok).toBe(true);
  expect(await db.runEvents.count()).toBe(2);
  expect(await db.attachments.count()).toBe(1);
  db.close();
});

test('a version 3 database with a run in progress upgrades: its single log becomes this device chain, hashes unchanged', async () => {
  const name = uniqueName();
  const v3 = new Dexie(name);
  declareVersion1(v3);
  declareVersion2(v3);
  declareVersion3(v3);
  const seeded = await seedSingleLogRun(v3, [
    { type: 'setStatus', itemId: 'core-switches', status: 'done' },
    { type: 'setValue', itemId: 'speed-test', value: { type: 'number', value: 480 } },
    { type: 'setNotes', itemId: 'speed-test', notes: 'Measured at the rack.' },
  ]);
  v3.close();

  const db = openDatabase(name);
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(5);
  expect(db.tables.map((table) => table.name)).not.toContain('events');
  const chain = (await db.settings.get(DEVICE_CHAIN_KEY))?.value;
  expect(chain).toMatch(/^d-/);
  const stored = await db.runEvents.toArray();
  expect(stored.map((event) => [event.chain, event.seq, event.hash])).toEqual(
    seeded.events.map((event) => [chain, event.seq, event.hash]),
  );

  const runs = createRunRepository(db);
  const loaded = await runs.load(seeded.run.id);
  expect(loaded?.integrity).toMatchObject({ log: { ok: true }, tamperedItems: [] });
  expect(loaded?.answers.get('speed-test')?.notes).toBe('Measured at the rack.');
  // Work goes on in the same chain, in the new format, linked to the old events.
  const next = await runs.apply(
    seeded.run.id,
    { type: 'setStatus', itemId: 'isp-lines', status: 'done' },
    ana,
  );
  expect(next).toMatchObject({
    ok: true,
    event: { v: 2, chain, seq: 4, prevHash: seeded.events[2]?.hash },
  });
  expect((await runs.load(seeded.run.id))?.integrity.log.ok).toBe(true);
  db.close();
});
