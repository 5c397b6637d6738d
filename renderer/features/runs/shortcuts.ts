// The run screen's keyboard shortcuts: one table drives both the handler and the help overlay.
export interface Shortcut {
  keys: string[];
  labelKey:
    | 'move'
    | 'done'
    | 'na'
    | 'blocked'
    | 'reopen'
    | 'edit'
    | 'notes'
    | 'search'
    | 'undo'
    | 'waiting'
    | 'digest'
    | 'help';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['↑', '↓', 'j', 'k'], labelKey: 'move' },
  { keys: ['x'], labelKey: 'done' },
  { keys: ['n'], labelKey: 'na' },
  { keys: ['b'], labelKey: 'blocked' },
  { keys: ['o'], labelKey: 'reopen' },
  { keys: ['Enter', 'e'], labelKey: 'edit' },
  { keys: ['m'], labelKey: 'notes' },
  { keys: ['/'], labelKey: 'search' },
  { keys: ['u', 'Ctrl+Z'], labelKey: 'undo' },
  { keys: ['w'], labelKey: 'waiting' },
  { keys: ['d'], labelKey: 'digest' },
  { keys: ['?'], labelKey: 'help' },
];

/** Typing in a field must never trigger a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
