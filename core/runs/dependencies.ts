// Who waits for whom. An item can be done only when the items it depends on are resolved (done or
// not applicable); a dependency hidden by the run's parameters counts as resolved. From that:
// what one item (or every item) waits on, the cross-department view ("security waits on
// network"), and the critical path: the longest chain of unresolved items by remaining estimate.
// Every walk is cycle-safe (the definition validator refuses cycles, but a bad file must not
// hang the app). Departments are the items' current ones: a reassigned item counts for its new
// department.
import type { ChecklistDefinition } from '../definitions/schema';
import type { WaitingItem } from './actions';
import { assignedDepartment } from './assignment';
import type { AnswerMap, Run } from './model';
import { isResolvedStatus } from './model';
import type { ItemRef, RunVisibility } from './visibility';
import { departmentTitle, itemIndex, runVisibility } from './visibility';

type RunLike = Pick<Run, 'parameters'>;

function toWaiting(ref: ItemRef, answers: AnswerMap): WaitingItem {
  return {
    itemId: ref.item.id,
    title: ref.item.title,
    sectionId: ref.section.id,
    department: assignedDepartment(ref, answers.get(ref.item.id)),
    status: answers.get(ref.item.id)?.status ?? 'open',
  };
}

/** The visible, unresolved dependencies of `itemId` (with visibility already computed). */
export function unresolvedDependencies(
  definition: ChecklistDefinition,
  visibility: RunVisibility,
  answers: AnswerMap,
  itemId: string,
): ItemRef[] {
  const index = itemIndex(definition);
  const ref = index.get(itemId);
  if (!ref) return [];
  const result: ItemRef[] = [];
  for (const depId of new Set(ref.item.dependsOn)) {
    const dep = index.get(depId);
    // Unknown ids are the validator's to refuse; hidden dependencies count as resolved.
    if (!dep || !visibility.isVisible(depId)) continue;
    if (!isResolvedStatus(answers.get(depId)?.status)) result.push(dep);
  }
  return result;
}

/** What `itemId` is waiting on: its visible dependencies that are neither done nor N/A. */
export function waitingOn(
  definition: ChecklistDefinition,
  run: RunLike,
  answers: AnswerMap,
  itemId: string,
): WaitingItem[] {
  const visibility = runVisibility(definition, run);
  return unresolvedDependencies(definition, visibility, answers, itemId).map((ref) =>
    toWaiting(ref, answers),
  );
}

export interface WaitingOnAllOptions {
  /** The run's visibility, when the caller has it already (it is worked out once otherwise). */
  visibility?: RunVisibility;
  /** The items to ask about (default: every visible item); hidden or unknown ones are left out. */
  itemIds?: Iterable<string>;
}

/**
 * What each of many items is waiting on, for those waiting on anything: the same answer as
 * `waitingOn` item by item, with the run's visibility worked out once instead of on every item (a
 * whole-template walk each: seconds for every item of a 2,000-item run).
 */
export function waitingOnAll(
  definition: ChecklistDefinition,
  run: RunLike,
  answers: AnswerMap,
  options: WaitingOnAllOptions = {},
): Map<string, WaitingItem[]> {
  const visibility = options.visibility ?? runVisibility(definition, run);
  const itemIds = options.itemIds ?? visibility.visible.map((ref) => ref.item.id);
  const waiting = new Map<string, WaitingItem[]>();
  for (const itemId of itemIds) {
    if (!visibility.isVisible(itemId)) continue;
    const open = unresolvedDependencies(definition, visibility, answers, itemId);
    if (open.length > 0)
      waiting.set(
        itemId,
        open.map((ref) => toWaiting(ref, answers)),
      );
  }
  return waiting;
}

export interface WaitingDependant extends WaitingItem {
  /** The waiting item belongs to another department than the dependency it waits on. */
  crossDepartment: boolean;
}

export interface BlockingDependency extends WaitingItem {
  /** Unresolved items that cannot be done until this one is resolved. */
  waiting: WaitingDependant[];
}

export interface DepartmentWaits {
  /** The department that others are waiting on. */
  department: string;
  departmentTitle: string;
  dependencies: BlockingDependency[];
}

/**
 * Unresolved items waiting on unresolved dependencies, grouped by the department of the dependency
 * ("who is holding up whom"). Departments in definition order; items in definition order.
 */
export function waitingOnView(
  definition: ChecklistDefinition,
  run: RunLike,
  answers: AnswerMap,
): DepartmentWaits[] {
  const visibility = runVisibility(definition, run);
  const byDependency = new Map<string, BlockingDependency & { index: number }>();
  for (const ref of visibility.visible) {
    if (isResolvedStatus(answers.get(ref.item.id)?.status)) continue;
    for (const dep of unresolvedDependencies(definition, visibility, answers, ref.item.id)) {
      let entry = byDependency.get(dep.item.id);
      if (!entry) {
        entry = { ...toWaiting(dep, answers), waiting: [], index: dep.index };
        byDependency.set(dep.item.id, entry);
      }
      const waiting = toWaiting(ref, answers);
      const crossDepartment = waiting.department !== entry.department;
      entry.waiting.push({ ...waiting, crossDepartment });
    }
  }
  const order = new Map(definition.departments.map((d, i) => [d.id, i]));
  const groups = new Map<string, DepartmentWaits>();
  const entries = [...byDependency.values()].sort((a, b) => a.index - b.index);
  for (const { index: _index, ...dependency } of entries) {
    let group = groups.get(dependency.department);
    if (!group) {
      const title = departmentTitle(definition, dependency.department);
      group = { department: dependency.department, departmentTitle: title, dependencies: [] };
      groups.set(dependency.department, group);
    }
    group.dependencies.push(dependency);
  }
  const rank = (id: string) => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()].sort((a, b) => rank(a.department) - rank(b.department));
}

export interface CriticalPathItem extends WaitingItem {
  /** The item's estimate (0 when it has none). */
  remainingMinutes: number;
}

export interface CriticalPath {
  /** First to do first; each item depends on the one before it. */
  items: CriticalPathItem[];
  totalMinutes: number;
}

interface Longest {
  minutes: number;
  length: number;
  previous: string | undefined;
}

/**
 * The longest chain (by remaining estimate, then by number of items) of unresolved visible items
 * through the dependency graph. Resolved and hidden items end a chain. Empty when all is resolved.
 */
export function criticalPath(
  definition: ChecklistDefinition,
  run: RunLike,
  answers: AnswerMap,
): CriticalPath {
  const visibility = runVisibility(definition, run);
  const index = itemIndex(definition);
  const unresolved = new Set(
    visibility.visible
      .filter((ref) => !isResolvedStatus(answers.get(ref.item.id)?.status))
      .map((ref) => ref.item.id),
  );
  const memo = new Map<string, Longest>();
  const visiting = new Set<string>();

  const longest = (id: string): Longest => {
    const known = memo.get(id);
    if (known) return known;
    visiting.add(id);
    const ref = index.get(id);
    let best: Longest = { minutes: 0, length: 0, previous: undefined };
    for (const depId of new Set(ref?.item.dependsOn ?? [])) {
      // A back edge (cycle) is ignored rather than followed.
      if (!unresolved.has(depId) || visiting.has(depId)) continue;
      const candidate = longest(depId);
      if (
        candidate.minutes > best.minutes ||
        (candidate.minutes === best.minutes && candidate.length > best.length)
      ) {
        best = { minutes: candidate.minutes, length: candidate.length, previous: depId };
      }
    }
    visiting.delete(id);
    const own = ref?.item.estimateMinutes ?? 0;
    const result = {
      minutes: best.minutes + own,
      length: best.length + 1,
      previous: best.previous,
    };
    memo.set(id, result);
    return result;
  };

  let end: string | undefined;
  let endValue: Longest | undefined;
  for (const id of unresolved) {
    const value = longest(id);
    if (
      !endValue ||
      value.minutes > endValue.minutes ||
      (value.minutes === endValue.minutes && value.length > endValue.length)
    ) {
      end = id;
      endValue = value;
    }
  }

  const items: CriticalPathItem[] = [];
  const seen = new Set<string>();
  for (let id = end; id !== undefined && !seen.has(id); id = memo.get(id)?.previous) {
    seen.add(id);
    const ref = index.get(id);
    if (!ref) break;
    items.push({ ...toWaiting(ref, answers), remainingMinutes: ref.item.estimateMinutes ?? 0 });
  }
  items.reverse();
  return { items, totalMinutes: items.reduce((sum, item) => sum + item.remainingMinutes, 0) };
}
