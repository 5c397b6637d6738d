// The `when` language: conditions on a run's parameters that decide whether an item is shown, e.g.
//   seats >= 20 and country in ["DE", "AT"]
//   not hasDaas or (isps > 1 and uplinkMbit >= 500)
// A tokenizer and a recursive-descent parser build a plain syntax tree; nothing is ever eval'd.
// Grammar (lowest precedence first):
//   expression := and ("or" and)*
//   and        := unary ("and" unary)*
//   unary      := "not" unary | primary
//   primary    := "(" expression ")" | operand [comparison operand] | identifier "in" "[" literal ("," literal)* "]"
//   operand    := identifier | number | "text" | true | false
// A standalone operand must be a parameter (true when it is the boolean true) or true/false.
// Bounded: at most LIMITS.expressionLength characters and MAX_EXPRESSION_DEPTH nested `(` or `not`.
import type {
  ComparisonOperator,
  Expression,
  IdentifierNode,
  LiteralNode,
  Operand,
} from './expression-ast';
import { tokenize, type Token } from './expression-tokenizer';
import { LIMITS } from './schema';

export type {
  Expression,
  Literal,
  ComparisonOperator,
  Operand,
  IdentifierNode,
  LiteralNode,
} from './expression-ast';
export { evaluateExpression, expressionIdentifiers } from './expression-evaluate';

export const MAX_EXPRESSION_DEPTH = 32;

export interface ExpressionError {
  message: string;
  /** 0-based position in the source string. */
  offset: number;
}

export type ParseExpressionResult =
  { ok: true; expression: Expression } | { ok: false; error: ExpressionError };

export function parseExpression(source: string): ParseExpressionResult {
  if (typeof source !== 'string') {
    return { ok: false, error: { message: 'an expression must be text', offset: 0 } };
  }
  if (source.length > LIMITS.expressionLength) {
    return {
      ok: false,
      error: {
        message: `expression is ${source.length} characters long; keep it under ${LIMITS.expressionLength + 1}, or split the item`,
        offset: LIMITS.expressionLength,
      },
    };
  }
  const tokenized = tokenize(source);
  if (!tokenized.ok) return tokenized;
  try {
    const parser = new Parser(tokenized.tokens);
    return { ok: true, expression: parser.parseWhole() };
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      return { ok: false, error: { message: error.message, offset: error.offset } };
    }
    return {
      ok: false,
      error: { message: 'the expression could not be read; simplify it', offset: 0 },
    };
  }
}

class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const COMPARISON_HINT = 'e.g. seats >= 20, country == "DE" or hasDaas';

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseWhole(): Expression {
    if (this.peek().kind === 'end') {
      this.fail(`the expression is empty: write a condition, ${COMPARISON_HINT}`);
    }
    const expression = this.parseOr(0);
    const next = this.peek();
    if (next.kind !== 'end') {
      this.fail(
        next.kind === 'punctuation' && next.symbol === ')'
          ? 'unexpected ")": it has no matching "("'
          : `unexpected ${describe(next)}: join conditions with "and" or "or"`,
      );
    }
    return expression;
  }

  private parseOr(depth: number): Expression {
    const operands = [this.parseAnd(depth)];
    while (this.isKeyword('or')) {
      this.position += 1;
      operands.push(this.parseAnd(depth));
    }
    return operands.length === 1 ? (operands[0] as Expression) : { kind: 'or', operands };
  }

  private parseAnd(depth: number): Expression {
    const operands = [this.parseUnary(depth)];
    while (this.isKeyword('and')) {
      this.position += 1;
      operands.push(this.parseUnary(depth));
    }
    return operands.length === 1 ? (operands[0] as Expression) : { kind: 'and', operands };
  }

  private parseUnary(depth: number): Expression {
    if (!this.isKeyword('not')) return this.parsePrimary(depth);
    this.enter(depth);
    this.position += 1;
    return { kind: 'not', operand: this.parseUnary(depth + 1) };
  }

  private parsePrimary(depth: number): Expression {
    const token = this.peek();
    if (token.kind === 'punctuation' && token.symbol === '(') {
      this.enter(depth);
      this.position += 1;
      if (this.isPunctuation(')')) {
        this.fail(`empty parentheses: put a condition inside, ${COMPARISON_HINT}`);
      }
      const inner = this.parseOr(depth + 1);
      if (!this.isPunctuation(')')) {
        this.fail(
          `expected ")" to close the "(" at position ${token.offset + 1}, found ${describe(this.peek())}`,
        );
      }
      this.position += 1;
      return inner;
    }
    const left = this.parseOperand();
    const next = this.peek();
    if (next.kind === 'keyword' && next.keyword === 'in') return this.parseIn(left);
    if (next.kind !== 'operator') return this.standalone(left);
    this.position += 1;
    const right = this.parseOperand();
    const after = this.peek();
    if (after.kind === 'operator') {
      this.fail(`comparisons cannot be chained: write "a < b and b < c"`, after.offset);
    }
    return { kind: 'compare', operator: next.operator as ComparisonOperator, left, right };
  }

  private parseIn(left: Operand): Expression {
    if (left.kind !== 'identifier') {
      this.fail('"in" needs a parameter on its left, e.g. country in ["DE", "AT"]');
    }
    this.position += 1;
    if (!this.isPunctuation('[')) {
      this.fail(`expected "[" after "in", e.g. country in ["DE", "AT"]`);
    }
    this.position += 1;
    if (this.isPunctuation(']')) this.fail('the list after "in" is empty: add at least one value');
    const values: LiteralNode[] = [];
    for (;;) {
      const value = this.parseOperand();
      if (value.kind !== 'literal') {
        this.fail(
          `list entries must be values (numbers, "text", true or false), not the parameter ${value.name}`,
          value.offset,
        );
      }
      values.push(value);
      if (this.isPunctuation(',')) {
        this.position += 1;
        continue;
      }
      if (this.isPunctuation(']')) break;
      this.fail(`expected "," or "]" in the list, found ${describe(this.peek())}`);
    }
    this.position += 1;
    return { kind: 'in', identifier: left as IdentifierNode, values };
  }

  private standalone(operand: Operand): Expression {
    if (operand.kind === 'identifier' || typeof operand.value === 'boolean') return operand;
    return this.fail(
      `a value alone is not a condition: compare it with a parameter, ${COMPARISON_HINT}`,
      operand.offset,
    );
  }

  private parseOperand(): Operand {
    const token = this.peek();
    switch (token.kind) {
      case 'identifier':
        this.position += 1;
        return { kind: 'identifier', name: token.name, offset: token.offset };
      case 'number':
      case 'string':
        this.position += 1;
        return { kind: 'literal', value: token.value, offset: token.offset };
      case 'keyword':
        if (token.keyword === 'true' || token.keyword === 'false') {
          this.position += 1;
          return { kind: 'literal', value: token.keyword === 'true', offset: token.offset };
        }
        break;
      default:
        break;
    }
    return this.fail(`expected a parameter or a value, found ${describe(token)}`);
  }

  private enter(depth: number): void {
    if (depth >= MAX_EXPRESSION_DEPTH) {
      this.fail(
        `nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels of "(" or "not"): simplify the expression`,
      );
    }
  }

  private peek(): Token {
    return this.tokens[Math.min(this.position, this.tokens.length - 1)] as Token;
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.keyword === keyword;
  }

  private isPunctuation(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.symbol === symbol;
  }

  private fail(message: string, offset = this.peek().offset): never {
    throw new ExpressionSyntaxError(message, offset);
  }
}

function describe(token: Token): string {
  if (token.kind === 'end') return 'the end of the expression';
  if (token.kind === 'keyword') return `"${token.keyword}"`;
  return `"${token.text}"`;
}
