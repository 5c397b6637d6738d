// Thresholds that follow the run: `min` / `max` as an expression over number parameters or as
// another number item's answer. One golden case per rule: the language (parse, evaluate, canonical
// spelling), the validator's problems with line:column, the file-name rule, the diff and migration.
import { describe, expect, it } from 'vitest';
import {
  diffDefinitions,
  evaluateThreshold,
  formatThreshold,
  LIMITS,
  migrateAnswers,
  parseThreshold,
  thresholdForParameters,
  validateDefinitionText,
  type Problem,
  type ThresholdNode,
} from '../../../../core/definitions';
import { parseValid, positionOf, replaceOnce, VALID_PATH, VALID_YAML } from './fixtures';

function parsed(source: string): ThresholdNode {
  const result = parseThreshold(source);
  if (!result.ok) throw new Error(`${source}: ${result.error.message}`);
  return result.expression;
}

function problemsOf(text: string, path = VALID_PATH): Problem[] {
  const result = validateDefinitionText(text, path);
  if (result.ok) throw new Error('expected problems, the definition is valid');
  return result.problems;
}

/** VALID_YAML with isp-lines' `min: 2` replaced. */
const withCountMin = (min: string): string => replaceOnce(VALID_YAML, 'min: 2\n', `min: ${min}\n`);

/** Exactly one problem, at `needle` + offset, with a message matching. */
function expectOneProblem(text: string, needle: string, message: RegExp, offset = 0): void {
  expect(problemsOf(text)).toEqual([
    {
      path: VALID_PATH,
      ...positionOf(text, needle, offset),
      message: expect.stringMatching(message),
    },
  ]);
}

/** VALID_YAML plus a number item "restore" with the given extra lines, in the first section. */
function withRestoreItem(lines: string): string {
  return replaceOnce(
    VALID_YAML,
    '      - id: failover-test\n',
    `      - id: restore\n        title: Restore timed\n        type: number\n        unit: Mbit/s\n${lines}      - id: failover-test\n`,
  );
}

describe('threshold expressions: the language', () => {
  it.each([
    ['seats', { seats: 120 }, 120],
    ['ceil(seats / 20)', { seats: 101 }, 6],
    ['max(2, ceil(seats / 50))', { seats: 40 }, 2],
    ['max(2, ceil(seats / 50))', { seats: 240 }, 5],
    ['min(seats, 10) * 2 + 1', { seats: 3 }, 7],
    ['seats - 10 - 5', { seats: 20 }, 5],
    ['seats - (10 - 5)', { seats: 20 }, 15],
    ['-seats + 30', { seats: 20 }, 10],
    ['floor(seats / 3)', { seats: 10 }, 3],
    ['round(seats / 4)', { seats: 10 }, 3],
    ['seats * 0.9', { seats: 10 }, 9],
  ])('%s with %j is %d', (source, parameters, value) => {
    expect(evaluateThreshold(parsed(source), parameters)).toEqual({ ok: true, value });
  });

  it('prints one canonical spelling, keeping only the parentheses that matter', () => {
    expect(formatThreshold(parsed('ceil( seats/20 )'))).toBe('ceil(seats / 20)');
    expect(formatThreshold(parsed('((seats)) * (2)'))).toBe('seats * 2');
    expect(formatThreshold(parsed('(seats + 1) * 2'))).toBe('(seats + 1) * 2');
    expect(formatThreshold(parsed('seats - (10 - 5)'))).toBe('seats - (10 - 5)');
    expect(formatThreshold(parsed('-(seats + 1)'))).toBe('-(seats + 1)');
    expect(formatThreshold(parsed('max(2,seats/50)'))).toBe('max(2, seats / 50)');
  });

  it('never throws at run time: division by zero, a missing parameter and overflow are problems', () => {
    expect(evaluateThreshold(parsed('seats / rooms'), { seats: 10, rooms: 0 })).toEqual({
      ok: false,
      problem: { kind: 'division-by-zero', offset: 6 },
    });
    expect(evaluateThreshold(parsed('ceil(seats / 20)'), {})).toEqual({
      ok: false,
      problem: { kind: 'missing-parameter', name: 'seats' },
    });
    expect(evaluateThreshold(parsed('seats'), { seats: 'many' })).toEqual({
      ok: false,
      problem: { kind: 'missing-parameter', name: 'seats' },
    });
    expect(evaluateThreshold(parsed('seats * 10'), { seats: 1e308 })).toEqual({
      ok: false,
      problem: { kind: 'not-finite' },
    });
    expect(evaluateThreshold(parsed('constructor'), {})).toEqual({
      ok: false,
      problem: { kind: 'missing-parameter', name: 'constructor' },
    });
  });

  it("rounds a count's result up, and leaves a number item's as it is", () => {
    expect(thresholdForParameters('seats / 20', { seats: 101 }, true)).toEqual({
      ok: true,
      value: 6,
    });
    expect(thresholdForParameters('seats / 20', { seats: 101 }, false)).toEqual({
      ok: true,
      value: 5.05,
    });
    expect(thresholdForParameters(3, {}, true)).toEqual({ ok: true, value: 3 });
    expect(thresholdForParameters({ item: 'rto' }, {}, false)).toBeUndefined();
  });

  it.each([
    ['', 0, /empty/],
    ['seats +', 7, /expected a number, a parameter or a function, found the end/],
    ['ceil(seats / 20', 15, /expected "\)" to close the "\(" at position 5/],
    ['seats / 20)', 10, /unexpected "\)": it has no matching "\("/],
    ['sqrt(seats)', 0, /unknown function "sqrt": use ceil, floor, round, min, max/],
    ['ceil(seats, 2)', 0, /ceil takes one figure/],
    ['max(seats)', 0, /max compares two or more figures/],
    ['seats ^ 2', 6, /no powers/],
    ['seats >= 20', 6, /not a condition: conditions belong in `when`/],
    ['"seats" / 20', 0, /without quotes/],
    ['seats 20', 6, /unexpected "20": join figures with \+ - \* \//],
    ['1.2.3', 0, /malformed number/],
    ['seats $ 2', 6, /unexpected character "\$"/],
  ])('refuses %j at offset %d', (source, offset, message) => {
    const result = parseThreshold(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.offset).toBe(offset);
    expect(result.error.message).toMatch(message);
  });

  it('is bounded: length and nesting', () => {
    const long = `seats${' + 1'.repeat(LIMITS.thresholdExpressionLength)}`;
    expect(parseThreshold(long)).toMatchObject({
      ok: false,
      error: { message: /characters long/ },
    });
    const deep = `${'('.repeat(40)}seats${')'.repeat(40)}`;
    expect(parseThreshold(deep)).toMatchObject({
      ok: false,
      error: { message: /nested too deeply/ },
    });
  });
});

describe('threshold expressions: the validator', () => {
  it('accepts expressions over required number parameters on counts and numbers', () => {
    let text = withCountMin('"max(2, ceil(seats / 50))"');
    text = replaceOnce(text, 'min: 100\n', 'min: "seats * 2 + 100"\n');
    const result = validateDefinitionText(text, VALID_PATH);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const isp = result.definition.sections[0]?.items[0];
    expect(isp).toMatchObject({ type: 'count', min: 'max(2, ceil(seats / 50))' });
  });

  it('reports a syntax error where it is, with the fix', () => {
    const text = withCountMin('"ceil(seats / 20"');
    expectOneProblem(text, '"ceil(', /item "isp-lines" min: expected "\)" to close/, 16);
  });

  it('reports an unknown parameter with a suggestion', () => {
    const text = withCountMin('"ceil(seat / 20)"');
    expectOneProblem(
      text,
      '"ceil(',
      /item "isp-lines" min: "seat" is not a declared parameter: .* \(did you mean "seats"\?\)/,
      6,
    );
  });

  it('reports a parameter that is not a number', () => {
    const text = withCountMin('"country"');
    expectOneProblem(
      text,
      '"country"',
      /country is a choice parameter: a threshold can only use number parameters/,
      1,
    );
  });

  it('reports an optional parameter (the bound could be unknown)', () => {
    let text = withCountMin('"seats"');
    text = replaceOnce(
      text,
      '    label: Seats on site\n    type: number\n',
      '    label: Seats on site\n    type: number\n    required: false\n',
    );
    expectOneProblem(
      text,
      '"seats"',
      /seats is optional \(required: false\).*make the parameter required/,
      1,
    );
  });

  it('reports a fixed figure written as an expression', () => {
    const text = withCountMin('"2 * 2"');
    expectOneProblem(
      text,
      '"2 * 2"',
      /names no parameter, so it is a fixed figure: write min: 4 without quotes/,
      1,
    );
  });

  it('reports a division by a constant zero', () => {
    const text = withCountMin('"seats / (2 - 2)"');
    expectOneProblem(text, '"seats', /divides by zero/, 7);
  });

  it('reports a function name used without its parentheses', () => {
    const text = withCountMin('"ceil"');
    expectOneProblem(text, '"ceil"', /ceil is a function: give it its figure in parentheses/, 1);
  });

  it('keeps the shape rules for plain numbers and explains the three forms', () => {
    expectOneProblem(withCountMin('0'), 'min: 0', /min: must be at least 1/, 5);
    expectOneProblem(
      withCountMin('true'),
      'min: true',
      /min: must be a whole number from 1 to 1000, an expression in quotes like "ceil\(seats \/ 20\)", or \{ item: <id of a number item> \}/,
      5,
    );
  });
});

describe('item references', () => {
  it('accepts a number item in the same unit that the item depends on', () => {
    const text = withRestoreItem(
      '        max: { item: download-speed }\n        dependsOn: [download-speed]\n',
    );
    expect(validateDefinitionText(text, VALID_PATH).ok).toBe(true);
  });

  it('reports an item that does not exist, with a suggestion', () => {
    const text = withRestoreItem('        max: { item: download-sped }\n');
    expectOneProblem(
      text,
      'download-sped',
      /item "restore" max: "download-sped" is not an item in this file: fix the id \(did you mean "download-speed"\?\)/,
    );
  });

  it('reports the item itself', () => {
    const text = withRestoreItem('        max: { item: restore }\n');
    expectOneProblem(text, 'item: restore', /takes its bound from itself/, 6);
  });

  it('reports an item that is not a number item', () => {
    const text = withRestoreItem(
      '        max: { item: isp-lines }\n        dependsOn: [isp-lines]\n',
    );
    expectOneProblem(
      text,
      'item: isp-lines',
      /"isp-lines" is a count item: only a number item's answer/,
      6,
    );
  });

  it('reports a different unit', () => {
    let text = withRestoreItem(
      '        max: { item: download-speed }\n        dependsOn: [download-speed]\n',
    );
    text = replaceOnce(
      text,
      '        unit: Mbit/s\n        min: 100',
      '        unit: Gbit/s\n        min: 100',
    );
    expectOneProblem(
      text,
      'item: download-speed',
      /is in "Gbit\/s" but "restore" is in "Mbit\/s": a bound must be in the same unit/,
      6,
    );
  });

  it('reports a bound the item does not depend on (so bounds can never form a cycle)', () => {
    const text = withRestoreItem('        max: { item: download-speed }\n');
    expectOneProblem(
      text,
      'item: download-speed',
      /takes its bound from "download-speed", so it must wait for it: add download-speed to dependsOn/,
      6,
    );
  });

  it('cannot hide a cycle: a bound that depends back on the item is a dependency cycle', () => {
    let text = withRestoreItem(
      '        max: { item: download-speed }\n        dependsOn: [download-speed]\n',
    );
    text = replaceOnce(
      text,
      '        max: 10000\n',
      '        max: 10000\n        dependsOn: [restore]\n',
    );
    expect(problemsOf(text).map((problem) => problem.message)).toEqual([
      expect.stringMatching(
        /dependency cycle: .*restore -> download-speed -> restore|download-speed -> restore -> download-speed/,
      ),
    ]);
  });

  it('reports a mistyped reference field where it is', () => {
    const text = withRestoreItem('        max: { itm: download-speed }\n');
    const problems = problemsOf(text).map((problem) => problem.message);
    expect(problems).toContainEqual(expect.stringMatching(/max: missing "item"/));
    expect(problems).toContainEqual(
      expect.stringMatching(/unknown field "itm".*did you mean "item"/),
    );
  });
});

describe('the file name', () => {
  it('checks the version of any file named like a version, not only under checklists/', () => {
    const problems = problemsOf(VALID_YAML, 'drafts/new-office/1.2.0.yaml');
    expect(problems).toEqual([
      {
        path: 'drafts/new-office/1.2.0.yaml',
        ...positionOf(VALID_YAML, '1.0.0'),
        message:
          'version "1.0.0" does not match the file name 1.2.0.yaml: rename the file to 1.0.0.yaml, or set version: 1.2.0',
      },
    ]);
    expect(problemsOf(VALID_YAML, '1.2.0.yml')[0]?.message).toMatch(
      /rename the file to 1\.0\.0\.yml/,
    );
    expect(validateDefinitionText(VALID_YAML, 'drafts/new-office/1.0.0.yaml').ok).toBe(true);
  });

  it('does not read a version into other names', () => {
    expect(validateDefinitionText(VALID_YAML, 'drafts/new-office-next.yaml').ok).toBe(true);
    expect(validateDefinitionText(VALID_YAML, 'backup/new-office@1.2.0.yaml').ok).toBe(true);
  });
});

describe('diff and migration', () => {
  const from = parseValid(withCountMin('"ceil(seats / 20)"'));

  it('a re-spaced expression is no change; a changed one is, with both spellings', () => {
    const respaced = parseValid(withCountMin('"ceil( seats/20 )"'));
    expect(diffDefinitions(from, respaced).items.changed).toEqual([]);
    const changed = parseValid(withCountMin('"ceil(seats / 10)"'));
    expect(diffDefinitions(from, changed).items.changed).toEqual([
      expect.objectContaining({
        id: 'isp-lines',
        changes: [{ field: 'min', from: 'ceil(seats / 20)', to: 'ceil(seats / 10)' }],
      }),
    ]);
  });

  it('a new item reference is a change', () => {
    const before = parseValid(
      withRestoreItem('        max: 500\n        dependsOn: [download-speed]\n'),
    );
    const after = parseValid(
      withRestoreItem(
        '        max: { item: download-speed }\n        dependsOn: [download-speed]\n',
      ),
    );
    expect(diffDefinitions(before, after).items.changed).toEqual([
      expect.objectContaining({
        id: 'restore',
        changes: [{ field: 'max', from: 500, to: { item: 'download-speed' } }],
      }),
    ]);
    const answers = new Map([['restore', { status: 'done' }]]);
    expect(migrateAnswers(before, after, answers).recheck).toEqual([
      { itemId: 'restore', reasons: ['max changed from 500 to the answer to "download-speed"'] },
    ]);
  });

  it('migration names the new expression and, for a run, its figure; the same figure is no reason', () => {
    const fixed = parseValid(withCountMin('2'));
    const answers = new Map([['isp-lines', { status: 'done' }]]);
    expect(migrateAnswers(fixed, from, answers).recheck).toEqual([
      { itemId: 'isp-lines', reasons: ['min changed from 2 to "ceil(seats / 20)"'] },
    ]);
    expect(migrateAnswers(fixed, from, answers, { parameters: { seats: 120 } }).recheck).toEqual([
      {
        itemId: 'isp-lines',
        reasons: ['min changed from 2 to "ceil(seats / 20)" (6 for this run)'],
      },
    ]);
    expect(migrateAnswers(fixed, from, answers, { parameters: { seats: 40 } }).recheck).toEqual([]);
  });
});
