// Threshold expressions: a number item's or a count item's `min` / `max` worked out from the run's
// number parameters, e.g.
//   seats        ceil(seats / 20)        max(2, ceil(seats / 50))        seats * 0.9 + 1
// A tokenizer and a recursive-descent parser build a plain syntax tree; nothing is ever eval'd.
// Grammar (lowest precedence first):
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary)*
//   unary   := "-" unary | primary
//   primary := number | parameter | function "(" sum ("," sum)* ")" | "(" sum ")"
// Functions: ceil, floor, round (one argument), min, max (two or more).
// Bounded: at most LIMITS.thresholdExpressionLength characters and MAX_THRESHOLD_DEPTH nested
// parentheses, calls or minus signs, so no input can exhaust the stack.
import { LIMITS } from './schema';

export const THRESHOLD_FUNCTIONS = ['ceil', 'floor', 'round', 'min', 'max'] as const;
export type ThresholdFunction = (typeof THRESHOLD_FUNCTIONS)[number];
export type ArithmeticOperator = '+' | '-' | '*' | '/';

export const MAX_THRESHOLD_DEPTH = 32;
/** min(...) and max(...) take at most this many arguments. */
export const MAX_FUNCTION_ARGUMENTS = 20;

/** The syntax tree. `offset` is the node's position in the source string, for error messages. */
export type ThresholdNode =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'parameter'; name: string; offset: number }
  | { kind: 'negate'; operand: ThresholdNode; offset: number }
  | {
      kind: 'binary';
      operator: ArithmeticOperator;
      left: ThresholdNode;
      right: ThresholdNode;
      offset: number;
    }
  | { kind: 'call'; name: ThresholdFunction; args: ThresholdNode[]; offset: number };

export interface ThresholdSyntaxError {
  message: string;
  /** 0-based position in the source string. */
  offset: number;
}

export type ParseThresholdResult =
  { ok: true; expression: ThresholdNode } | { ok: false; error: ThresholdSyntaxError };

type Token =
  | { kind: 'number'; value: number; offset: number; text: string }
  | { kind: 'name'; name: string; offset: number; text: string }
  | { kind: 'symbol'; symbol: ArithmeticOperator | '(' | ')' | ','; offset: number; text: string }
  | { kind: 'end'; offset: number; text: string };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_.])/y;
const SYMBOLS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '(', ')', ',']);

/** Hints for what people bring from spreadsheets and other languages. */
const FOREIGN_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['^', 'there are no powers: multiply instead, e.g. seats * seats'],
  ['%', 'there is no remainder or percent sign: write seats * 0.1 for 10 %'],
  ['"', 'parameter names are written without quotes, e.g. seats / 20'],
  ["'", 'parameter names are written without quotes, e.g. seats / 20'],
  ['=', 'a threshold is a figure, not a condition: conditions belong in `when`'],
  ['<', 'a threshold is a figure, not a condition: conditions belong in `when`'],
  ['>', 'a threshold is a figure, not a condition: conditions belong in `when`'],
  ['!', 'a threshold is a figure, not a condition: conditions belong in `when`'],
  ['&', 'a threshold is a figure, not a condition: conditions belong in `when`'],
  ['|', 'a threshold is a figure, not a condition: conditions belong in `when`'],
]);

class ThresholdParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseThreshold(source: string): ParseThresholdResult {
  if (typeof source !== 'string') {
    return { ok: false, error: { message: 'an expression must be text', offset: 0 } };
  }
  if (source.length > LIMITS.thresholdExpressionLength) {
    return {
      ok: false,
      error: {
        message: `the expression is ${source.length} characters long; keep it under ${LIMITS.thresholdExpressionLength + 1}`,
        offset: LIMITS.thresholdExpressionLength,
      },
    };
  }
  try {
    const parser = new Parser(tokenize(source));
    return { ok: true, expression: parser.parseWhole() };
  } catch (error) {
    if (error instanceof ThresholdParseError) {
      return { ok: false, error: { message: error.message, offset: error.offset } };
    }
    return {
      ok: false,
      error: { message: 'the expression could not be read; simplify it', offset: 0 },
    };
  }
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    const character = source[offset] ?? '';
    if (character === ' ' || character === '\t') {
      offset += 1;
      continue;
    }
    if (SYMBOLS.has(character)) {
      tokens.push({
        kind: 'symbol',
        symbol: character as ArithmeticOperator | '(' | ')' | ',',
        offset,
        text: character,
      });
      offset += 1;
      continue;
    }
    const hint = FOREIGN_SYMBOLS.get(character);
    if (hint !== undefined)
      throw new ThresholdParseError(`unexpected "${character}": ${hint}`, offset);
    NUMBER.lastIndex = offset;
    const number = NUMBER.exec(source);
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]), offset, text: number[0] });
      offset += number[0].length;
      continue;
    }
    if (/[0-9.]/.test(character)) {
      throw new ThresholdParseError('malformed number: write numbers like 20 or 0.5', offset);
    }
    NAME.lastIndex = offset;
    const name = NAME.exec(source);
    if (name !== null) {
      tokens.push({ kind: 'name', name: name[0], offset, text: name[0] });
      offset += name[0].length;
      continue;
    }
    throw new ThresholdParseError(
      `unexpected character "${character}": use numbers, number parameters, + - * /, parentheses and ${THRESHOLD_FUNCTIONS.join(', ')}`,
      offset,
    );
  }
  tokens.push({ kind: 'end', offset: source.length, text: '' });
  return tokens;
}

const EXAMPLE = 'e.g. ceil(seats / 20)';

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseWhole(): ThresholdNode {
    if (this.peek().kind === 'end')
      this.fail(`the expression is empty: write a figure, ${EXAMPLE}`);
    const expression = this.parseSum(0);
    const next = this.peek();
    if (next.kind !== 'end') {
      this.fail(
        this.isSymbol(')')
          ? 'unexpected ")": it has no matching "("'
          : `unexpected ${describe(next)}: join figures with + - * /`,
      );
    }
    return expression;
  }

  private parseSum(depth: number): ThresholdNode {
    let left = this.parseProduct(depth);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'symbol' || (token.symbol !== '+' && token.symbol !== '-')) return left;
      this.position += 1;
      const right = this.parseProduct(depth);
      left = { kind: 'binary', operator: token.symbol, left, right, offset: token.offset };
    }
  }

  private parseProduct(depth: number): ThresholdNode {
    let left = this.parseUnary(depth);
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'symbol' || (token.symbol !== '*' && token.symbol !== '/')) return left;
      this.position += 1;
      const right = this.parseUnary(depth);
      left = { kind: 'binary', operator: token.symbol, left, right, offset: token.offset };
    }
  }

  private parseUnary(depth: number): ThresholdNode {
    const token = this.peek();
    if (token.kind === 'symbol' && token.symbol === '-') {
      this.enter(depth);
      this.position += 1;
      return { kind: 'negate', operand: this.parseUnary(depth + 1), offset: token.offset };
    }
    return this.parsePrimary(depth);
  }

  private parsePrimary(depth: number): ThresholdNode {
    const token = this.peek();
    if (token.kind === 'number') {
      this.position += 1;
      return { kind: 'number', value: token.value, offset: token.offset };
    }
    if (token.kind === 'symbol' && token.symbol === '(') {
      this.enter(depth);
      this.position += 1;
      if (this.isSymbol(')')) this.fail(`empty parentheses: put a figure inside, ${EXAMPLE}`);
      const inner = this.parseSum(depth + 1);
      this.expectClosing(token.offset);
      return inner;
    }
    if (token.kind === 'name') {
      this.position += 1;
      if (!this.isSymbol('(')) return { kind: 'parameter', name: token.name, offset: token.offset };
      return this.parseCall(token, depth);
    }
    return this.fail(`expected a number, a parameter or a function, found ${describe(token)}`);
  }

  private parseCall(name: Token & { kind: 'name' }, depth: number): ThresholdNode {
    const fn = THRESHOLD_FUNCTIONS.find((candidate) => candidate === name.name);
    if (fn === undefined) {
      this.fail(
        `unknown function "${name.name}": use ${THRESHOLD_FUNCTIONS.join(', ')}`,
        name.offset,
      );
    }
    this.enter(depth);
    const open = this.peek();
    this.position += 1;
    if (this.isSymbol(')')) this.fail(`${fn}() needs a figure inside, e.g. ${fn}(seats / 20)`);
    const args = [this.parseSum(depth + 1)];
    while (this.isSymbol(',')) {
      this.position += 1;
      args.push(this.parseSum(depth + 1));
      if (args.length > MAX_FUNCTION_ARGUMENTS) {
        this.fail(`${fn} takes at most ${MAX_FUNCTION_ARGUMENTS} figures`);
      }
    }
    this.expectClosing(open.offset);
    const isSingle = fn === 'ceil' || fn === 'floor' || fn === 'round';
    if (isSingle && args.length !== 1) {
      this.fail(`${fn} takes one figure, e.g. ${fn}(seats / 20)`, name.offset);
    }
    if (!isSingle && args.length < 2) {
      this.fail(`${fn} compares two or more figures, e.g. ${fn}(2, seats / 50)`, name.offset);
    }
    return { kind: 'call', name: fn, args, offset: name.offset };
  }

  private expectClosing(openOffset: number): void {
    if (!this.isSymbol(')')) {
      this.fail(
        `expected ")" to close the "(" at position ${openOffset + 1}, found ${describe(this.peek())}`,
      );
    }
    this.position += 1;
  }

  private enter(depth: number): void {
    if (depth >= MAX_THRESHOLD_DEPTH) {
      this.fail(`nested too deeply (more than ${MAX_THRESHOLD_DEPTH} levels): simplify it`);
    }
  }

  private peek(): Token {
    return this.tokens[Math.min(this.position, this.tokens.length - 1)] as Token;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.symbol === symbol;
  }

  private fail(message: string, offset = this.peek().offset): never {
    throw new ThresholdParseError(message, offset);
  }
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `"${token.text}"`;
}
