// Works out a parsed threshold expression for a run's parameter values, lists the parameters it
// names and prints it in one canonical form (for diffs: "seats/20" and "(seats / 20)" are the same
// threshold). Total by design: a missing or non-number parameter, a division by zero or a result
// that is not a finite number is returned as a problem, never thrown and never NaN/Infinity.
import type { ParameterValues } from './schema';
import type { ThresholdNode } from './threshold-expression';

export type ThresholdProblem =
  /** The run has no number value for this parameter. */
  | { kind: 'missing-parameter'; name: string }
  /** `offset` is where the "/" is in the source. */
  | { kind: 'division-by-zero'; offset: number }
  /** The result overflowed. */
  | { kind: 'not-finite' };

export type ThresholdValue = { ok: true; value: number } | { ok: false; problem: ThresholdProblem };

class Problem extends Error {
  constructor(readonly problem: ThresholdProblem) {
    super(problem.kind);
  }
}

export function evaluateThreshold(
  expression: ThresholdNode,
  parameters: ParameterValues,
): ThresholdValue {
  try {
    const value = evaluate(expression, parameters);
    return Number.isFinite(value)
      ? { ok: true, value: value === 0 ? 0 : value }
      : { ok: false, problem: { kind: 'not-finite' } };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem };
    return { ok: false, problem: { kind: 'not-finite' } };
  }
}

function evaluate(node: ThresholdNode, parameters: ParameterValues): number {
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'parameter': {
      const value: unknown =
        parameters !== null &&
        typeof parameters === 'object' &&
        Object.hasOwn(parameters, node.name)
          ? parameters[node.name]
          : undefined;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new Problem({ kind: 'missing-parameter', name: node.name });
      }
      return value;
    }
    case 'negate':
      return -evaluate(node.operand, parameters);
    case 'binary': {
      const left = evaluate(node.left, parameters);
      const right = evaluate(node.right, parameters);
      switch (node.operator) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          if (right === 0) throw new Problem({ kind: 'division-by-zero', offset: node.offset });
          return left / right;
      }
      break;
    }
    case 'call': {
      const args = node.args.map((arg) => evaluate(arg, parameters));
      switch (node.name) {
        case 'ceil':
          return Math.ceil(args[0] as number);
        case 'floor':
          return Math.floor(args[0] as number);
        case 'round':
          // Halves round up (2.5 -> 3, -2.5 -> -2), as Math.round does.
          return Math.round(args[0] as number);
        case 'min':
          return Math.min(...args);
        case 'max':
          return Math.max(...args);
      }
    }
  }
  return Number.NaN;
}

/** The parameter names an expression uses, each once, in order of first appearance. */
export function thresholdParameters(expression: ThresholdNode): { name: string; offset: number }[] {
  const found = new Map<string, number>();
  const visit = (node: ThresholdNode): void => {
    switch (node.kind) {
      case 'parameter':
        if (!found.has(node.name)) found.set(node.name, node.offset);
        return;
      case 'negate':
        visit(node.operand);
        return;
      case 'binary':
        visit(node.left);
        visit(node.right);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(expression);
  return [...found].map(([name, offset]) => ({ name, offset }));
}

/** Binding strength: sums < products < minus sign < numbers, names and calls. */
function precedence(node: ThresholdNode): number {
  if (node.kind === 'binary') return node.operator === '+' || node.operator === '-' ? 1 : 2;
  return node.kind === 'negate' ? 3 : 4;
}

/** One spelling per expression tree: single spaces around operators, only needed parentheses. */
export function formatThreshold(node: ThresholdNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'parameter':
      return node.name;
    case 'negate': {
      const inner = formatThreshold(node.operand);
      return precedence(node.operand) < 3 ? `-(${inner})` : `-${inner}`;
    }
    case 'binary': {
      const own = precedence(node);
      const left = formatThreshold(node.left);
      const right = formatThreshold(node.right);
      // Left-associative: a right operand of the same strength keeps its parentheses.
      const leftText = precedence(node.left) < own ? `(${left})` : left;
      const rightText = precedence(node.right) <= own ? `(${right})` : right;
      return `${leftText} ${node.operator} ${rightText}`;
    }
    case 'call':
      return `${node.name}(${node.args.map(formatThreshold).join(', ')})`;
  }
}
