// Undo: every event holds the answer before and after, so undoing the last event restores its
// `before` (or a fresh open answer when the item had none) and appends an 'undo' event that names
// the undone event by seq and hash. Nothing is removed from the log; undoing an undo is a redo.
// The restored answer carries the undo's time and actor as updatedAt/updatedBy, so sync
// (last writer wins) sees it as the newest change.
import type { ActionError, EventDraft } from './actions';
import type { ChainedEvent } from './event-chain';
import type { Actor, Answer, Run } from './model';
import { openAnswer } from './model';

export interface UndoContext {
  run: Pick<Run, 'id' | 'state'>;
  actor: Actor;
  /** ISO 8601 timestamp of the undo. */
  now: string;
}

export type UndoResult =
  { ok: true; answer: Answer; event: EventDraft } | { ok: false; error: ActionError };

export function undoLastAction(context: UndoContext, lastEvent: ChainedEvent): UndoResult {
  const { run, actor, now } = context;
  if (run.state === 'signed') {
    return {
      ok: false,
      error: {
        code: 'run-frozen',
        message: 'This run is signed off and frozen; nothing can be undone.',
      },
    };
  }
  if (lastEvent.runId !== run.id) {
    return {
      ok: false,
      error: {
        code: 'wrong-run',
        message: 'That event belongs to another run; nothing was undone.',
      },
    };
  }
  const { itemId, payload } = lastEvent;
  const answer: Answer = payload.before
    ? { ...payload.before, updatedAt: now, updatedBy: actor }
    : openAnswer(run.id, itemId, actor, now);
  return {
    ok: true,
    answer,
    event: {
      runId: run.id,
      type: 'undo',
      itemId,
      payload: {
        action: { type: 'undo', itemId, undoneSeq: lastEvent.seq, undoneHash: lastEvent.hash },
        before: payload.after,
        after: answer,
      },
      at: now,
      actor,
    },
  };
}
