// Item-by-item comparison of runs on different versions of one template: shared ids are compared
// status against status, items of one version only are flagged and never read as open.
import { describe, expect, it } from 'vitest';
import { compareRunItems, observeRollouts } from '../../../../core/compare';
import { diffDefinitions } from '../../../../core/definitions';
import { generateWorld } from './generate';

const world = generateWorld({ offices: 24, items: 60 });
const observations = observeRollouts(world.sources, world.catalog);
const comparison = compareRunItems(observations, {
  definitionId: 'new-office',
  catalog: world.catalog,
});
const [v10, v11] = world.definitions;
const diff = diffDefinitions(v10!, v11!);
const onlyOne = new Set([...diff.items.added, ...diff.items.removed].map((item) => item.id));

describe('compareRunItems', () => {
  it('compares the runs of the template, by version then office', () => {
    const runs = world.runs.filter((run) => run.run.definitionId === 'new-office');
    expect(comparison.runs).toHaveLength(runs.length);
    const versions = comparison.runs.map((run) => run.definitionVersion);
    expect(versions).toEqual([...versions].sort());
    expect(comparison.versions).toEqual(['1.0.0', '1.1.0']);
  });

  it('flags exactly the items that exist in only one version', () => {
    const allIds = new Set(
      [v10!, v11!].flatMap((d) => d.sections.flatMap((s) => s.items.map((i) => i.id))),
    );
    expect(comparison.items.map((item) => item.itemId).sort()).toEqual([...allIds].sort());
    for (const item of comparison.items) {
      expect(item.isShared, item.itemId).toBe(!onlyOne.has(item.itemId));
    }
    expect(comparison.versionOnlyItems).toBe(onlyOne.size);
    expect(comparison.sharedItems).toBe(allIds.size - onlyOne.size);
    const removed = comparison.items.find((item) => item.itemId === 'fax-0')!;
    expect([removed.inVersions, removed.notInVersions]).toEqual([['1.0.0'], ['1.1.0']]);
  });

  it('gives each run the status of every item its version has, and not-in-version otherwise', () => {
    comparison.runs.forEach((compared, index) => {
      const run = world.runs.find((r) => r.run.id === compared.runId)!;
      const ids = new Set(run.definition.sections.flatMap((s) => s.items.map((i) => i.id)));
      for (const item of comparison.items) {
        const status = item.statuses[index];
        if (!ids.has(item.itemId)) expect(status).toBe('not-in-version');
        else expect(status).toBe(run.latestStatuses.get(item.itemId) ?? 'hidden');
      }
    });
    const conditional = comparison.items.find((item) => item.itemId === 'infrastructure-1')!;
    expect(conditional.statuses).toContain('hidden');
  });

  it('orders items as the newest version, then the older-only ones', () => {
    const newest = v11!.sections.flatMap((s) => s.items.map((i) => i.id));
    expect(comparison.items.slice(0, newest.length).map((item) => item.itemId)).toEqual(newest);
    expect(comparison.items.at(-1)?.itemId).toBe('fax-2');
  });

  it('says whether the runs that show an item agree on its status', () => {
    for (const item of comparison.items) {
      const shown = item.statuses.filter((s) => s !== 'hidden' && s !== 'not-in-version');
      expect(item.isUniform).toBe(new Set(shown).size <= 1);
    }
    expect(comparison.items.some((item) => !item.isUniform)).toBe(true);
  });

  it('compares only the chosen runs', () => {
    const chosen = comparison.runs.filter((run) => run.definitionVersion === '1.1.0').slice(0, 2);
    const narrow = compareRunItems(observations, {
      definitionId: 'new-office',
      catalog: world.catalog,
      runIds: chosen.map((run) => run.runId),
    });
    expect(narrow.runs.map((run) => run.runId)).toEqual(chosen.map((run) => run.runId));
    expect(narrow.versions).toEqual(['1.1.0']);
    expect(narrow.versionOnlyItems).toBe(0);
  });

  it('finds the versions from the runs when the definitions are not at hand', () => {
    const bare = compareRunItems(observeRollouts(world.sources), { definitionId: 'new-office' });
    const fax = bare.items.find((item) => item.itemId === 'fax-1')!;
    expect([fax.isShared, fax.notInVersions]).toEqual([false, ['1.1.0']]);
    const shared = bare.items.find((item) => item.itemId === 'connectivity-0')!;
    expect(shared.isShared).toBe(true);
    expect(shared.title).toBe('Connectivity check 0');
  });
});
