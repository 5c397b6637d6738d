// The section heatmap across the two new-office versions: sections matched by id (a renamed
// section is one row), cells of sections a version lacks marked "not in version", the section that
// lags everywhere first, and items that exist in only one version listed per section.
import { describe, expect, it } from 'vitest';
import { buildSectionHeatmap, observeRollouts, type HeatmapCell } from '../../../../core/compare';
import { diffDefinitions } from '../../../../core/definitions';
import { generateWorld } from './generate';

const world = generateWorld({ offices: 24, items: 60 });
const observations = observeRollouts(world.sources, world.catalog);
const heatmap = buildSectionHeatmap(observations, {
  definitionId: 'new-office',
  catalog: world.catalog,
});
const officeRuns = world.runs.filter((run) => run.run.definitionId === 'new-office');
const rowOf = (sectionId: string) => heatmap.rows.find((row) => row.sectionId === sectionId)!;

describe('buildSectionHeatmap', () => {
  it('has a column per run of the template and a row per section of any version', () => {
    expect(heatmap.versions).toEqual(['1.0.0', '1.1.0']);
    expect(heatmap.columns.map((c) => c.runId).sort()).toEqual(
      officeRuns.map((run) => run.run.id).sort(),
    );
    expect(heatmap.rows.map((row) => row.sectionId).sort()).toEqual(
      [
        'backup',
        'connectivity',
        'fax',
        'handover',
        'infrastructure',
        'monitoring',
        'security',
        'workplace',
      ].sort(),
    );
    expect(rowOf('workplace').title).toBe('Workplace and DaaS');
  });

  it('marks sections that a run version lacks as not in that version', () => {
    const fax = rowOf('fax');
    expect([fax.inVersions, fax.notInVersions]).toEqual([['1.0.0'], ['1.1.0']]);
    const handover = rowOf('handover');
    expect([handover.inVersions, handover.notInVersions]).toEqual([['1.1.0'], ['1.0.0']]);
    heatmap.columns.forEach((column, index) => {
      const absent = column.definitionVersion === '1.0.0' ? handover : fax;
      expect(absent.cells[index]).toEqual({
        state: 'not-in-version',
        version: column.definitionVersion,
      });
      const present = column.definitionVersion === '1.0.0' ? fax : handover;
      expect(present.cells[index]?.state).toBe('measured');
    });
  });

  it('holds each section percent and its lag against the run', () => {
    heatmap.columns.forEach((column, index) => {
      const run = officeRuns.find((r) => r.run.id === column.runId)!;
      for (const section of run.definition.sections) {
        const statuses = section.items
          .map((item) => run.latestStatuses.get(item.id))
          .filter((status) => status !== undefined);
        const resolved = statuses.filter((s) => s === 'done' || s === 'not-applicable').length;
        const percent = Math.floor((resolved * 100) / statuses.length);
        const cell = rowOf(section.id).cells[index] as HeatmapCell;
        expect(cell).toMatchObject({
          state: 'measured',
          percentComplete: percent,
          lag: percent - column.percentComplete,
          total: statuses.length,
          resolved,
        });
      }
    });
  });

  it('puts the section that lags in every unfinished run first', () => {
    const [first] = heatmap.rows;
    expect(first?.sectionId).toBe(world.laggingSection);
    expect(first?.lagShare).toBe(1);
    expect(first?.meanLag).toBeLessThan(-10);
    const unfinished = heatmap.columns.filter((column) => column.percentComplete < 100).length;
    expect(first?.measured).toBe(unfinished);
    for (const row of heatmap.rows.slice(1)) {
      expect(row.lagShare ?? 0).toBeLessThan(1);
    }
  });

  it('lists the items of a section that exist in only one version, as the diff says', () => {
    const diff = diffDefinitions(world.definitions[0]!, world.definitions[1]!);
    const row = rowOf('connectivity');
    const added = diff.items.added.filter((i) => i.sectionId === 'connectivity').map((i) => i.id);
    const removed = diff.items.removed
      .filter((i) => i.sectionId === 'connectivity')
      .map((i) => i.id);
    expect(row.versionOnlyItems.map((item) => item.itemId).sort()).toEqual(
      [...added, ...removed].sort(),
    );
    for (const item of row.versionOnlyItems) {
      const isAdded = added.includes(item.itemId);
      expect(item.inVersions).toEqual([isAdded ? '1.1.0' : '1.0.0']);
      expect(item.notInVersions).toEqual([isAdded ? '1.0.0' : '1.1.0']);
    }
  });

  it('tells a section hidden by the parameters from one missing in the version', () => {
    const [first] = observations.filter((o) => o.definitionId === 'new-office');
    const hidden = {
      ...first!,
      sections: first!.sections.map((s) => (s.sectionId === 'backup' ? { ...s, total: 0 } : s)),
    };
    const map = buildSectionHeatmap([hidden], {
      definitionId: 'new-office',
      catalog: world.catalog,
    });
    const backup = map.rows.find((row) => row.sectionId === 'backup')!;
    expect(backup.cells).toEqual([{ state: 'no-items' }]);
    expect([backup.measured, backup.lagShare, backup.meanLag]).toEqual([0, null, null]);
    expect(map.rows.at(-1)?.lagShare).toBeNull();
  });

  it('works from the runs alone when the definitions are not at hand', () => {
    const bare = buildSectionHeatmap(observeRollouts(world.sources), {
      definitionId: 'new-office',
    });
    expect(bare.rows.map((row) => row.sectionId).sort()).toEqual(
      heatmap.rows.map((row) => row.sectionId).sort(),
    );
    expect(bare.rows.find((row) => row.sectionId === 'fax')?.notInVersions).toEqual(['1.1.0']);
    expect(bare.rows[0]?.sectionId).toBe(world.laggingSection);
  });

  it('ignores runs of other templates', () => {
    const client = buildSectionHeatmap(observations, {
      definitionId: 'client-onboarding',
      catalog: world.catalog,
    });
    expect(client.versions).toEqual(['1.0.0']);
    expect(client.columns.length).toBe(world.runs.length - officeRuns.length);
    expect(client.rows.every((row) => row.versionOnlyItems.length === 0)).toBe(true);
  });
});
