// The status rules: not applicable and blocked need a reason; done needs the item's dependencies
// resolved, a value (typed items), a rollback plan (change items) and evidence (when required).
// Timing: startedAt is set the first time an item leaves 'open'; finishedAt when it becomes done
// or N/A, cleared when it is reopened or blocked. Reopening a resolved item lists the done items
// built on it in `recheck`.
// Failing values: an answer may be done while its value fails the item's rule only as a conscious
// choice. Marking it done, or changing a done item's value to a failing one, is refused
// ('value-failing', with the failure in the details) unless the action carries acceptFailing and a
// reason; the answer then records it (acceptedFailure: reason, the failure, who, when). Leaving
// done, or a value that passes, clears it. Re-committing a value that fails exactly as already
// accepted asks nothing again.
import type { ChecklistDefinition } from '../definitions/schema';
import type { ActionContext, ActionError, FailingAcceptance } from './actions';
import { actionError as fail, tooLong } from './actions';
import { unresolvedDependencies } from './dependencies';
import { evaluateItem } from './evaluation';
import type { Answer, AnswerMap, ItemStatus } from './model';
import { ANSWER_LIMITS, ITEM_STATUSES, isResolvedStatus } from './model';
import { judgeContext } from './thresholds';
import { needsValue } from './values';
import type { ItemRef, RunVisibility } from './visibility';
import { itemIndex } from './visibility';

/** Done items built on `itemId` (its dependants, transitively through done items). */
function doneDependants(
  definition: ChecklistDefinition,
  visibility: RunVisibility,
  answers: AnswerMap,
  itemId: string,
): string[] {
  const dependants = new Map<string, string[]>();
  for (const ref of visibility.visible) {
    for (const dep of ref.item.dependsOn) {
      dependants.set(dep, [...(dependants.get(dep) ?? []), ref.item.id]);
    }
  }
  const found = new Set<string>();
  const queue = [itemId];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const next of dependants.get(current) ?? []) {
      if (found.has(next) || next === itemId || answers.get(next)?.status !== 'done') continue;
      found.add(next);
      queue.push(next);
    }
  }
  const index = itemIndex(definition);
  return [...found].sort((a, b) => (index.get(a)?.index ?? 0) - (index.get(b)?.index ?? 0));
}

function readyToBeDone(
  context: ActionContext,
  visibility: RunVisibility,
  ref: ItemRef,
  answer: Answer,
): ActionError | undefined {
  const { item } = ref;
  const waiting = unresolvedDependencies(context.definition, visibility, context.answers, item.id);
  if (waiting.length > 0) {
    const waitingOn = waiting.map((dep) => ({
      itemId: dep.item.id,
      title: dep.item.title,
      sectionId: dep.section.id,
      department: dep.department,
      status: context.answers.get(dep.item.id)?.status ?? ('open' as const),
    }));
    const titles = waitingOn.map((w) => `"${w.title}" (${w.department})`).join(', ');
    return fail(
      'dependencies-open',
      `"${item.title}" is waiting on ${titles}. Finish those first, or mark them not applicable with a reason.`,
      { waitingOn },
    );
  }
  if (needsValue(item) && !answer.value) {
    return fail(
      'value-required',
      `Record the ${item.type} for "${item.title}" before marking it done.`,
    );
  }
  if (item.change && !answer.rollbackPlan?.trim()) {
    return fail(
      'rollback-plan-required',
      `"${item.title}" is a change: write its rollback plan (how to undo it) before marking it done.`,
    );
  }
  if (item.evidence === 'required' && answer.attachments.length === 0) {
    return fail(
      'evidence-required',
      `"${item.title}" needs evidence: attach a photo, screenshot or file before marking it done.`,
    );
  }
  return undefined;
}

/** The answer after a status change, or why the change is refused. */
export function setStatus(
  context: ActionContext,
  visibility: RunVisibility,
  ref: ItemRef,
  current: Answer,
  status: ItemStatus,
  rawReason: string | undefined,
): Answer | ActionError {
  if (!ITEM_STATUSES.includes(status)) {
    return fail('unknown-action', `Unknown status "${String(status)}".`);
  }
  const needsReason = status === 'not-applicable' || status === 'blocked';
  const reason = typeof rawReason === 'string' ? rawReason.trim() : '';
  if (needsReason && reason === '') {
    return fail(
      'reason-required',
      status === 'blocked'
        ? `Say why "${ref.item.title}" is blocked, so everyone sees what is missing.`
        : `Say why "${ref.item.title}" does not apply here.`,
    );
  }
  if (needsReason) {
    const error = tooLong(reason, ANSWER_LIMITS.reason, 'reason');
    if (error) return error;
  }
  if (status === 'done') {
    const error = readyToBeDone(context, visibility, ref, current);
    if (error) return error;
  }
  const wasResolved = isResolvedStatus(current.status);
  const isResolved = isResolvedStatus(status);
  let recheck = current.recheck;
  if (isResolved) recheck = undefined;
  else if (wasResolved) {
    const ids = doneDependants(context.definition, visibility, context.answers, ref.item.id);
    recheck = ids.length > 0 ? ids : undefined;
  }
  return {
    ...current,
    status,
    reason: needsReason ? reason : undefined,
    startedAt: current.startedAt ?? (status === 'open' ? undefined : context.now),
    finishedAt: isResolved
      ? ((wasResolved ? current.finishedAt : undefined) ?? context.now)
      : undefined,
    recheck,
  };
}

/**
 * Settles a setStatus or setValue result against the failing-value rule (see the header): the
 * answer with acceptedFailure set or cleared, or the refusal.
 */
export function settleFailingValue(
  context: ActionContext,
  visibility: RunVisibility,
  ref: ItemRef,
  before: Answer,
  next: Answer,
  acceptance: FailingAcceptance,
): Answer | ActionError {
  const { acceptedFailure: _previous, ...candidate } = next;
  if (next.status !== 'done') return candidate;
  const judge = judgeContext(context.definition, context.run, context.answers, visibility);
  const evaluation = evaluateItem(ref.item, candidate, judge);
  if (!evaluation.failing || evaluation.failure === undefined || !evaluation.failureDetail) {
    return candidate;
  }
  const { failure, failureDetail } = evaluation;
  const title = ref.item.title;
  if (acceptance.acceptFailing !== true) {
    const already = before.status === 'done' ? before.acceptedFailure : undefined;
    if (already?.failure === failure) return { ...candidate, acceptedFailure: already };
    return fail(
      'value-failing',
      `"${title}" fails its check: ${failure} Mark it done anyway with a reason, or keep it open.`,
      { failing: { failure, failureDetail } },
    );
  }
  const reason = typeof acceptance.reason === 'string' ? acceptance.reason.trim() : '';
  if (reason === '') {
    return fail(
      'reason-required',
      `Say why "${title}" is done although it fails its check (${failure}); the reason is recorded with your name.`,
      { failing: { failure, failureDetail } },
    );
  }
  const error = tooLong(reason, ANSWER_LIMITS.reason, 'reason');
  if (error) return error;
  return {
    ...candidate,
    acceptedFailure: { reason, failure, by: context.actor, at: context.now },
  };
}
