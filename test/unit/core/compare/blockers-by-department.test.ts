// Open blockers by department across offices, counted from the rollout rows the table shows.
import { describe, expect, it } from 'vitest';
import {
  blockersByDepartment,
  buildRolloutRows,
  catalogItems,
  departmentTitles,
  filterRolloutRows,
  observeRollouts,
} from '../../../../core/compare';
import { generateWorld } from './generate';

const world = generateWorld({ offices: 30, items: 40 });
const rows = buildRolloutRows(observeRollouts(world.sources, world.catalog), {
  today: world.today,
});

/** The truth: blocked items at the latest observation, by their effective department. */
function truth(offices?: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const run of world.runs) {
    if (offices && !offices.includes(run.office)) continue;
    const index = catalogItems(run.definition);
    for (const [itemId, status] of run.latestStatuses) {
      if (status !== 'blocked') continue;
      const department = index.get(itemId)!.department;
      counts.set(department, (counts.get(department) ?? 0) + 1);
    }
  }
  return counts;
}

describe('blockersByDepartment', () => {
  const result = blockersByDepartment(rows, departmentTitles(world.catalog));

  it('counts every open blocker under its department', () => {
    expect(new Map(result.map((d) => [d.department, d.count]))).toEqual(truth());
    expect(result.reduce((sum, d) => sum + d.count, 0)).toBe(
      rows.reduce((sum, row) => sum + row.blockerCount, 0),
    );
  });

  it('puts the department with the most blockers first, with titles', () => {
    for (let i = 1; i < result.length; i += 1) {
      expect(result[i - 1]!.count).toBeGreaterThanOrEqual(result[i]!.count);
    }
    expect(result.find((d) => d.department === 'cyber-defence')?.title).toBe('Cyber defence');
  });

  it('breaks each department down by office and item, most first', () => {
    for (const department of result) {
      expect(department.offices.reduce((sum, o) => sum + o.count, 0)).toBe(department.count);
      expect(department.items.reduce((sum, i) => sum + i.count, 0)).toBe(department.count);
      expect(department.runs).toBeLessThanOrEqual(department.count);
      const counts = department.offices.map((o) => o.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });

  it('counts only the rows it is given (a supervisor sees their offices)', () => {
    const offices = ['Office 003', 'Office 007', 'Office 011'];
    const mine = blockersByDepartment(filterRolloutRows(rows, { offices }));
    expect(new Map(mine.map((d) => [d.department, d.count]))).toEqual(truth(offices));
    expect(mine.every((d) => d.title === d.department)).toBe(true);
    expect(blockersByDepartment([])).toEqual([]);
  });
});
