// Turning a person's action on a run into the next event of this device's chain, against the
// merged state of every chain this device holds (run-log.ts). Three rules are the shared run's:
// an item in conflict accepts nothing but its resolution (a person chooses; no clock does);
// a resolution must have seen every conflicting answer and keeps one of them; undo takes back this
// device's last event only while nobody has changed the item since.
// Nothing is written here: the caller stores the event durably, then adds it to the log.
import type { Action, ActionError, EventDraft } from './actions';
import { actionError } from './actions';
import { applyAction } from './apply-action';
import type { ChecklistDefinition } from '../definitions/schema';
import type { Actor, Answer, Run } from './model';
import { openAnswer } from './model';
import type { RunEvent } from './run-event';
import { recordEvent } from './run-event';
import type { RunLog } from './run-log';
import { isRunItem, type RunSettings } from './run-settings';
import { itemIndex } from './visibility';

export interface RecordContext {
  definition: ChecklistDefinition;
  run: Run;
  log: RunLog;
  /** This device's chain. */
  chain: string;
  actor: Actor;
  /** ISO 8601 timestamp. */
  now: string;
}

export type RecordResult =
  | {
      ok: true;
      event: RunEvent;
      /** The item's new answer; absent for an event on the run itself (run-settings.ts). */
      answer?: Answer;
    }
  | { ok: false; error: ActionError };

function record(context: RecordContext, draft: EventDraft, answer?: Answer): RecordResult {
  const { log, chain } = context;
  const event = recordEvent(draft, chain, log.head(chain), log.frontier());
  return answer ? { ok: true, event, answer } : { ok: true, event };
}

function inConflict(context: RecordContext, itemId: string): ActionError | undefined {
  if (!context.log.conflictIds().has(itemId)) return undefined;
  const title = itemIndex(context.definition).get(itemId)?.item.title ?? itemId;
  return actionError(
    'conflict-unresolved',
    `"${title}" was changed on two devices at once: choose which answer stands before changing it.`,
  );
}

/** Records one action (core/runs/apply-action.ts rules) on the merged state. */
export function recordAction(context: RecordContext, action: Action): RecordResult {
  const conflict = inConflict(context, action.itemId);
  if (conflict) return { ok: false, error: conflict };
  const { definition, run, log, actor, now } = context;
  const result = applyAction({ definition, run, answers: log.answers(), actor, now }, action);
  if (!result.ok) return result;
  return record(context, result.event, result.answer);
}

/**
 * Resolves a conflict by keeping the answer of one of its heads (by event hash). The resolution
 * has seen every head, so it becomes the item's only head on every device.
 */
export function resolveConflict(
  context: RecordContext,
  itemId: string,
  keep: string,
): RecordResult {
  const { run, log, actor, now } = context;
  if (run.state === 'signed') {
    return { ok: false, error: actionError('run-frozen', 'This run is signed off and frozen.') };
  }
  const merge = isRunItem(itemId) ? log.settings() : log.item(itemId);
  if (!merge.conflict || !merge.answer) {
    return {
      ok: false,
      error: actionError('no-conflict', 'This item is not in conflict (resolved already?).'),
    };
  }
  const chosen = merge.heads.find((head) => head.hash === keep);
  if (!chosen) {
    return {
      ok: false,
      error: actionError('no-conflict', 'That answer is not one of the conflicting answers.'),
    };
  }
  const action = {
    type: 'resolveConflict' as const,
    itemId,
    keep,
    heads: merge.heads.map((h) => h.hash),
  };
  const base = { runId: run.id, type: 'resolveConflict' as const, itemId, at: now, actor };
  const kept = chosen.payload.after;
  if (!('status' in kept)) {
    // Two concurrent moves: the run's settings stay those of the move kept.
    const before = merge.answer as RunSettings;
    return record(context, { ...base, payload: { action, before, after: kept } });
  }
  const after: Answer = { ...kept, updatedAt: now, updatedBy: actor };
  return record(
    context,
    { ...base, payload: { action, before: merge.answer as Answer, after } },
    after,
  );
}

/** Takes back this device's last event, if nobody changed its item since. Undoing an undo redoes. */
export function undoLast(context: RecordContext): RecordResult {
  const { run, log, chain, actor, now } = context;
  if (run.state === 'signed') {
    return {
      ok: false,
      error: actionError('run-frozen', 'This run is signed off and frozen; nothing can be undone.'),
    };
  }
  const last = log.head(chain);
  if (!last) {
    return { ok: false, error: actionError('nothing-to-undo', 'Nothing to undo in this run yet.') };
  }
  if (isRunItem(last.itemId)) {
    return {
      ok: false,
      error: actionError(
        'nothing-to-undo',
        'The last change moved the run to another template version: move it again instead of undoing.',
      ),
    };
  }
  const current = log.item(last.itemId);
  if (current.conflict || current.heads.length !== 1 || current.heads[0] !== last) {
    const title = itemIndex(context.definition).get(last.itemId)?.item.title ?? last.itemId;
    return {
      ok: false,
      error: actionError(
        'undo-superseded',
        `"${title}" was changed by someone else since; change it again instead of undoing.`,
      ),
    };
  }
  const undone = current.answer as Answer;
  const previous = last.payload.before as Answer | null;
  const restored: Answer = previous
    ? { ...previous, updatedAt: now, updatedBy: actor }
    : openAnswer(run.id, last.itemId, actor, now);
  return record(
    context,
    {
      runId: run.id,
      type: 'undo',
      itemId: last.itemId,
      payload: {
        action: { type: 'undo', itemId: last.itemId, undoneSeq: last.seq, undoneHash: last.hash },
        before: undone,
        after: restored,
      },
      at: now,
      actor,
    },
    restored,
  );
}
