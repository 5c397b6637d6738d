// The pure helpers behind the Templates screens: effort per section and department, grouping the
// stored versions for the list, and the small Markdown subset of definition texts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDefinitionText, type ChecklistDefinition } from '../../../core/definitions';
import type { DefinitionRow } from '../../../renderer/storage/database';
import {
  departmentTallies,
  sectionTallies,
  totalTally,
} from '../../../renderer/features/templates/definition-stats';
import { groupDefinitions } from '../../../renderer/features/templates/group-definitions';

function bundled(path: string): ChecklistDefinition {
  const result = validateDefinitionText(readFileSync(path, 'utf8'), path);
  if (!result.ok) throw new Error(`${path} is not valid`);
  return result.definition;
}

function row(id: string, version: string, title = id): DefinitionRow {
  return { key: `${id}@${version}`, id, version, title, source: 'bundled' } as DefinitionRow;
}

describe('effort tallies', () => {
  const definition = bundled('checklists/new-office/1.1.0.yaml');

  it('add up to the same totals per section and per department', () => {
    const total = totalTally(definition);
    const sum = (tallies: { items: number; blocking: number; estimateMinutes: number }[]) => ({
      items: tallies.reduce((n, tally) => n + tally.items, 0),
      blocking: tallies.reduce((n, tally) => n + tally.blocking, 0),
      estimateMinutes: tallies.reduce((n, tally) => n + tally.estimateMinutes, 0),
    });
    expect(total.items).toBe(120);
    expect(sum(sectionTallies(definition))).toEqual(total);
    expect(sum(departmentTallies(definition))).toEqual(total);
  });

  it('count an item under its own department when it overrides its section', () => {
    const small = structuredClone(definition);
    small.sections = [
      {
        ...definition.sections[0]!,
        department: 'facilities',
        items: [
          { ...definition.sections[0]!.items[0]!, severity: 'blocking', estimateMinutes: 30 },
          { ...definition.sections[0]!.items[1]!, department: 'network', estimateMinutes: 15 },
        ],
      },
    ];
    expect(departmentTallies(small)).toEqual([
      {
        id: 'facilities',
        title: 'Facilities and site',
        items: 1,
        blocking: 1,
        estimateMinutes: 30,
      },
      expect.objectContaining({ id: 'network', items: 1, estimateMinutes: 15 }),
    ]);
  });
});

describe('groupDefinitions', () => {
  it('groups by id, newest version first, templates by title', () => {
    const groups = groupDefinitions([
      row('new-office', '1.0.0', 'New office go-live'),
      row('new-office', '1.10.0', 'New office go-live'),
      row('client-onboarding', '1.0.0', 'Client onboarding go-live'),
      row('new-office', '1.9.0', 'New office go-live'),
    ]);
    expect(groups.map((group) => group.id)).toEqual(['client-onboarding', 'new-office']);
    expect(groups[1]?.latest.version).toBe('1.10.0');
    expect(groups[1]?.versions.map((version) => version.version)).toEqual([
      '1.10.0',
      '1.9.0',
      '1.0.0',
    ]);
  });
});
