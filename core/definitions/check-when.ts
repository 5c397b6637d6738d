// Semantic checks on `when` expressions: each parses, names only declared parameters, and compares
// each parameter with values of its type (numbers for number parameters, one of the choices for
// choice parameters...), so a typo cannot silently hide an item forever.
import { locatedItems, type CheckContext } from './check-context';
import type { Expression, IdentifierNode, LiteralNode, Operand } from './expression-ast';
import { parseExpression } from './expression';
import type { NodePath } from './problem';
import type { Parameter } from './schema';
import { didYouMean } from './shape-problems';

type Reporter = (message: string, offset: number) => void;

export function checkWhen(context: CheckContext): void {
  const parameters = new Map<string, Parameter>();
  for (const parameter of context.definition.parameters) {
    if (!parameters.has(parameter.id)) parameters.set(parameter.id, parameter);
  }
  for (const { item, path } of locatedItems(context.definition)) {
    if (item.when === undefined) continue;
    const at: NodePath = [...path, 'when'];
    const report: Reporter = (message, offset) =>
      context.report(at, `item "${item.id}" when: ${message}`, { offsetInValue: offset });
    const parsed = parseExpression(item.when);
    if (!parsed.ok) {
      report(parsed.error.message, parsed.error.offset);
      continue;
    }
    checkNode(parsed.expression, parameters, report);
  }
}

function checkNode(
  node: Expression,
  parameters: ReadonlyMap<string, Parameter>,
  report: Reporter,
): void {
  switch (node.kind) {
    case 'or':
    case 'and':
      node.operands.forEach((operand) => checkNode(operand, parameters, report));
      return;
    case 'not':
      checkNode(node.operand, parameters, report);
      return;
    case 'identifier': {
      const parameter = declared(node, parameters, report);
      if (parameter !== undefined && parameter.type !== 'boolean') {
        report(
          `${node.name} is a ${parameter.type} parameter, not a yes/no one: compare it, e.g. ${example(parameter)}`,
          node.offset,
        );
      }
      return;
    }
    case 'literal':
      return;
    case 'in': {
      const parameter = declared(node.identifier, parameters, report);
      if (parameter !== undefined) {
        node.values.forEach((value) => checkValue(parameter, value, report));
      }
      return;
    }
    case 'compare':
      checkComparison(node.operator, node.left, node.right, parameters, report);
      return;
    default:
      return;
  }
}

function checkComparison(
  operator: string,
  left: Operand,
  right: Operand,
  parameters: ReadonlyMap<string, Parameter>,
  report: Reporter,
): void {
  if (left.kind === 'literal' && right.kind === 'literal') {
    report(
      'compares two fixed values: name a parameter (without quotes), e.g. seats >= 20',
      left.offset,
    );
    return;
  }
  const leftParameter = left.kind === 'identifier' ? declared(left, parameters, report) : undefined;
  const rightParameter =
    right.kind === 'identifier' ? declared(right, parameters, report) : undefined;
  const isOrdering = operator !== '==' && operator !== '!=';
  for (const [operand, parameter] of [
    [left, leftParameter],
    [right, rightParameter],
  ] as const) {
    if (parameter !== undefined && isOrdering && parameter.type !== 'number') {
      report(
        `${operator} compares numbers, but ${parameter.id} is a ${parameter.type} parameter: use == or !=`,
        operand.offset,
      );
      return;
    }
  }
  if (leftParameter !== undefined && right.kind === 'literal') {
    checkValue(leftParameter, right, report);
  }
  if (rightParameter !== undefined && left.kind === 'literal') {
    checkValue(rightParameter, left, report);
  }
  if (
    leftParameter !== undefined &&
    rightParameter !== undefined &&
    valueType(leftParameter) !== valueType(rightParameter)
  ) {
    report(
      `${leftParameter.id} (${leftParameter.type}) and ${rightParameter.id} (${rightParameter.type}) can never be equal: compare parameters of the same type`,
      left.offset,
    );
  }
}

function checkValue(parameter: Parameter, literal: LiteralNode, report: Reporter): void {
  const expected = valueType(parameter);
  if (typeof literal.value !== expected) {
    report(
      `${parameter.id} is a ${parameter.type} parameter, so compare it with ${describeType(expected)}, e.g. ${example(parameter)}`,
      literal.offset,
    );
    return;
  }
  if (
    parameter.choices !== undefined &&
    typeof literal.value === 'string' &&
    !parameter.choices.includes(literal.value)
  ) {
    report(
      `"${literal.value}" is not one of the choices of ${parameter.id} (${parameter.choices.join(', ')}): fix the value${didYouMean(literal.value, parameter.choices)}`,
      literal.offset,
    );
  }
}

function declared(
  identifier: IdentifierNode,
  parameters: ReadonlyMap<string, Parameter>,
  report: Reporter,
): Parameter | undefined {
  const parameter = parameters.get(identifier.name);
  if (parameter === undefined) {
    const hint = parameters.size === 0 ? '' : didYouMean(identifier.name, [...parameters.keys()]);
    report(
      `"${identifier.name}" is not a declared parameter: declare it under parameters, or fix the name${hint}`,
      identifier.offset,
    );
  }
  return parameter;
}

function valueType(parameter: Parameter): 'number' | 'string' | 'boolean' {
  return parameter.type === 'number'
    ? 'number'
    : parameter.type === 'boolean'
      ? 'boolean'
      : 'string';
}

function describeType(type: 'number' | 'string' | 'boolean'): string {
  return type === 'number'
    ? 'a number'
    : type === 'boolean'
      ? 'true or false'
      : '"text" in double quotes';
}

function example(parameter: Parameter): string {
  switch (parameter.type) {
    case 'number':
      return `${parameter.id} >= 20`;
    case 'boolean':
      return `${parameter.id} == true`;
    default:
      return `${parameter.id} == "${parameter.choices?.[0] ?? 'DE'}"`;
  }
}
