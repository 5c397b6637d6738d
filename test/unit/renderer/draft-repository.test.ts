import 'fake-indexeddb/auto';
// Drafts of a template's next version on fake-indexeddb: one per template, never replaced by
// starting another, saved whole on every edit, gone for good once discarded (a late save does
// not bring it back), kept across closing and reopening the database, and a database of schema
// version 5 upgrades to 6 with its data and gains the drafts table.
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../renderer/storage/database';
import { createDraftRepository } from '../../../renderer/storage/draft-repository';
import { declareVersion1 } from '../../../renderer/storage/versions/v1';
import { declareVersion2 } from '../../../renderer/storage/versions/v2';
import { declareVersion3 } from '../../../renderer/storage/versions/v3';
import { declareVersion4, declareVersion5 } from '../../../renderer/storage/versions/v4';
import {
  draftFromDefinition,
  nextMinorVersion,
} from '../../../renderer/features/templates/editor/draft-document';
import { freshDatabase, steppingClock, tinyDefinitionRow, uniqueName } from './storage-fixtures';

function newDraft() {
  const base = tinyDefinitionRow();
  return {
    definitionId: base.id,
    baseVersion: base.version,
    baseHash: base.hash,
    document: draftFromDefinition(base.definition, nextMinorVersion(base.version)),
  };
}

describe('draft repository', () => {
  it('starts a draft of the next minor version with an empty changelog for the author to write', async () => {
    const db = await freshDatabase();
    const drafts = createDraftRepository(db, steppingClock());
    const created = await drafts.create(newDraft());
    expect(created.isNew).toBe(true);
    expect(created.row).toMatchObject({
      definitionId: 'tiny-office',
      baseVersion: '1.0.0',
      createdAt: '2025-05-31T09:00:00.000Z',
      updatedAt: '2025-05-31T09:00:00.000Z',
      document: { id: 'tiny-office', version: '1.1.0', changelog: '' },
    });
    expect(created.row.document.sections[0]?.items.map((item) => item.id)).toEqual([
      'core-switches',
      'isp-lines',
      'speed-test',
      'wifi-survey',
    ]);
    expect(await drafts.get('tiny-office')).toEqual(created.row);
    db.close();
  });

  it('returns the existing draft instead of starting a second one, untouched', async () => {
    const db = await freshDatabase();
    const drafts = createDraftRepository(db, steppingClock());
    const { row } = await drafts.create(newDraft());
    const edited = { ...row.document, changelog: 'Speed test now needs evidence.' };
    expect(await drafts.save('tiny-office', edited)).toBe(true);
    const again = await drafts.create(newDraft());
    expect(again.isNew).toBe(false);
    expect(again.row.document.changelog).toBe('Speed test now needs evidence.');
    expect(await db.templateDrafts.count()).toBe(1);
    db.close();
  });

  it('saves the whole document with its time, lists the latest edited first, and survives a reopen', async () => {
    const name = uniqueName();
    const db = openDatabase(name);
    const drafts = createDraftRepository(db, steppingClock());
    const { row } = await drafts.create(newDraft());
    const second = await drafts.create({
      ...newDraft(),
      definitionId: 'other-office',
      document: { ...newDraft().document, id: 'other-office' },
    });
    const document = structuredClone(row.document);
    const item = document.sections[0]?.items[2];
    if (item === undefined) throw new Error('fixture changed');
    item.min = 'seats * 2';
    item.evidence = 'required';
    expect(await drafts.save('tiny-office', document)).toBe(true);
    expect((await drafts.list()).map((draft) => draft.definitionId)).toEqual([
      'tiny-office',
      'other-office',
    ]);
    expect(second.row.updatedAt < (await drafts.get('tiny-office'))!.updatedAt).toBe(true);
    db.close();

    const reopened = openDatabase(name);
    const stored = await createDraftRepository(reopened).get('tiny-office');
    expect(stored?.document.sections[0]?.items[2]).toMatchObject({
      id: 'speed-test',
      min: 'seats * 2',
      evidence: 'required',
    });
    reopened.close();
  });

  it('does not bring a discarded draft back when a save arrives late', async () => {
    const db = await freshDatabase();
    const drafts = createDraftRepository(db);
    const { row } = await drafts.create(newDraft());
    await drafts.discard('tiny-office');
    expect(await drafts.save('tiny-office', row.document)).toBe(false);
    expect(await drafts.get('tiny-office')).toBeUndefined();
    db.close();
  });
});

describe('schema version 6', () => {
  it('upgrades a version 5 database, keeping its data, and adds the drafts table', async () => {
    const name = uniqueName();
    const v5 = new Dexie(name);
    declareVersion1(v5);
    declareVersion2(v5);
    declareVersion3(v5);
    declareVersion4(v5);
    declareVersion5(v5);
    await v5.table('settings').put({ key: 'language', value: 'es' });
    await v5.table('definitions').put(tinyDefinitionRow());
    expect(v5.verno).toBe(5);
    v5.close();

    const db = openDatabase(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.settings.get('language')).toEqual({ key: 'language', value: 'es' });
    expect(await db.definitions.count()).toBe(1);
    const drafts = createDraftRepository(db);
    expect((await drafts.create(newDraft())).isNew).toBe(true);
    expect(await db.templateDrafts.count()).toBe(1);
    db.close();
  });
});
