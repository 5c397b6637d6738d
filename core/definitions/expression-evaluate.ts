// Evaluates a parsed `when` expression against a run's parameter values. Total by design: a missing
// parameter makes every comparison on it false (`!=` included), a type mismatch is false, ordering
// (< <= > >=) applies to numbers only, and malformed input yields false instead of throwing.
import type { Expression, Literal, Operand } from './expression-ast';
import type { ParameterValues } from './schema';

export function evaluateExpression(expression: Expression, values: ParameterValues): boolean {
  try {
    return evaluate(expression, values);
  } catch {
    return false;
  }
}

/** The parameter ids an expression names, each once, in order of first appearance. */
export function expressionIdentifiers(expression: Expression): string[] {
  const names = new Set<string>();
  const pending: Expression[] = [expression];
  while (pending.length > 0) {
    const node = pending.pop() as Expression;
    switch (node.kind) {
      case 'or':
      case 'and':
        pending.push(...[...node.operands].reverse());
        break;
      case 'not':
        pending.push(node.operand);
        break;
      case 'compare':
        for (const operand of [node.left, node.right]) {
          if (operand.kind === 'identifier') names.add(operand.name);
        }
        break;
      case 'in':
        names.add(node.identifier.name);
        break;
      case 'identifier':
        names.add(node.name);
        break;
      default:
        break;
    }
  }
  return [...names];
}

function evaluate(node: Expression, values: ParameterValues): boolean {
  switch (node.kind) {
    case 'or':
      return node.operands.some((operand) => evaluate(operand, values));
    case 'and':
      return node.operands.every((operand) => evaluate(operand, values));
    case 'not':
      return !evaluate(node.operand, values);
    case 'identifier':
      return lookUp(values, node.name) === true;
    case 'literal':
      return node.value === true;
    case 'in': {
      const value = lookUp(values, node.identifier.name);
      return value !== undefined && node.values.some((literal) => literal.value === value);
    }
    case 'compare':
      return compare(node.operator, resolve(node.left, values), resolve(node.right, values));
    default:
      return false;
  }
}

function compare(operator: string, left: Literal | undefined, right: Literal | undefined): boolean {
  if (left === undefined || right === undefined || typeof left !== typeof right) return false;
  switch (operator) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    default:
      break;
  }
  if (typeof left !== 'number' || typeof right !== 'number') return false;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    default:
      return false;
  }
}

function resolve(operand: Operand, values: ParameterValues): Literal | undefined {
  return operand.kind === 'identifier' ? lookUp(values, operand.name) : operand.value;
}

/** Own properties only, so names like "constructor" never reach Object.prototype. */
function lookUp(values: ParameterValues, name: string): Literal | undefined {
  if (values === null || typeof values !== 'object' || !Object.hasOwn(values, name)) {
    return undefined;
  }
  const value: unknown = values[name];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : undefined;
}
