// The `when` language: parsing, errors with offsets, evaluation rules and limits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateExpression,
  expressionIdentifiers,
  LIMITS,
  MAX_EXPRESSION_DEPTH,
  parseExpression,
  type Expression,
  type ParameterValues,
} from '../../../../core/definitions';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

function parse(source: string): Expression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message} at ${result.error.offset}`);
  return result.expression;
}

function evaluate(source: string, values: ParameterValues): boolean {
  return evaluateExpression(parse(source), values);
}

function parseError(source: string): { message: string; offset: number } {
  const result = parseExpression(source);
  if (result.ok) throw new Error(`${source} should not parse`);
  return result.error;
}

describe('parseExpression', () => {
  it('builds a plain syntax tree with offsets', () => {
    expect(parse('seats >= 20')).toEqual({
      kind: 'compare',
      operator: '>=',
      left: { kind: 'identifier', name: 'seats', offset: 0 },
      right: { kind: 'literal', value: 20, offset: 9 },
    });
    expect(parse('country in ["DE", "AT"]')).toEqual({
      kind: 'in',
      identifier: { kind: 'identifier', name: 'country', offset: 0 },
      values: [
        { kind: 'literal', value: 'DE', offset: 12 },
        { kind: 'literal', value: 'AT', offset: 18 },
      ],
    });
  });

  it('gives "and" precedence over "or", and "not" over "and"', () => {
    const tree = parse('a or b and not c');
    expect(tree).toMatchObject({
      kind: 'or',
      operands: [
        { kind: 'identifier', name: 'a' },
        { kind: 'and', operands: [{ name: 'b' }, { kind: 'not', operand: { name: 'c' } }] },
      ],
    });
  });

  it('keeps chains of and/or flat', () => {
    const tree = parse('a and b and c and d');
    expect(tree.kind).toBe('and');
    expect(tree.kind === 'and' && tree.operands).toHaveLength(4);
  });

  it.each([
    ['seats == 20', 20],
    ['seats == -3', -3],
    ['seats == 2.5', 2.5],
    ['name == "say \\"hi\\""', 'say "hi"'],
    ['name == "back\\\\slash"', 'back\\slash'],
    ['flag == true', true],
    ['flag == false', false],
  ])('reads the literal in %s', (source, value) => {
    const tree = parse(source);
    expect(tree.kind === 'compare' && tree.right).toMatchObject({ kind: 'literal', value });
  });

  it.each([
    'hasServerRoom',
    'not hasServerRoom',
    'true',
    '(seats > 1)',
    '((a))',
    'a != b',
    '1 < seats',
    'x in [1]',
    'x in [1, "a", true]',
  ])('accepts %s', (source) => {
    expect(parseExpression(source).ok).toBe(true);
  });

  it.each([
    ['', 0, /empty/],
    ['   ', 3, /empty/],
    ['seats >=', 8, /expected a parameter or a value, found the end/],
    ['seats >= 20 seats', 12, /join conditions with "and" or "or"/],
    ['(seats > 1', 10, /expected "\)" to close the "\(" at position 1/],
    ['seats > 1)', 9, /no matching "\("/],
    ['()', 1, /empty parentheses/],
    ['seats = 20', 6, /write "==" to compare/],
    ['a && b', 2, /write "and" instead of "&&"/],
    ['a || b', 2, /write "or" instead of "\|\|"/],
    ['!a', 0, /write "not" instead of "!"/],
    ["country == 'DE'", 11, /double quotes/],
    ['country == "DE', 11, /unterminated text/],
    ['name == "a\\nb"', 10, /unknown escape/],
    ['1 < seats < 10', 10, /cannot be chained/],
    ['20', 0, /a value alone is not a condition/],
    ['"DE"', 0, /a value alone is not a condition/],
    ['1 in [1]', 2, /"in" needs a parameter on its left/],
    ['country in "DE"', 11, /expected "\[" after "in"/],
    ['country in []', 12, /empty/],
    ['country in [other]', 12, /must be values/],
    ['country in ["DE" "AT"]', 17, /expected "," or "\]"/],
    ['seats >= 2.', 9, /malformed number/],
    ['seats >= 20abc', 9, /malformed number/],
    ['seats ≥ 20', 6, /unexpected character "≥"/],
    ['and', 0, /expected a parameter or a value, found "and"/],
    ['not', 3, /found the end/],
  ])('rejects %j at offset %i', (source, offset, message) => {
    const error = parseError(source);
    expect(error.message).toMatch(message);
    expect(error.offset).toBe(offset);
  });

  it('bounds the length', () => {
    const long = `a == 1${' or a == 1'.repeat(60)}`;
    expect(long.length).toBeGreaterThan(LIMITS.expressionLength);
    expect(parseError(long)).toEqual({
      message: expect.stringMatching(/characters long/),
      offset: LIMITS.expressionLength,
    });
  });

  it('bounds the nesting depth of parentheses and "not"', () => {
    const ok = `${'('.repeat(MAX_EXPRESSION_DEPTH)}a${')'.repeat(MAX_EXPRESSION_DEPTH)}`;
    expect(parseExpression(ok).ok).toBe(true);
    expect(
      parseError(`${'('.repeat(MAX_EXPRESSION_DEPTH + 1)}a${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`)
        .message,
    ).toMatch(/nested too deeply/);
    expect(parseError(`${'not '.repeat(MAX_EXPRESSION_DEPTH + 1)}a`).message).toMatch(
      /nested too deeply/,
    );
  });

  it('treats text as data, never as code', () => {
    expect(parseError('process.exit(1)').message).toMatch(/unexpected character "\."/);
    expect(parse('constructor == "x"')).toMatchObject({ kind: 'compare' });
  });

  it('never throws, for any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (source) => {
        const result = parseExpression(source);
        if (!result.ok) {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(source.length);
        }
      }),
      { numRuns },
    );
  });

  it('never throws on strings made of its own tokens, and evaluates without throwing', () => {
    const token = fc.constantFrom(
      'seats',
      'country',
      'flag',
      'and',
      'or',
      'not',
      'in',
      '(',
      ')',
      '[',
      ']',
      ',',
      '==',
      '!=',
      '<',
      '>=',
      '1',
      '"DE"',
      'true',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }),
        fc.dictionary(
          fc.constantFrom('seats', 'country', 'flag'),
          fc.oneof(fc.integer(), fc.string(), fc.boolean()),
        ),
        (tokens, values) => {
          const result = parseExpression(tokens.join(' '));
          if (result.ok) {
            expect(typeof evaluateExpression(result.expression, values)).toBe('boolean');
          }
        },
      ),
      { numRuns },
    );
  });
});

describe('evaluateExpression', () => {
  const values: ParameterValues = {
    seats: 25,
    country: 'DE',
    hasServerRoom: true,
    hasGuestWifi: false,
  };

  it.each([
    ['seats >= 20', true],
    ['seats > 25', false],
    ['seats <= 25', true],
    ['seats < 25', false],
    ['seats == 25', true],
    ['seats != 25', false],
    ['20 < seats', true],
    ['country == "DE"', true],
    ['country != "AT"', true],
    ['country in ["AT", "DE"]', true],
    ['country in ["AT", "CH"]', false],
    ['hasServerRoom', true],
    ['hasGuestWifi', false],
    ['not hasGuestWifi', true],
    ['hasServerRoom and seats > 100', false],
    ['hasGuestWifi or seats > 20', true],
    ['not (hasGuestWifi or seats > 20)', false],
    ['true', true],
    ['false', false],
    ['seats == seats', true],
  ])('%s is %s', (source, expected) => {
    expect(evaluate(source, values)).toBe(expected);
  });

  it('makes every comparison on a missing parameter false, != included', () => {
    for (const source of [
      'missing == 1',
      'missing != 1',
      'missing < 1',
      'missing >= 1',
      'missing in [1, 2]',
      'missing',
    ]) {
      expect(evaluate(source, {})).toBe(false);
    }
    expect(evaluate('not missing', {})).toBe(true);
  });

  it('makes a type mismatch false', () => {
    expect(evaluate('seats == "25"', values)).toBe(false);
    expect(evaluate('seats != "25"', values)).toBe(false);
    expect(evaluate('seats in ["25"]', values)).toBe(false);
    expect(evaluate('country > "A"', values)).toBe(false);
    expect(evaluate('hasServerRoom == 1', values)).toBe(false);
    expect(evaluate('seats', values)).toBe(false);
  });

  it('looks up own properties only', () => {
    expect(evaluate('constructor == constructor', {})).toBe(false);
    expect(evaluate('toString', {})).toBe(false);
    expect(evaluate('constructor == "x"', { constructor: 'x' })).toBe(true);
  });

  it('never throws, even for malformed trees or values', () => {
    const malformed = [
      { kind: 'bogus' },
      { kind: 'and', operands: null },
      null,
      { kind: 'compare', operator: '<', left: null, right: null },
    ];
    for (const tree of malformed) {
      expect(evaluateExpression(tree as unknown as Expression, values)).toBe(false);
    }
    expect(evaluateExpression(parse('seats > 1'), null as unknown as ParameterValues)).toBe(false);
    expect(
      evaluateExpression(parse('seats > 1'), { seats: {} } as unknown as ParameterValues),
    ).toBe(false);
  });
});

describe('expressionIdentifiers', () => {
  it('lists each parameter once, in order of appearance', () => {
    expect(
      expressionIdentifiers(
        parse('seats > 1 and (country in ["DE"] or not flag) and seats < limit'),
      ),
    ).toEqual(['seats', 'country', 'flag', 'limit']);
    expect(expressionIdentifiers(parse('true'))).toEqual([]);
  });
});
