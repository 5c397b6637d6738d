import 'fake-indexeddb/auto';
// Upgrading a device's database: one seeded at an older schema version (only that version's
// declarations, as an older app would have opened it) opens with the current schema and keeps
// its data, and the tables added since work.
import { Dexie } from 'dexie';
import { expect, test } from 'vitest';
import { openDatabase, type GoLiveDatabase } from '../../../renderer/storage/database';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import { declareVersion1 } from '../../../renderer/storage/versions/v1';
import { declareVersion2 } from '../../../renderer/storage/versions/v2';
import { ana, tinyDefinitionRow, uniqueName } from './storage-fixtures';

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
  expect(await db.events.count()).toBe(2);
  expect(await db.attachments.count()).toBe(1);
  db.close();
});

test('a version 2 database with a run in progress upgrades with the run intact', async () => {
  const name = uniqueName();
  const v2 = new Dexie(name);
  declareVersion1(v2);
  declareVersion2(v2);
  // The repository only touches version 2 tables, so it can seed the older schema.
  const older = v2 as unknown as GoLiveDatabase;
  await older.definitions.put(tinyDefinitionRow());
  const before = createRunRepository(older);
  const run = await before.create(RUN, ana);
  await before.apply(run.id, { type: 'setStatus', itemId: 'core-switches', status: 'done' }, ana);
  const file = { name: 'rack.txt', type: 'text/plain', blob: new Blob(['rack A3']) };
  await before.attach(run.id, 'speed-test', file, ana);
  const seeded = await before.load(run.id);
  v2.close();

  const db = openDatabase(name);
  await db.open();
  expect(db.verno).toBeGreaterThan(2);
  const after = createRunRepository(db);
  expect(await after.load(run.id)).toEqual(seeded);
  expect(seeded?.integrity).toMatchObject({ chain: { ok: true }, tamperedItems: [] });
  const ref = seeded?.answers.get('speed-test')?.attachments[0];
  const row = await after.getAttachment(ref?.id ?? '');
  expect(await row?.blob.text()).toBe('rack A3');
  expect(
    (await after.apply(run.id, { type: 'setStatus', itemId: 'isp-lines', status: 'done' }, ana)).ok,
  ).toBe(true);
  db.close();
});
