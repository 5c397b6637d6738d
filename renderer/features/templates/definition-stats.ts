// Effort of one definition version, per section and per department: how many items, how many of
// them block the go-live, and the summed estimate. An item's department overrides its section's.
import type { ChecklistDefinition, Item } from '../../../core/definitions';

export interface Tally {
  items: number;
  blocking: number;
  estimateMinutes: number;
}

export interface SectionTally extends Tally {
  id: string;
  title: string;
  departmentId: string;
}

export interface DepartmentTally extends Tally {
  id: string;
  title: string;
}

function emptyTally(): Tally {
  return { items: 0, blocking: 0, estimateMinutes: 0 };
}

function add(tally: Tally, item: Item): void {
  tally.items += 1;
  if (item.severity === 'blocking') tally.blocking += 1;
  tally.estimateMinutes += item.estimateMinutes ?? 0;
}

export function sectionTallies(definition: ChecklistDefinition): SectionTally[] {
  return definition.sections.map((section) => {
    const tally = { id: section.id, title: section.title, departmentId: section.department };
    const counts = emptyTally();
    for (const item of section.items) add(counts, item);
    return { ...tally, ...counts };
  });
}

/** In the definition's department order; departments without items are left out. */
export function departmentTallies(definition: ChecklistDefinition): DepartmentTally[] {
  const byId = new Map<string, Tally>();
  for (const section of definition.sections) {
    for (const item of section.items) {
      const id = item.department ?? section.department;
      const tally = byId.get(id) ?? emptyTally();
      add(tally, item);
      byId.set(id, tally);
    }
  }
  return definition.departments.flatMap(({ id, title }) => {
    const tally = byId.get(id);
    return tally === undefined ? [] : [{ id, title, ...tally }];
  });
}

export function totalTally(definition: ChecklistDefinition): Tally {
  const total = emptyTally();
  for (const section of definition.sections) for (const item of section.items) add(total, item);
  return total;
}
