// Open blockers by department across offices ("bad news early", seen centrally): which
// engineering department holds the most rollouts up, where, and on which items. Takes rollout rows
// (or observations), so it counts exactly what the table shows after its filters.
import type { ObservedBlocker } from './observe-rollout';
import { compareText } from './order';

export interface DepartmentBlockers {
  department: string;
  /** The department's title from the given titles, else its id. */
  title: string;
  /** Open blockers in this department, across every run. */
  count: number;
  /** Runs with at least one of them. */
  runs: number;
  /** Most blockers first. */
  offices: { office: string; count: number }[];
  /** The items blocked most often first: a check that blocks everywhere needs a better template. */
  items: { itemId: string; title: string; count: number }[];
}

export interface BlockerSource {
  office: string;
  blockers: readonly ObservedBlocker[];
}

/** Departments with the most open blockers first; ties by department title. */
export function blockersByDepartment(
  sources: Iterable<BlockerSource>,
  titles: ReadonlyMap<string, string> = new Map(),
): DepartmentBlockers[] {
  const departments = new Map<
    string,
    {
      count: number;
      runs: number;
      offices: Map<string, number>;
      items: Map<string, { title: string; count: number }>;
    }
  >();
  for (const source of sources) {
    const seen = new Set<string>();
    for (const blocker of source.blockers) {
      let entry = departments.get(blocker.department);
      if (entry === undefined) {
        entry = { count: 0, runs: 0, offices: new Map(), items: new Map() };
        departments.set(blocker.department, entry);
      }
      entry.count += 1;
      if (!seen.has(blocker.department)) {
        seen.add(blocker.department);
        entry.runs += 1;
      }
      entry.offices.set(source.office, (entry.offices.get(source.office) ?? 0) + 1);
      const item = entry.items.get(blocker.itemId);
      if (item === undefined) entry.items.set(blocker.itemId, { title: blocker.title, count: 1 });
      else item.count += 1;
    }
  }
  const result: DepartmentBlockers[] = [...departments].map(([department, entry]) => ({
    department,
    title: titles.get(department) ?? department,
    count: entry.count,
    runs: entry.runs,
    offices: [...entry.offices]
      .map(([office, count]) => ({ office, count }))
      .sort((a, b) => b.count - a.count || compareText(a.office, b.office)),
    items: [...entry.items]
      .map(([itemId, { title, count }]) => ({ itemId, title, count }))
      .sort((a, b) => b.count - a.count || compareText(a.itemId, b.itemId)),
  }));
  return result.sort((a, b) => b.count - a.count || compareText(a.title, b.title));
}
