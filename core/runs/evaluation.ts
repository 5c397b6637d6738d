// Whether one item is resolved and whether its recorded value fails the item's rule:
// a number outside min/max, fewer named legs than a count's minimum ("two of everything"),
// an unacceptable choice. A value is judged as soon as it is recorded, even before the item is
// done (bad news early); a not-applicable item never fails.
// When adding an item type, add its rule here and its value check in values.ts.
import type { Item } from '../definitions/schema';
import type { Answer } from './model';
import { isResolvedStatus } from './model';

export interface ItemEvaluation {
  /** Done or not applicable. */
  resolved: boolean;
  failing: boolean;
  /** Plain English, e.g. "1 of 2 ISP lines named". */
  failure?: string;
}

/** "ISP line" -> "ISP lines", "switch" -> "switches", "proxy" -> "proxies". */
export function plural(unit: string, count: number): string {
  if (count === 1) return unit;
  if (/(s|x|z|ch|sh)$/i.test(unit)) return `${unit}es`;
  if (/[^aeiou]y$/i.test(unit)) return `${unit.slice(0, -1)}ies`;
  return `${unit}s`;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

/** The failure of a recorded value, or undefined when it passes (or there is nothing to judge). */
function valueFailure(item: Item, answer: Answer): string | undefined {
  const value = answer.value;
  if (item.type === 'check') return undefined;
  if (!value) return answer.status === 'done' ? 'Marked done without a value.' : undefined;
  if (value.type !== item.type) return `The recorded value is a ${value.type}, not a ${item.type}.`;
  switch (item.type) {
    case 'number': {
      if (value.type !== 'number') return undefined;
      const shown = `${formatNumber(value.value)} ${item.unit}`;
      if (item.min !== undefined && value.value < item.min) {
        return `${shown} is below the minimum of ${formatNumber(item.min)} ${item.unit}.`;
      }
      if (item.max !== undefined && value.value > item.max) {
        return `${shown} is above the maximum of ${formatNumber(item.max)} ${item.unit}.`;
      }
      return undefined;
    }
    case 'count': {
      if (value.type !== 'count') return undefined;
      const named = value.legs.length;
      if (named >= item.min) return undefined;
      return `${named} of ${item.min} ${plural(item.unit, item.min)} named.`;
    }
    case 'choice': {
      if (value.type !== 'choice') return undefined;
      const choice = item.choices.find((c) => c.id === value.choiceId);
      if (!choice) return `"${value.choiceId}" is not one of the choices.`;
      return choice.acceptable ? undefined : `"${choice.label}" is not acceptable.`;
    }
    case 'text':
      return value.type === 'text' && value.text.trim() === '' ? 'The text is empty.' : undefined;
    case 'date':
      return undefined;
  }
}

/** Evaluates one item's answer (undefined means nobody touched it: open). */
export function evaluateItem(item: Item, answer: Answer | undefined): ItemEvaluation {
  if (!answer) return { resolved: false, failing: false };
  const resolved = isResolvedStatus(answer.status);
  if (answer.status === 'not-applicable') return { resolved, failing: false };
  const failure = valueFailure(item, answer);
  return failure === undefined
    ? { resolved, failing: false }
    : { resolved, failing: true, failure };
}

/** A short description of a count's legs for reports: "2 of 2 ISP lines named: A, B". */
export function describeCount(item: Item & { type: 'count' }, legs: readonly string[]): string {
  const head = `${legs.length} of ${item.min} ${plural(item.unit, item.min)} named`;
  return legs.length === 0 ? head : `${head}: ${legs.join(', ')}`;
}
