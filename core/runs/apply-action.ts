// The rules the app enforces while an administrator ticks a checklist. `applyAction` takes the
// current state and one action and returns the new answer plus the event to append, or an error
// that says what to do instead. Pure: time and the actor come in through the context.
// The rules: a signed run is frozen; hidden items cannot be touched; status changes follow
// status-rules.ts (a failing value is done only with acceptFailing and a reason); values are
// checked by values.ts; a change cannot be started without a rollback plan; waivers only on
// blocking items, with a justification; the last required evidence of a done item cannot be
// removed; only the run's owner reassigns an item (assignment.ts).
import type { Action, ActionContext, ActionError, ActionResult } from './actions';
import { actionError as fail, tooLong } from './actions';
import type { Answer, AttachmentRef } from './model';
import { ANSWER_LIMITS, openAnswer } from './model';
import { assignStep } from './assignment';
import { setStatus, settleFailingValue } from './status-rules';
import { waiverDecisionProblem } from './waiver-decision';
import { checkValue, needsValue } from './values';
import type { ItemRef, RunVisibility } from './visibility';
import { itemIndex, runVisibility } from './visibility';

type Step = Answer | ActionError;

function isError(step: Step): step is ActionError {
  return 'code' in step;
}

/** Drops keys whose value is undefined, so stored and hashed answers have one shape. */
function compact(answer: Answer): Answer {
  const copy: Record<string, unknown> = { ...answer };
  for (const key of Object.keys(copy)) if (copy[key] === undefined) delete copy[key];
  return copy as unknown as Answer;
}

function checkAttachment(attachment: AttachmentRef, current: Answer): ActionError | undefined {
  const bad = (what: string) =>
    fail('invalid-attachment', `The attachment ${what}; attach it again.`);
  if (typeof attachment !== 'object' || attachment === null) return bad('is missing');
  if (typeof attachment.id !== 'string' || attachment.id === '') return bad('has no id');
  const name = typeof attachment.name === 'string' ? attachment.name.trim() : '';
  if (name === '' || name.length > ANSWER_LIMITS.attachmentName) return bad('needs a file name');
  if (typeof attachment.mimeType !== 'string' || attachment.mimeType === '') {
    return bad('has no file type');
  }
  if (!Number.isSafeInteger(attachment.size) || attachment.size < 0)
    return bad('has no valid size');
  if (typeof attachment.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(attachment.sha256)) {
    return bad('has no valid SHA-256 fingerprint');
  }
  if (current.attachments.some((a) => a.id === attachment.id)) return bad('is already attached');
  if (current.attachments.length >= ANSWER_LIMITS.attachments) {
    return fail('invalid-attachment', `At most ${ANSWER_LIMITS.attachments} attachments per item.`);
  }
  return undefined;
}

function step(
  context: ActionContext,
  visibility: RunVisibility,
  ref: ItemRef,
  current: Answer,
  action: Action,
): Step {
  const { item } = ref;
  switch (action.type) {
    case 'setStatus':
      return setStatus(context, visibility, ref, current, action.status, action.reason);
    case 'setValue': {
      if (action.value === null) {
        if (current.status === 'done' && needsValue(item)) {
          return fail(
            'value-required',
            `"${item.title}" is done: reopen it before clearing its value.`,
          );
        }
        return { ...current, value: undefined };
      }
      const checked = checkValue(item, action.value);
      if (!checked.ok) return fail('invalid-value', checked.message);
      return { ...current, value: checked.value };
    }
    case 'setNotes': {
      const notes = typeof action.notes === 'string' ? action.notes : '';
      const error = tooLong(notes, ANSWER_LIMITS.notes, 'note');
      if (error) return error;
      return { ...current, notes: notes.trim() === '' ? undefined : notes };
    }
    case 'setRollbackPlan': {
      const plan = typeof action.rollbackPlan === 'string' ? action.rollbackPlan : '';
      const error = tooLong(plan, ANSWER_LIMITS.rollbackPlan, 'rollback plan');
      if (error) return error;
      if (plan.trim() === '' && item.change && current.status === 'done') {
        return fail(
          'rollback-plan-required',
          `"${item.title}" is a done change: reopen it before removing its rollback plan.`,
        );
      }
      return { ...current, rollbackPlan: plan.trim() === '' ? undefined : plan };
    }
    case 'waive': {
      if (item.severity !== 'blocking') {
        return fail(
          'not-blocking',
          `Only blocking items can be waived; "${item.title}" is ${item.severity}.`,
        );
      }
      const justification =
        typeof action.justification === 'string' ? action.justification.trim() : '';
      if (justification === '') {
        return fail(
          'justification-required',
          `Explain why going live without "${item.title}" is acceptable; the waiver is signed with your name.`,
        );
      }
      const error = tooLong(justification, ANSWER_LIMITS.justification, 'justification');
      if (error) return error;
      return { ...current, waiver: { justification, by: context.actor, at: context.now } };
    }
    case 'removeWaiver':
      if (!current.waiver) return fail('no-waiver', `"${item.title}" has no waiver to remove.`);
      return { ...current, waiver: undefined };
    case 'decideWaiver': {
      const waiver = current.waiver;
      if (!waiver) return fail('no-waiver', `"${item.title}" has no waiver to decide.`);
      if (waiver.decision) {
        return fail(
          'waiver-decision-invalid',
          `The waiver of "${item.title}" was already decided; a new request needs a new decision.`,
        );
      }
      const problem = waiverDecisionProblem(action, {
        runId: context.run.id,
        itemId: item.id,
        waiver,
        decider: context.actor,
      });
      if (problem) return fail('waiver-decision-invalid', problem);
      const decision = {
        statement: action.statement,
        signature: action.signature,
        by: context.actor,
        at: context.now,
      };
      return { ...current, waiver: { ...waiver, decision } };
    }
    case 'attach': {
      const error = checkAttachment(action.attachment, current);
      if (error) return error;
      const { id, name, mimeType, size, sha256 } = action.attachment;
      const attachment = { id, name: name.trim(), mimeType, size, sha256 };
      return { ...current, attachments: [...current.attachments, attachment] };
    }
    case 'detach': {
      const attachments = current.attachments.filter((a) => a.id !== action.attachmentId);
      if (attachments.length === current.attachments.length) {
        return fail(
          'unknown-attachment',
          'That attachment is not on this item (already removed?).',
        );
      }
      if (attachments.length === 0 && item.evidence === 'required' && current.status === 'done') {
        return fail(
          'evidence-required',
          `"${item.title}" is done and needs evidence: attach the replacement first, or reopen it.`,
        );
      }
      return { ...current, attachments };
    }
    case 'start':
      if (current.startedAt) {
        return fail(
          'already-started',
          `"${item.title}" was already started at ${current.startedAt}.`,
        );
      }
      if (item.change && !current.rollbackPlan?.trim()) {
        return fail(
          'rollback-plan-required',
          `Never start a change without a way back: write the rollback plan for "${item.title}" first.`,
        );
      }
      return { ...current, startedAt: context.now };
    case 'assign':
      return assignStep(context.definition, ref, current, action, context.actor);
    default:
      return fail('unknown-action', 'Unknown action.');
  }
}

/** Applies one action to one item of a run. Never mutates its inputs. */
export function applyAction(context: ActionContext, action: Action): ActionResult {
  const { definition, run, answers, actor, now } = context;
  if (run.state === 'signed') {
    return {
      ok: false,
      error: fail(
        'run-frozen',
        'This run is signed off and frozen. Start a new run to change anything.',
      ),
    };
  }
  const ref = itemIndex(definition).get(action.itemId);
  if (!ref) {
    return {
      ok: false,
      error: fail('unknown-item', `There is no item "${action.itemId}" in this checklist version.`),
    };
  }
  const visibility = runVisibility(definition, run);
  if (!visibility.isVisible(ref.item.id)) {
    return {
      ok: false,
      error: fail(
        'item-hidden',
        `"${ref.item.title}" does not apply to this run's parameters, so it cannot be changed.`,
      ),
    };
  }
  const before = answers.get(ref.item.id) ?? null;
  const current = before ?? openAnswer(run.id, ref.item.id, actor, now);
  const stepped = step(context, visibility, ref, current, action);
  const next =
    isError(stepped) || (action.type !== 'setStatus' && action.type !== 'setValue')
      ? stepped
      : settleFailingValue(context, visibility, ref, current, stepped, action);
  if (isError(next)) return { ok: false, error: next };
  const answer = compact({
    ...next,
    runId: run.id,
    itemId: ref.item.id,
    updatedAt: now,
    updatedBy: actor,
  });
  return {
    ok: true,
    answer,
    event: {
      runId: run.id,
      type: action.type,
      itemId: ref.item.id,
      payload: { action, before, after: answer },
      at: now,
      actor,
    },
  };
}
