// What the editor's panes may do beyond editing a field: select another part of the draft, apply
// a structural edit of the sections (draft-selection.ts), or replace a list (departments,
// parameters, choices). A structural change remounts the pane, so every field reads its new path.
import { createContext, useContext } from 'react';
import type { DraftPath } from './draft-fields';
import type { DraftSelection, SectionsEdit } from './draft-selection';

export interface DraftEditorActions {
  select(selection: DraftSelection): void;
  applySections(edit: SectionsEdit): void;
  /** Replaces a list (or any value) of the draft, then remounts the pane. */
  replace(path: DraftPath, value: unknown): void;
}

export const DraftEditorActionsContext = createContext<DraftEditorActions | undefined>(undefined);

export function useDraftEditorActions(): DraftEditorActions {
  const actions = useContext(DraftEditorActionsContext);
  if (actions === undefined) throw new Error('useDraftEditorActions outside the draft editor');
  return actions;
}
