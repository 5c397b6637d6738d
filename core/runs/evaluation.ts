// The one rule for "is this answer failing its threshold, and why", used by everything that judges
// an answer: the run screen, the gate, progress, the digest, the signed report (and so the PDF) and
// the comparisons. A value fails when a number is outside min/max, a count names fewer legs than its
// minimum ("two of everything"), a choice is not acceptable, a text is empty, or a non-check item is
// done without a value. Thresholds are worked out for the run (thresholds.ts): an expression from
// its parameters, an item reference from that item's answer. A value is judged as soon as it is
// recorded, even before the item is done (bad news early); a not-applicable item never fails.
// When adding an item type, add its rule here and its value check in values.ts.
import type { Item, ItemType } from '../definitions/schema';
import type { ThresholdProblem } from '../definitions/threshold-evaluate';
import type { AcceptedFailure, ValueType } from './model';
import { isResolvedStatus } from './model';
import type {
  BoundSource,
  JudgeContext,
  JudgedAnswer,
  ResolvedBound,
  ThresholdSide,
} from './thresholds';
import { resolveBounds } from './thresholds';

/** Why a value fails, as data: the renderer words it in the user's language. */
export type Failure =
  | { kind: 'no-value' }
  | { kind: 'wrong-type'; recorded: ValueType; expected: ItemType }
  | {
      kind: 'below-min' | 'above-max';
      value: number;
      bound: number;
      unit: string;
      source: BoundSource;
    }
  | { kind: 'too-few'; named: number; required: number; unit: string; source: BoundSource }
  /** An expression threshold that could not be worked out for this run. */
  | { kind: 'bound-unknown'; side: ThresholdSide; expression: string; problem: ThresholdProblem }
  | { kind: 'unknown-choice'; choiceId: string }
  | { kind: 'unacceptable-choice'; choiceId: string; label: string }
  | { kind: 'empty-text' };

/** A bound that waits for another item's answer before the value can be judged against it. */
export interface PendingBound {
  side: ThresholdSide;
  itemId: string;
  title: string;
}

export interface ItemEvaluation {
  /** Done or not applicable. */
  resolved: boolean;
  failing: boolean;
  /** Plain English, e.g. "1 of 2 ISP lines named." */
  failure?: string;
  failureDetail?: Failure;
  /**
   * Failing, and marked done anyway with this acknowledgement of this very failure. An
   * acknowledgement of another failure (the signed RTO it is judged against was lowered since)
   * does not count: the item then fails unacknowledged.
   */
  accepted?: AcceptedFailure;
  /** Only when some bound is pending. */
  pendingBounds?: PendingBound[];
}

/** "ISP line" -> "ISP lines", "switch" -> "switches", "proxy" -> "proxies". */
export function plural(unit: string, count: number): string {
  if (count === 1) return unit;
  if (/(s|x|z|ch|sh)$/i.test(unit)) return `${unit}es`;
  if (/[^aeiou]y$/i.test(unit)) return `${unit.slice(0, -1)}ies`;
  return `${unit}s`;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

function sourceSuffix(source: BoundSource): string {
  switch (source.kind) {
    case 'fixed':
      return '';
    case 'expression':
      return ` (from ${source.expression})`;
    case 'item':
      return ` (the answer to "${source.title}")`;
  }
}

function problemText(problem: ThresholdProblem): string {
  switch (problem.kind) {
    case 'missing-parameter':
      return `the run has no number for "${problem.name}"`;
    case 'division-by-zero':
      return 'it divides by zero';
    case 'not-finite':
      return 'the result is not a finite number';
  }
}

/** The English sentence for a failure (reports, the digest, refusals). */
export function describeFailure(failure: Failure): string {
  switch (failure.kind) {
    case 'no-value':
      return 'Marked done without a value.';
    case 'wrong-type':
      return `The recorded value is a ${failure.recorded}, not a ${failure.expected}.`;
    case 'below-min':
    case 'above-max': {
      const unit = failure.unit;
      const side = failure.kind === 'below-min' ? 'below the minimum' : 'above the maximum';
      return `${formatNumber(failure.value)} ${unit} is ${side} of ${formatNumber(failure.bound)} ${unit}${sourceSuffix(failure.source)}.`;
    }
    case 'too-few':
      return `${failure.named} of ${failure.required} ${plural(failure.unit, failure.required)} named${sourceSuffix(failure.source)}.`;
    case 'bound-unknown':
      return `The ${failure.side === 'min' ? 'minimum' : 'maximum'} "${failure.expression}" could not be worked out for this run: ${problemText(failure.problem)}.`;
    case 'unknown-choice':
      return `"${failure.choiceId}" is not one of the choices.`;
    case 'unacceptable-choice':
      return `"${failure.label}" is not acceptable.`;
    case 'empty-text':
      return 'The text is empty.';
  }
}

interface Judged {
  failure?: Failure;
  pending: PendingBound[];
}

function boundFailure(
  side: ThresholdSide,
  bound: ResolvedBound,
  isOutside: (limit: number) => boolean,
  describe: (limit: number, source: BoundSource) => Failure,
  pending: PendingBound[],
): Failure | undefined {
  switch (bound.state) {
    case 'none':
      return undefined;
    case 'pending':
      pending.push({ side, itemId: bound.itemId, title: bound.title });
      return undefined;
    case 'unknown':
      return { kind: 'bound-unknown', side, expression: bound.expression, problem: bound.problem };
    case 'known':
      return isOutside(bound.value) ? describe(bound.value, bound.source) : undefined;
  }
}

/** The failure of a recorded value, or none when it passes (or there is nothing to judge). */
function judgeValue(item: Item, answer: JudgedAnswer, context: JudgeContext): Judged {
  const value = answer.value;
  const pending: PendingBound[] = [];
  if (item.type === 'check') return { pending };
  if (!value)
    return { failure: answer.status === 'done' ? { kind: 'no-value' } : undefined, pending };
  if (value.type !== item.type) {
    return { failure: { kind: 'wrong-type', recorded: value.type, expected: item.type }, pending };
  }
  switch (item.type) {
    case 'number': {
      if (value.type !== 'number') return { pending };
      const bounds = resolveBounds(item, context);
      const unit = item.unit;
      const failure =
        boundFailure(
          'min',
          bounds.min,
          (limit) => value.value < limit,
          (bound, source) => ({ kind: 'below-min', value: value.value, bound, unit, source }),
          pending,
        ) ??
        boundFailure(
          'max',
          bounds.max,
          (limit) => value.value > limit,
          (bound, source) => ({ kind: 'above-max', value: value.value, bound, unit, source }),
          pending,
        );
      return { failure, pending };
    }
    case 'count': {
      if (value.type !== 'count') return { pending };
      const named = value.legs.length;
      const failure = boundFailure(
        'min',
        resolveBounds(item, context).min,
        (limit) => named < limit,
        (required, source) => ({ kind: 'too-few', named, required, unit: item.unit, source }),
        pending,
      );
      return { failure, pending };
    }
    case 'choice': {
      if (value.type !== 'choice') return { pending };
      const choice = item.choices.find((c) => c.id === value.choiceId);
      if (!choice)
        return { failure: { kind: 'unknown-choice', choiceId: value.choiceId }, pending };
      return choice.acceptable
        ? { pending }
        : {
            failure: { kind: 'unacceptable-choice', choiceId: choice.id, label: choice.label },
            pending,
          };
    }
    case 'text':
      return value.type === 'text' && value.text.trim() === ''
        ? { failure: { kind: 'empty-text' }, pending }
        : { pending };
    case 'date':
      return { pending };
  }
}

/** Evaluates one item's answer (undefined means nobody touched it: open). */
export function evaluateItem(
  item: Item,
  answer: JudgedAnswer | undefined,
  context: JudgeContext,
): ItemEvaluation {
  if (!answer) return { resolved: false, failing: false };
  const resolved = isResolvedStatus(answer.status);
  if (answer.status === 'not-applicable') return { resolved, failing: false };
  const { failure, pending } = judgeValue(item, answer, context);
  const evaluation: ItemEvaluation =
    failure === undefined
      ? { resolved, failing: false }
      : { resolved, failing: true, failure: describeFailure(failure), failureDetail: failure };
  const acknowledged = answer.acceptedFailure;
  if (answer.status === 'done' && acknowledged?.failure === evaluation.failure) {
    evaluation.accepted = acknowledged;
  }
  if (pending.length > 0) evaluation.pendingBounds = pending;
  return evaluation;
}

/** A short description of a count's legs for reports: "2 of 2 ISP lines named: A, B". */
export function describeCount(required: number, unit: string, legs: readonly string[]): string {
  const head = `${legs.length} of ${required} ${plural(unit, required)} named`;
  return legs.length === 0 ? head : `${head}: ${legs.join(', ')}`;
}
