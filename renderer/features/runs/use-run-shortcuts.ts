// Keyboard-first ticking: the shortcuts of shortcuts.ts acting on the selected item. Ignored while
// typing in a field or while a dialog is open.
import { useEffect } from 'react';
import type { ItemRef } from '../../../core/runs';
import type { RunView } from './use-run-view';
import type { RunCommands } from './run-actions';
import { isTypingTarget } from './shortcuts';
import { useRunUiStore } from './use-run-ui-store';
import { focusSelectedRow, selectedRowElement } from './focus-row';
import { ITEM_LIST_ID } from './item-list';

interface ShortcutContext {
  view: RunView;
  refs: ItemRef[];
  commands: RunCommands;
  focusSearch: () => void;
  focusEditor: (target: 'value' | 'notes') => void;
}

export function useRunShortcuts({
  view,
  refs,
  commands,
  focusSearch,
  focusEditor,
}: ShortcutContext) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const ui = useRunUiStore.getState();
      if (ui.reasonRequest || ui.isHelpOpen || ui.isDigestOpen) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.altKey || isTypingTarget(event.target)) return;
      const isUndo = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z';
      if ((event.ctrlKey || event.metaKey) && !isUndo) return;

      const itemId = ui.selectedItemId;
      const answer = itemId ? view.answers.get(itemId) : undefined;
      // j/k move exactly like the arrow keys (issue 16, point 4): the list itself moves focus to
      // the next row, scrolls it into view and selects it. From outside the list, focus goes to
      // the selected row first.
      const move = (delta: number) => {
        const row = selectedRowElement();
        const focused = document.activeElement;
        const list = document.getElementById(ITEM_LIST_ID);
        const target =
          list && focused instanceof HTMLElement && list.contains(focused) && focused !== list
            ? focused
            : row;
        if (target) {
          target.focus();
          const key = delta > 0 ? 'ArrowDown' : 'ArrowUp';
          target.dispatchEvent(
            new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
          );
          return;
        }
        const index = refs.findIndex((ref) => ref.item.id === itemId);
        const next = refs[Math.min(refs.length - 1, Math.max(0, index + delta))];
        if (next) ui.select(next.item.id);
        focusSelectedRow();
      };
      const handlers: Record<string, () => void> = {
        j: () => move(1),
        k: () => move(-1),
        x: () => {
          if (!itemId) return;
          const status = answer?.status === 'done' ? 'open' : 'done';
          void commands.apply({ type: 'setStatus', itemId, status });
        },
        n: () => itemId && ui.askReason('not-applicable', itemId),
        b: () => itemId && ui.askReason('blocked', itemId),
        o: () => itemId && void commands.apply({ type: 'setStatus', itemId, status: 'open' }),
        e: () => focusEditor('value'),
        m: () => focusEditor('notes'),
        '/': focusSearch,
        u: () => void commands.undo(),
        w: () => ui.setView(ui.view === 'checklist' ? 'waiting' : 'checklist'),
        d: () => ui.setDigestOpen(true),
        '?': () => ui.setHelpOpen(true),
      };
      const handler = isUndo ? handlers.u : handlers[event.key];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [view, refs, commands, focusSearch, focusEditor]);
}
