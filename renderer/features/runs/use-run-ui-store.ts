// UI-only state of the run screen (zustand): which item is selected, filters, search and view.
// Durable state (answers) lives in IndexedDB, never here.
import { create } from 'zustand';

export type ItemFilter =
  | 'all'
  | 'open'
  | 'blocked'
  | 'failing'
  | 'waiting'
  | 'mine'
  | 'blocking'
  /** Shared runs (features/team): unblocked by a hand-off from another laptop; in conflict. */
  | 'ready'
  | 'conflicts';
/** 'chain': the department chain of features/team. */
export type RunViewMode = 'checklist' | 'waiting' | 'chain';
export type ReasonKind = 'not-applicable' | 'blocked' | 'waive';

interface RunUiState {
  /** The item the detail panel shows (the last one selected). */
  selectedItemId: string | null;
  /** Every selected item: several with Shift or Ctrl/Cmd, to act on them at once. */
  selectedIds: string[];
  sectionId: string | null;
  filter: ItemFilter;
  search: string;
  view: RunViewMode;
  /** itemIds: several items asked with one reason (issue 16, point 6). */
  reasonRequest: { kind: ReasonKind; itemId: string; itemIds?: string[] } | null;
  isHelpOpen: boolean;
  isDigestOpen: boolean;
  message: { tone: 'error' | 'info'; text: string } | null;
  select: (itemId: string | null) => void;
  /** Several items selected; `current` is the one the detail shows. */
  selectMany: (itemIds: string[], current: string) => void;
  setSection: (sectionId: string | null) => void;
  setFilter: (filter: ItemFilter) => void;
  setSearch: (search: string) => void;
  setView: (view: RunViewMode) => void;
  askReason: (kind: ReasonKind, itemId: string) => void;
  askReasonForMany: (kind: ReasonKind, itemIds: string[]) => void;
  closeReason: () => void;
  setHelpOpen: (isOpen: boolean) => void;
  setDigestOpen: (isOpen: boolean) => void;
  say: (tone: 'error' | 'info', text: string) => void;
  clearMessage: () => void;
  reset: () => void;
}

const initial = {
  selectedItemId: null,
  selectedIds: [] as string[],
  sectionId: null,
  filter: 'all' as ItemFilter,
  search: '',
  view: 'checklist' as RunViewMode,
  reasonRequest: null,
  isHelpOpen: false,
  isDigestOpen: false,
  message: null,
};

export const useRunUiStore = create<RunUiState>()((set) => ({
  ...initial,
  select: (selectedItemId) =>
    set({ selectedItemId, selectedIds: selectedItemId === null ? [] : [selectedItemId] }),
  selectMany: (selectedIds, current) => set({ selectedIds, selectedItemId: current }),
  setSection: (sectionId) => set({ sectionId }),
  setFilter: (filter) => set({ filter }),
  setSearch: (search) => set({ search }),
  setView: (view) => set({ view }),
  askReason: (kind, itemId) => set({ reasonRequest: { kind, itemId } }),
  askReasonForMany: (kind, itemIds) =>
    set({ reasonRequest: { kind, itemId: itemIds[0] ?? '', itemIds } }),
  closeReason: () => set({ reasonRequest: null }),
  setHelpOpen: (isHelpOpen) => set({ isHelpOpen }),
  setDigestOpen: (isDigestOpen) => set({ isDigestOpen }),
  say: (tone, text) => set({ message: { tone, text } }),
  clearMessage: () => set({ message: null }),
  reset: () => set(initial),
}));
