// Answers shown before they are stored: a key press paints the item's new state (worked out by the
// core's rules) in the same frame, while the run repository writes it in the background. Each
// entry stays until the stored run has caught up with its write (the run row's logVersion), or
// goes at once when the write fails or is refused: the view is then the stored one again.
import { create } from 'zustand';
import type { Answer } from '../../../core/runs';
import type { RunView } from './derive-run-view';

export interface PendingAnswer {
  /** Orders entries: a later action on the same item replaces an earlier one still writing. */
  seq: number;
  answer: Answer;
  /** The run row's logVersion once the write is stored; undefined while it is being written. */
  storedAt?: number;
}

interface PendingState {
  runId: string | null;
  byItem: ReadonlyMap<string, PendingAnswer>;
}

export const NO_PENDING: ReadonlyMap<string, PendingAnswer> = new Map();

export const usePendingAnswers = create<PendingState>()(() => ({
  runId: null,
  byItem: NO_PENDING,
}));

let lastSeq = 0;

function update(runId: string, change: (byItem: Map<string, PendingAnswer>) => boolean): void {
  const state = usePendingAnswers.getState();
  const byItem = new Map(state.runId === runId ? state.byItem : NO_PENDING);
  if (change(byItem) || state.runId !== runId) {
    usePendingAnswers.setState({ runId, byItem: byItem.size > 0 ? byItem : NO_PENDING });
  }
}

/** Shows `answer` at once; returns the entry's number for settlePending. */
export function showPending(runId: string, answer: Answer): number {
  const seq = ++lastSeq;
  update(runId, (byItem) => {
    byItem.set(answer.itemId, { seq, answer });
    return true;
  });
  return seq;
}

/**
 * The write of entry `seq` is over: `stored` is what was written (kept on screen until the stored
 * view has it), or undefined when nothing was written (the view goes back to the stored one).
 */
export function settlePending(
  runId: string,
  itemId: string,
  seq: number,
  stored?: { answer: Answer; logVersion: number },
): void {
  update(runId, (byItem) => {
    if (byItem.get(itemId)?.seq !== seq) return false;
    if (stored) byItem.set(itemId, { seq, answer: stored.answer, storedAt: stored.logVersion });
    else byItem.delete(itemId);
    return true;
  });
}

/** Whether the stored run (at `logVersion`) already holds the entry's write. */
export function isStored(entry: PendingAnswer, logVersion: number): boolean {
  return entry.storedAt !== undefined && entry.storedAt <= logVersion;
}

/** Drops the entries the stored run holds now. */
export function forgetStored(runId: string, logVersion: number): void {
  update(runId, (byItem) => {
    let changed = false;
    for (const [itemId, entry] of byItem) {
      if (isStored(entry, logVersion)) changed = byItem.delete(itemId) || changed;
    }
    return changed;
  });
}

/** Current entries of the run (for the next action to build on what the screen shows). */
export function pendingOf(runId: string): ReadonlyMap<string, PendingAnswer> {
  const state = usePendingAnswers.getState();
  return state.runId === runId ? state.byItem : NO_PENDING;
}

let shown: { view: RunView; conflicts: ReadonlySet<string> } | undefined;

/**
 * The run screen says what it shows (after each render), with the items in conflict on a shared
 * run (only their resolution is accepted: nothing is painted before it is written); returns the
 * cleanup for an effect.
 */
export function showingView(view: RunView, conflicts: ReadonlySet<string> = new Set()): () => void {
  const entry = { view, conflicts };
  shown = entry;
  return () => {
    if (shown === entry) shown = undefined;
  };
}

/** What the run screen shows of the run now, if it shows it. */
export function shownViewOf(runId: string): RunView | undefined {
  return shown?.view.run.id === runId ? shown.view : undefined;
}

/** Whether the run screen shows the item in conflict. */
export function isShownInConflict(runId: string, itemId: string): boolean {
  return shown?.view.run.id === runId && shown.conflicts.has(itemId);
}
