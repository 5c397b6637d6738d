// Where focus goes after an action in the run screen (issue 16, point 5): back to the selected
// item's row in the list, so the next shortcut (x, n, b, j) acts at once, instead of the page body
// (a value committed with Enter) or the button that was just used ("Attach files…", where Enter
// would open the file dialog again).
import { useRunUiStore } from './use-run-ui-store';
import { ITEM_LIST_ID } from './item-list';

/** The selected row's element, when the virtualized list has it on screen. */
export function selectedRowElement(): HTMLElement | null {
  const list = document.getElementById(ITEM_LIST_ID);
  const itemId = useRunUiStore.getState().selectedItemId;
  if (!list || !itemId) return null;
  return list.querySelector<HTMLElement>(`[data-key="${CSS.escape(itemId)}"]`);
}

/** Focuses the selected row after the current render (or the list, which then focuses it). */
export function focusSelectedRow(): void {
  requestAnimationFrame(() => {
    const row = selectedRowElement();
    if (row) row.focus();
    else document.getElementById(ITEM_LIST_ID)?.focus();
  });
}
