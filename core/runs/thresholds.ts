// An item's `min` / `max` worked out for one run: a fixed figure as it is; an expression from the
// run's number parameters (a count's rounded up); `{ item: <id> }` from that item's recorded answer.
// The rules for an item reference (checklists/README.md says the same to authors):
// - the named item is hidden by the run's parameters, or marked not applicable: the bound does not
//   apply to this run (there is nothing signed to compare with; the N/A carries its own reason);
// - it has no number recorded yet: the bound is pending, the value is not judged against it yet
//   (the validator makes the item depend on it, so it cannot be done before the bound is known);
// - otherwise its recorded number is the bound, whatever its status (bad news early).
// An expression that cannot be worked out (a parameter without a number, a division by zero) is
// 'unknown': evaluation.ts judges the value failing with that reason, never silently passing.
import type { ChecklistDefinition, Item, ParameterValues, Threshold } from '../definitions/schema';
import type { ThresholdProblem } from '../definitions/threshold-evaluate';
import {
  canonicalThreshold,
  thresholdForParameters,
  thresholdsOf,
} from '../definitions/thresholds';
import type { AcceptedFailure, AnswerValue, ItemStatus } from './model';
import type { RunVisibility } from './visibility';
import { itemIndex, runVisibility } from './visibility';

/** What judging needs of an answer: a stored Answer, or an item of a signed report. */
export interface JudgedAnswer {
  status: ItemStatus;
  value?: AnswerValue;
  acceptedFailure?: AcceptedFailure;
}

/** Everything outside the item itself that its thresholds may depend on. */
export interface JudgeContext {
  parameters: ParameterValues;
  /** The recorded answer of another item (undefined: nobody touched it). */
  answerOf(itemId: string): JudgedAnswer | undefined;
  itemOf(itemId: string): Item | undefined;
  isVisible(itemId: string): boolean;
}

/** The judge context of a run: its parameters, answers and visibility. */
export function judgeContext(
  definition: ChecklistDefinition,
  run: { parameters: ParameterValues },
  answers: ReadonlyMap<string, JudgedAnswer>,
  visibility: Pick<RunVisibility, 'isVisible'> = runVisibility(definition, run),
): JudgeContext {
  const index = itemIndex(definition);
  return {
    parameters: run.parameters,
    answerOf: (itemId) => answers.get(itemId),
    itemOf: (itemId) => index.get(itemId)?.item,
    isVisible: (itemId) => visibility.isVisible(itemId),
  };
}

export type BoundSource =
  | { kind: 'fixed' }
  /** `expression` in canonical spelling. */
  | { kind: 'expression'; expression: string }
  | { kind: 'item'; itemId: string; title: string };

export type ResolvedBound =
  /** No threshold on this side, or an item reference that does not apply to this run. */
  | { state: 'none' }
  | { state: 'known'; value: number; source: BoundSource }
  /** An item reference whose item has no number recorded yet. */
  | { state: 'pending'; itemId: string; title: string }
  | { state: 'unknown'; expression: string; problem: ThresholdProblem };

export type ThresholdSide = 'min' | 'max';

export interface ResolvedBounds {
  min: ResolvedBound;
  max: ResolvedBound;
}

const NONE: ResolvedBound = { state: 'none' };

/** Both bounds of an item for this run (check, text, choice and date items have none). */
export function resolveBounds(item: Item, context: JudgeContext): ResolvedBounds {
  const { min, max } = thresholdsOf(item);
  const isCount = item.type === 'count';
  return {
    min: min === undefined ? NONE : resolveThreshold(min, isCount, context),
    max: max === undefined ? NONE : resolveThreshold(max, isCount, context),
  };
}

export function resolveThreshold(
  threshold: Threshold,
  isCount: boolean,
  context: JudgeContext,
): ResolvedBound {
  if (typeof threshold === 'object') return resolveItemBound(threshold.item, isCount, context);
  const value = thresholdForParameters(threshold, context.parameters, isCount);
  if (value === undefined) return NONE;
  if (typeof threshold === 'number') {
    return value.ok ? { state: 'known', value: value.value, source: { kind: 'fixed' } } : NONE;
  }
  const expression = String(canonicalThreshold(threshold));
  return value.ok
    ? { state: 'known', value: value.value, source: { kind: 'expression', expression } }
    : { state: 'unknown', expression, problem: value.problem };
}

function resolveItemBound(itemId: string, isCount: boolean, context: JudgeContext): ResolvedBound {
  const item = context.itemOf(itemId);
  if (item === undefined || !context.isVisible(itemId)) return NONE;
  const answer = context.answerOf(itemId);
  if (answer?.status === 'not-applicable') return NONE;
  const value = answer?.value;
  if (value?.type !== 'number' || !Number.isFinite(value.value)) {
    return { state: 'pending', itemId, title: item.title };
  }
  return {
    state: 'known',
    value: isCount ? Math.ceil(value.value) : value.value,
    source: { kind: 'item', itemId, title: item.title },
  };
}
