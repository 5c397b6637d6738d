// Which items the list shows for the chosen section, filter and search text.
import type { ItemRef } from '../../../core/runs';
import type { RunView } from './use-run-view';
import type { ItemFilter } from './use-run-ui-store';
import { itemDisplay } from './item-display';

export interface FilterOptions {
  sectionId: string | null;
  filter: ItemFilter;
  search: string;
  myDepartment?: string;
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
    if (!matchesFilter(options, ref, display)) return false;
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
    case 'mine':
      return options.myDepartment === undefined || ref.department === options.myDepartment;
  }
}
