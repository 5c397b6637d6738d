// Helpers over the three forms of a threshold (`min` / `max` of number and count items):
//   a number                 min: 2
//   an expression            min: "ceil(seats / 20)"       (threshold-expression.ts)
//   another item's answer    max: { item: rto-hours }
// Which form a threshold has, its canonical form (so the diff and the answer migration see a
// change of meaning, not of spacing) and a short description for people.
import type { Item, ParameterValues, Threshold } from './schema';
import { parseThreshold, type ParseThresholdResult } from './threshold-expression';
import { evaluateThreshold, formatThreshold, type ThresholdValue } from './threshold-evaluate';

export type ThresholdForm =
  | { form: 'fixed'; value: number }
  | { form: 'expression'; source: string }
  | { form: 'item'; itemId: string };

export function thresholdForm(threshold: Threshold): ThresholdForm {
  if (typeof threshold === 'number') return { form: 'fixed', value: threshold };
  if (typeof threshold === 'string') return { form: 'expression', source: threshold };
  return { form: 'item', itemId: threshold.item };
}

/** The thresholds of an item that has them (number and count items), else none. */
export function thresholdsOf(item: Item): { min?: Threshold; max?: Threshold } {
  if (item.type === 'number') return { min: item.min, max: item.max };
  if (item.type === 'count') return { min: item.min };
  return {};
}

/** The item ids an item's thresholds take their bound from. */
export function thresholdItemIds(item: Item): string[] {
  return Object.values(thresholdsOf(item)).flatMap((threshold) =>
    threshold !== undefined && typeof threshold === 'object' ? [threshold.item] : [],
  );
}

// Parsing is pure, so caching by source text is safe; bounded so a long session cannot grow it.
const parseCache = new Map<string, ParseThresholdResult>();
const PARSE_CACHE_LIMIT = 2_000;

export function parseThresholdCached(source: string): ParseThresholdResult {
  let parsed = parseCache.get(source);
  if (parsed === undefined) {
    parsed = parseThreshold(source);
    if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
    parseCache.set(source, parsed);
  }
  return parsed;
}

/**
 * One value per meaning, for comparisons: expressions in canonical spelling (an expression that does
 * not parse stays as written), item references as `{ item }`, numbers as they are.
 */
export function canonicalThreshold(threshold: unknown): unknown {
  if (typeof threshold !== 'string') return threshold;
  const parsed = parseThresholdCached(threshold);
  return parsed.ok ? formatThreshold(parsed.expression) : threshold;
}

/** "2", "ceil(seats / 20)", "the answer to rto-hours". */
export function describeThreshold(threshold: Threshold): string {
  const form = thresholdForm(threshold);
  switch (form.form) {
    case 'fixed':
      return String(form.value);
    case 'expression':
      return String(canonicalThreshold(form.source));
    case 'item':
      return `the answer to ${form.itemId}`;
  }
}

/**
 * A fixed or expression threshold worked out for a run's parameters (a count's rounded up to a whole
 * number); undefined for an item reference, whose bound is an answer, not a parameter.
 */
export function thresholdForParameters(
  threshold: Threshold,
  parameters: ParameterValues,
  isCount: boolean,
): ThresholdValue | undefined {
  if (typeof threshold === 'number') return { ok: true, value: threshold };
  if (typeof threshold !== 'string') return undefined;
  const parsed = parseThresholdCached(threshold);
  if (!parsed.ok) return { ok: false, problem: { kind: 'not-finite' } };
  const value = evaluateThreshold(parsed.expression, parameters);
  if (!value.ok || !isCount) return value;
  const rounded = Math.ceil(value.value);
  return { ok: true, value: rounded === 0 ? 0 : rounded };
}
