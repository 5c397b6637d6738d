// Which items the list shows for the chosen section, filter and search text.
import { assignedDepartment, type Answer, type ItemRef } from '../../../core/runs';
import type { RunView } from './use-run-view';
import type { ItemFilter } from './use-run-ui-store';
import { itemDisplay } from './item-display';

export interface FilterOptions {
  sectionId: string | null;
  filter: ItemFilter;
  search: string;
  myDepartment?: string;
  /** The user's departments on a shared run (the hub's): "My items" uses them when given. */
  myDepartments?: readonly string[];
  /**
   * Shared runs: the items that are this user's, their departments' or reassigned to them
   * (core isMyItem); "My items" uses them when given.
   */
  myItems?: ReadonlySet<string>;
  /** Shared runs (features/team): items ready for this user, items in conflict. */
  ready?: ReadonlySet<string>;
  conflicts?: ReadonlySet<string>;
}

export function filterItems(view: RunView, options: FilterOptions): ItemRef[] {
  const needle = options.search.trim().toLowerCase();
  return view.visibility.visible.filter((ref) => {
    if (options.sectionId && ref.section.id !== options.sectionId) return false;
    const answer = view.answers.get(ref.item.id);
    const display = itemDisplay(
      answer,
      view.evaluations.get(ref.item.id),
      view.waiting.get(ref.item.id),
    );
    if (!matchesFilter(options, ref, display, answer)) return false;
    if (!needle) return true;
    return [ref.item.title, ref.item.id, answer?.notes ?? '', answer?.reason ?? ''].some((text) =>
      text.toLowerCase().includes(needle),
    );
  });
}

function matchesFilter(
  options: FilterOptions,
  ref: ItemRef,
  display: ReturnType<typeof itemDisplay>,
  answer: Answer | undefined,
): boolean {
  switch (options.filter) {
    case 'all':
      return true;
    case 'open':
      return display.status === 'open' || display.status === 'blocked';
    case 'blocked':
      return display.status === 'blocked';
    case 'failing':
      return display.isFailing;
    case 'waiting':
      return display.isWaiting;
    case 'blocking':
      return ref.item.severity === 'blocking';
    case 'mine': {
      if (options.myItems) return options.myItems.has(ref.item.id);
      // An item the owner reassigned is its new department's.
      const department = assignedDepartment(ref, answer);
      if (options.myDepartments && options.myDepartments.length > 0)
        return options.myDepartments.includes(department);
      return options.myDepartment === undefined || department === options.myDepartment;
    }
    case 'ready':
      return options.ready?.has(ref.item.id) ?? false;
    case 'conflicts':
      return options.conflicts?.has(ref.item.id) ?? false;
  }
}
