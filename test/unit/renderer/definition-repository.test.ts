// The definition repository over a real Dexie database on fake-indexeddb: seeding the bundled
// templates is idempotent and never replaces a published version, imports are validated and a
// version cannot change content, and versions come back newest first.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type GoLiveDatabase } from '../../../renderer/storage/database';
import { createDefinitionRepository } from '../../../renderer/storage/definition-repository';
import { loadBundledDefinitions } from '../../../renderer/storage/bundled-definitions';

const BUNDLED_DEFINITIONS = await loadBundledDefinitions();

const opened: GoLiveDatabase[] = [];

function freshRepository() {
  const db = openDatabase(`definitions-test-${crypto.randomUUID()}`);
  opened.push(db);
  return { db, repository: createDefinitionRepository(db, () => new Date('2025-01-02T03:04:05Z')) };
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

function bundled(path: string): string {
  const file = BUNDLED_DEFINITIONS.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`${path} is not bundled`);
  return file.text;
}

/** A small valid definition; `extra` lands in the changelog so the content (and hash) differs. */
function smallDefinition(version: string, extra = ''): string {
  return [
    'id: printer-rollout',
    `version: ${version}`,
    'title: Printer rollout',
    'kind: new-office',
    `changelog: First version.${extra}`,
    'departments:',
    '  - id: workplace',
    '    title: Workplace services',
    'sections:',
    '  - id: printers',
    '    title: Printers',
    '    department: workplace',
    '    items:',
    '      - id: printer-installed',
    '        title: Printer installed',
    '        type: check',
    '',
  ].join('\n');
}

describe('bundled definitions', () => {
  it('are every checklists/<id>/<version>.yaml, with paths from the repository root', () => {
    const paths = BUNDLED_DEFINITIONS.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'checklists/client-onboarding/1.0.0.yaml',
        'checklists/new-office/1.0.0.yaml',
        'checklists/new-office/1.1.0.yaml',
      ]),
    );
  });
});

describe('seedBundled', () => {
  it('stores every bundled version once, and a second seeding changes nothing', async () => {
    const { db, repository } = freshRepository();
    const first = await repository.seedBundled(BUNDLED_DEFINITIONS);
    expect(first.invalid).toEqual([]);
    expect(first.conflicts).toEqual([]);
    expect(first.added).toEqual(
      expect.arrayContaining(['client-onboarding@1.0.0', 'new-office@1.0.0', 'new-office@1.1.0']),
    );
    const before = await db.definitions.toArray();
    expect(before.every((row) => row.source === 'bundled')).toBe(true);

    const second = await repository.seedBundled(BUNDLED_DEFINITIONS);
    expect(second.added).toEqual([]);
    expect(second.unchanged.sort()).toEqual([...first.added].sort());
    expect(await db.definitions.toArray()).toEqual(before);
  });

  it('keeps a stored version whose content differs and reports the conflict', async () => {
    const { repository } = freshRepository();
    const text = bundled('checklists/new-office/1.0.0.yaml');
    await repository.seedBundled([{ path: 'checklists/new-office/1.0.0.yaml', text }]);
    const stored = await repository.get('new-office', '1.0.0');

    const edited = text.replace('title: New office go-live', 'title: New office go-live (edited)');
    const report = await repository.seedBundled([
      { path: 'checklists/new-office/1.0.0.yaml', text: edited },
    ]);
    expect(report.added).toEqual([]);
    expect(report.conflicts).toEqual([
      expect.objectContaining({ key: 'new-office@1.0.0', storedHash: stored?.hash }),
    ]);
    expect(await repository.get('new-office', '1.0.0')).toEqual(stored);
  });

  it('reports a bundled file that does not validate and stores nothing for it', async () => {
    const { repository } = freshRepository();
    const report = await repository.seedBundled([
      { path: 'checklists/printer-rollout/1.0.0.yaml', text: 'id: [' },
    ]);
    expect(report.invalid).toHaveLength(1);
    expect(await repository.list()).toEqual([]);
  });
});

describe('importText', () => {
  it('stores a valid file as imported, and importing the same content again is a no-op', async () => {
    const { repository } = freshRepository();
    const result = await repository.importText('printer-rollout.yaml', smallDefinition('1.0.0'));
    expect(result).toMatchObject({
      ok: true,
      isNew: true,
      row: {
        key: 'printer-rollout@1.0.0',
        title: 'Printer rollout',
        source: 'imported',
        addedAt: '2025-01-02T03:04:05.000Z',
      },
    });
    const again = await repository.importText('copy.yaml', smallDefinition('1.0.0'));
    expect(again).toMatchObject({ ok: true, isNew: false });
    expect(await repository.versionsOf('printer-rollout')).toHaveLength(1);
  });

  it('returns the problems with their line for a broken file and stores nothing', async () => {
    const { repository } = freshRepository();
    await repository.seedBundled(BUNDLED_DEFINITIONS);
    const before = await repository.list();
    const broken = smallDefinition('1.0.0').replace('type: check', 'type: checkbox');
    const result = await repository.importText('broken.yaml', broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('invalid');
    expect(result.problems[0]).toMatchObject({ path: 'broken.yaml', line: 16 });
    expect(await repository.list()).toEqual(before);
  });

  it('refuses an existing version with different content and keeps the stored one', async () => {
    const { repository } = freshRepository();
    await repository.seedBundled(BUNDLED_DEFINITIONS);
    const stored = await repository.get('new-office', '1.1.0');
    const text = bundled('checklists/new-office/1.1.0.yaml').replace(
      'title: New office go-live',
      'title: New office go-live, quietly edited',
    );
    const result = await repository.importText('1.1.0.yaml', text);
    expect(result).toEqual({
      ok: false,
      reason: 'version-exists',
      problems: [
        {
          path: '1.1.0.yaml',
          line: 2,
          column: 1,
          message: 'version 1.1.0 already exists with different content: publish a new version',
        },
      ],
    });
    expect(await repository.get('new-office', '1.1.0')).toEqual(stored);
  });
});

describe('reading', () => {
  it('orders versions newest first by semantic version, not by text', async () => {
    const { repository } = freshRepository();
    for (const version of ['1.2.0', '1.10.0', '1.9.3', '0.9.0'])
      await repository.importText(`${version}.yaml`, smallDefinition(version, ` (${version})`));
    const versions = (await repository.versionsOf('printer-rollout')).map((row) => row.version);
    expect(versions).toEqual(['1.10.0', '1.9.3', '1.2.0', '0.9.0']);
    expect((await repository.latest('printer-rollout'))?.version).toBe('1.10.0');
    expect(await repository.latest('no-such-template')).toBeUndefined();
    expect((await repository.get('printer-rollout', '1.9.3'))?.source).toBe('imported');
  });

  it('lists every definition grouped by id with its newest version first', async () => {
    const { repository } = freshRepository();
    await repository.seedBundled(BUNDLED_DEFINITIONS);
    const keys = (await repository.list()).map((row) => row.key);
    expect(keys).toEqual([
      'client-onboarding@1.1.0',
      'client-onboarding@1.0.0',
      'new-office@1.2.0',
      'new-office@1.1.0',
      'new-office@1.0.0',
    ]);
  });
});
