// Semantic checks on the `min` / `max` of number and count items that are not plain numbers.
// An expression (`min: "ceil(seats / 20)"`) parses, names only declared, required, number
// parameters, names at least one of them (a fixed figure is written as a number), and never divides
// by a constant zero. An item reference (`max: { item: rto-hours }`) names another number item of
// this file, in the same unit, that the item depends on (listed in its dependsOn): so the bound is
// answered before the item can be done, and bounds can never form a cycle (dependsOn has none).
import { locatedItems, type CheckContext, type LocatedItem } from './check-context';
import type { NodePath } from './problem';
import type { Item, Parameter, Threshold } from './schema';
import { didYouMean } from './shape-problems';
import { parseThreshold, THRESHOLD_FUNCTIONS, type ThresholdNode } from './threshold-expression';
import { evaluateThreshold, thresholdParameters } from './threshold-evaluate';
import { thresholdsOf } from './thresholds';

type Side = 'min' | 'max';

export function checkThresholds(context: CheckContext): void {
  const parameters = new Map<string, Parameter>();
  for (const parameter of context.definition.parameters) {
    if (!parameters.has(parameter.id)) parameters.set(parameter.id, parameter);
  }
  const items = locatedItems(context.definition);
  const byId = new Map<string, LocatedItem>();
  for (const located of items) if (!byId.has(located.item.id)) byId.set(located.item.id, located);

  for (const { item, path } of items) {
    const thresholds = thresholdsOf(item);
    for (const side of ['min', 'max'] as const) {
      const threshold: Threshold | undefined = thresholds[side];
      if (typeof threshold === 'string') {
        checkExpression(context, item, side, threshold, [...path, side], parameters);
      } else if (threshold !== undefined && typeof threshold === 'object') {
        checkItemReference(context, item, side, threshold.item, [...path, side, 'item'], byId);
      }
    }
  }
}

function checkExpression(
  context: CheckContext,
  item: Item,
  side: Side,
  source: string,
  at: NodePath,
  parameters: ReadonlyMap<string, Parameter>,
): void {
  const report = (message: string, offset: number): void =>
    context.report(at, `item "${item.id}" ${side}: ${message}`, { offsetInValue: offset });
  const parsed = parseThreshold(source);
  if (!parsed.ok) {
    report(parsed.error.message, parsed.error.offset);
    return;
  }
  const named = thresholdParameters(parsed.expression);
  if (named.length === 0) {
    const value = evaluateThreshold(parsed.expression, {});
    const fix = value.ok ? `write ${side}: ${value.value}` : 'name a number parameter';
    report(`names no parameter, so it is a fixed figure: ${fix} without quotes`, 0);
  }
  for (const { name, offset } of named) {
    const parameter = parameters.get(name);
    if (parameter === undefined) {
      const isFunction = THRESHOLD_FUNCTIONS.some((fn) => fn === name);
      report(
        isFunction
          ? `${name} is a function: give it its figure in parentheses, e.g. ${name}(seats / 20)`
          : `"${name}" is not a declared parameter: declare it under parameters (type: number), or fix the name${didYouMean(name, [...parameters.keys()])}`,
        offset,
      );
    } else if (parameter.type !== 'number') {
      report(
        `${name} is a ${parameter.type} parameter: a threshold can only use number parameters`,
        offset,
      );
    } else if (!parameter.required) {
      report(
        `${name} is optional (required: false), so a run without it could not work out the ${side === 'min' ? 'minimum' : 'maximum'}: make the parameter required`,
        offset,
      );
    }
  }
  for (const offset of constantZeroDivisors(parsed.expression)) {
    report('divides by zero: divide by a parameter or a number other than 0', offset);
  }
}

/** Offsets of the "/" whose divisor names no parameter and is 0. */
function constantZeroDivisors(node: ThresholdNode): number[] {
  switch (node.kind) {
    case 'negate':
      return constantZeroDivisors(node.operand);
    case 'call':
      return node.args.flatMap(constantZeroDivisors);
    case 'binary': {
      const inner = [...constantZeroDivisors(node.left), ...constantZeroDivisors(node.right)];
      if (node.operator !== '/' || thresholdParameters(node.right).length > 0) return inner;
      const divisor = evaluateThreshold(node.right, {});
      return divisor.ok && divisor.value === 0 ? [...inner, node.offset] : inner;
    }
    default:
      return [];
  }
}

function checkItemReference(
  context: CheckContext,
  item: Item,
  side: Side,
  targetId: string,
  at: NodePath,
  byId: ReadonlyMap<string, LocatedItem>,
): void {
  const report = (message: string): void =>
    context.report(at, `item "${item.id}" ${side}: ${message}`);
  if (targetId === item.id) {
    report('takes its bound from itself: name another number item, or write a figure');
    return;
  }
  const target = byId.get(targetId)?.item;
  if (target === undefined) {
    report(
      `"${targetId}" is not an item in this file: fix the id${didYouMean(targetId, [...byId.keys()])}`,
    );
    return;
  }
  if (target.type !== 'number') {
    report(`"${targetId}" is a ${target.type} item: only a number item's answer can be a bound`);
    return;
  }
  const unit = 'unit' in item ? item.unit : '';
  if (normalizedUnit(target.unit) !== normalizedUnit(unit)) {
    report(
      `"${targetId}" is in "${target.unit}" but "${item.id}" is in "${unit}": a bound must be in the same unit, so use one unit on both items`,
    );
  }
  if (!item.dependsOn.includes(targetId)) {
    report(
      `takes its bound from "${targetId}", so it must wait for it: add ${targetId} to dependsOn (this also keeps bounds free of cycles)`,
    );
  }
}

function normalizedUnit(unit: string): string {
  return unit.trim().toLowerCase();
}
