// validateDefinitionText: one failing input per rule, asserting the message and the line:column.
import { describe, expect, it } from 'vitest';
import {
  definitionContentHash,
  LIMITS,
  MAX_PROBLEMS_PER_FILE,
  validateDefinitionText,
  type Problem,
} from '../../../../core/definitions';
import { positionOf, replaceOnce, VALID_PATH, VALID_YAML } from './fixtures';

function problemsOf(text: string, path = VALID_PATH): Problem[] {
  const result = validateDefinitionText(text, path);
  if (result.ok) throw new Error('expected problems, the definition is valid');
  return result.problems;
}

/** Asserts that the text has exactly one problem, at `needle` (+ offset), whose message matches. */
function expectOneProblem(
  text: string,
  needle: string | { line: number; column: number },
  message: RegExp,
  offset = 0,
  path = VALID_PATH,
): void {
  const problems = problemsOf(text, path);
  const position = typeof needle === 'string' ? positionOf(text, needle, offset) : needle;
  expect(problems).toEqual([{ path, ...position, message: expect.stringMatching(message) }]);
}

/** VALID_YAML's header with one section holding the given item lines. */
function withItems(itemLines: readonly string[]): string {
  const header = VALID_YAML.slice(0, VALID_YAML.indexOf('sections:'));
  return `${header}sections:\n  - id: s\n    title: S\n    department: network\n    items:\n${itemLines.join('\n')}\n`;
}

/** Item fields of the failover-test item, for edits. */
const FAILOVER = '      - id: failover-test\n        title: Failover between the lines tested\n';

describe('a valid definition', () => {
  it('returns the definition with defaults, its content hash and counts', () => {
    const result = validateDefinitionText(VALID_YAML, VALID_PATH);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.hash).toBe(definitionContentHash(VALID_YAML));
    expect(result.counts).toEqual({ sections: 2, items: 6, departments: 2 });
    expect(result.definition.sections[0]?.items[1]).toMatchObject({
      id: 'failover-test',
      severity: 'major',
      evidence: 'none',
      dependsOn: ['isp-lines'],
    });
  });

  it('accepts any path that is not checklists/<id>/<version>.yaml', () => {
    expect(validateDefinitionText(VALID_YAML, 'fixtures/anything.yaml').ok).toBe(true);
  });

  it('accepts a byte order mark, Markdown autolinks and "a < b"', () => {
    const text = `\uFEFF${replaceOnce(VALID_YAML, 'a < b is fine.', 'see <https://example.com> and a<=b.')}`;
    expect(validateDefinitionText(text, VALID_PATH).ok).toBe(true);
  });
});

describe('raw text', () => {
  it.each([
    ['', /the file is empty/],
    ['  \n\n\t\n', /the file is empty/],
  ])('rejects an empty file %j at 1:1', (text, message) => {
    expectOneProblem(text, { line: 1, column: 1 }, message);
  });

  it('rejects a file of comments only', () => {
    expectOneProblem('# nothing yet\n', { line: 1, column: 1 }, /no content, only comments/);
  });

  it('rejects binary content at the first NUL byte', () => {
    expectOneProblem('id: x\nab\u0000cd\n', { line: 2, column: 3 }, /looks binary.*UTF-8 text/);
  });

  it('rejects invalid UTF-8 (decoded as U+FFFD)', () => {
    expectOneProblem(
      'id: x\ntitle: caf\uFFFD\n',
      { line: 2, column: 11 },
      /not valid UTF-8.*save it as UTF-8/,
    );
  });

  it('rejects lone surrogates', () => {
    expectOneProblem('id: x\ntitle: \uD800x\n', { line: 2, column: 8 }, /not valid Unicode/);
  });

  it('rejects a file over the size limit, counting UTF-8 bytes', () => {
    expectOneProblem(
      'a'.repeat(LIMITS.fileBytes + 1),
      { line: 1, column: 1 },
      /1000001 bytes; at most 1000000.*split/,
    );
    expectOneProblem(
      `title: ${'ä'.repeat(LIMITS.fileBytes / 2)}`,
      { line: 1, column: 1 },
      /1000007 bytes/,
    );
  });

  it('rejects CR LF line endings', () => {
    expectOneProblem(
      VALID_YAML.replace(/\n/g, '\r\n'),
      { line: 1, column: 15 },
      /convert the file to LF line endings/,
    );
  });

  it('rejects invisible control characters', () => {
    expectOneProblem(
      'id: x\ntitle: a\u0007b\n',
      { line: 2, column: 9 },
      /control character U\+0007: delete it/,
    );
  });

  it('rejects deeply nested flow collections before parsing them', () => {
    expectOneProblem(
      `a: ${'['.repeat(40)}`,
      { line: 1, column: 36 },
      /nested more than 32 levels.*block style/,
    );
    expectOneProblem(
      `a: ${'[ '.repeat(100_000)}`,
      { line: 1, column: 68 },
      /nested more than 32 levels/,
    );
  });
});

describe('YAML syntax', () => {
  it('reports a syntax error at its position', () => {
    const text = replaceOnce(VALID_YAML, 'title: Connectivity', 'title: [Connectivity');
    const problems = problemsOf(text);
    expect(problems[0]).toMatchObject({
      path: VALID_PATH,
      message: expect.stringMatching(/^invalid YAML: /),
    });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(positionOf(text, '[Connectivity').line);
  });

  it('reports a duplicate key at the repeated key', () => {
    const text = replaceOnce(
      VALID_YAML,
      'changelog: First version.\n',
      'changelog: First version.\ntitle: Again\n',
    );
    expectOneProblem(
      text,
      'title: Again',
      /^the file: "title" appears twice in this mapping \(first at line 3\): remove or rename one of them$/,
    );
  });

  it('reports a duplicate key in a nested flow mapping', () => {
    const text = replaceOnce(
      VALID_YAML,
      '  - id: network\n    title: Network\n',
      '  - { id: network, title: Network, id: again }\n',
    );
    expect(problemsOf(text)[0]).toMatchObject({
      ...positionOf(text, 'id: again'),
      message: expect.stringMatching(/^departments\[0\]: "id" appears twice/),
    });
  });

  it('reports tabs used for indentation', () => {
    const text = replaceOnce(
      VALID_YAML,
      '  - id: workplace\n    title: Workplace\n    department',
      '  - id: workplace\n\ttitle: Workplace\n    department',
    );
    expect(problemsOf(text)[0]).toMatchObject({
      ...positionOf(text, '\ttitle: Workplace'),
      message: expect.stringMatching(/indent with spaces/),
    });
  });

  it('reports a second document', () => {
    expect(problemsOf(`${VALID_YAML}---\nid: other\n`)[0]).toMatchObject({
      message: expect.stringMatching(/one YAML document: remove the extra "---"/),
    });
  });

  it('refuses tags', () => {
    const text = replaceOnce(VALID_YAML, 'title: Connectivity', 'title: !secret Connectivity');
    expectOneProblem(text, '!secret', /tags .* are not supported: remove the tag/);
  });

  it('refuses YAML versions other than 1.2', () => {
    expectOneProblem(
      `%YAML 1.1\n---\n${VALID_YAML}`,
      { line: 1, column: 1 },
      /%YAML 1\.1 is not supported: remove the %YAML line/,
    );
  });

  it('refuses alias bombs', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expectOneProblem(
      bomb,
      { line: 1, column: 1 },
      /aliases \(\*name\) expand to too much data.*write the entries out/,
    );
  });

  it('refuses an alias without an anchor', () => {
    const text = replaceOnce(VALID_YAML, 'title: Connectivity', 'title: *nowhere');
    expect(problemsOf(text)[0]?.message).toMatch(/alias|anchor/);
  });

  it('accepts a few aliases and reports problems through them at the anchor', () => {
    const text = replaceOnce(
      VALID_YAML,
      'departments:\n  - id: network\n    title: Network',
      'departments:\n  - id: network\n    title: &name Network',
    );
    expect(
      validateDefinitionText(
        text.replace('title: Workplace\n    department', 'title: *name\n    department'),
        VALID_PATH,
      ).ok,
    ).toBe(true);
  });
});

describe('unsafe content', () => {
  it.each(['__proto__', 'constructor', 'prototype'])(
    'rejects the key %s anywhere, at the key',
    (key) => {
      const text = replaceOnce(
        VALID_YAML,
        FAILOVER,
        `${FAILOVER}        ${key}:\n          polluted: true\n`,
      );
      expectOneProblem(
        text,
        `${key}:`,
        new RegExp(`sections\\[0\\]\\.items\\[1\\]: "${key}" cannot be used as a key.*remove it`),
      );
    },
  );

  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['</div> closes', '</div'],
    ['a <!-- comment -->', '<!--'],
    ['use <b>bold</b>', '<b'],
    ['<img src=x onerror=y>', '<img'],
    ['<?xml version="1.0"?>', '<?x'],
  ])('rejects raw HTML %j in a text field, at the tag', (html, tag) => {
    const text = replaceOnce(VALID_YAML, 'Pull the **primary** cable; a < b is fine.', `'${html}'`);
    expectOneProblem(
      text,
      tag,
      new RegExp(
        `sections\\[0\\]\\.items\\[1\\]\\.guidance: raw HTML \\("${tag.replace('?', '\\?')}"\\) is not allowed: write Markdown`,
      ),
    );
  });

  it('rejects raw HTML in any text field, e.g. a choice label', () => {
    const text = replaceOnce(VALID_YAML, 'label: Vendor A', 'label: Vendor <em>A</em>');
    expectOneProblem(text, '<em', /sections\[1\]\.items\[0\]\.choices\[0\]\.label: raw HTML/);
  });

  it('rejects script links in Markdown', () => {
    const text = replaceOnce(
      VALID_YAML,
      'Pull the **primary** cable; a < b is fine.',
      '"[click](javascript:alert(1))"',
    );
    expectOneProblem(text, '](javascript', /links must use http\(s\) or mailto/);
  });
});

describe('shape (schema.ts)', () => {
  it('rejects an unknown field at the key, suggesting the right spelling', () => {
    const text = replaceOnce(VALID_YAML, 'dependsOn: [isp-lines]', 'dependson: [isp-lines]');
    expectOneProblem(
      text,
      'dependson',
      /sections\[0\]\.items\[1\]: unknown field "dependson": remove it or fix its spelling \(did you mean "dependsOn"\?\)/,
    );
  });

  it('rejects a missing required field at its parent', () => {
    const text = replaceOnce(VALID_YAML, FAILOVER, '      - id: failover-test\n');
    expectOneProblem(
      text,
      'id: failover-test',
      /sections\[0\]\.items\[1\]: missing "title": add it \(text\)/,
    );
  });

  it('rejects a value outside an enum, listing the allowed ones', () => {
    const text = replaceOnce(VALID_YAML, 'severity: blocking', 'severity: critical');
    expectOneProblem(
      text,
      'critical',
      /severity: "critical" is not allowed: use one of blocking, major, minor/,
    );
  });

  it('rejects an unknown item type with a suggestion', () => {
    const text = replaceOnce(VALID_YAML, 'type: count', 'type: counter');
    expectOneProblem(
      text,
      'counter',
      /items\[0\]\.type: "counter" is not a known type: use one of check, text, number, count, choice, date \(did you mean "count"\?\)/,
    );
  });

  it('rejects an item without a type at the item', () => {
    const text = replaceOnce(VALID_YAML, '        type: date\n', '');
    expectOneProblem(
      text,
      'id: server-room-ready',
      /items\[2\]: missing "type": add one of check, text/,
    );
  });

  it('rejects a wrong value type', () => {
    const text = replaceOnce(VALID_YAML, 'estimateMinutes: 60', 'estimateMinutes: sixty');
    expectOneProblem(
      text,
      'sixty',
      /items\[0\]\.estimateMinutes: must be a number, not the text "sixty"/,
    );
  });

  it('rejects a fraction where a whole number is needed', () => {
    const text = replaceOnce(VALID_YAML, 'estimateMinutes: 60', 'estimateMinutes: 1.5');
    expectOneProblem(text, '1.5', /estimateMinutes: must be a whole number/);
  });

  it('rejects an empty value', () => {
    const text = replaceOnce(VALID_YAML, 'unit: ISP line', 'unit:');
    expect(problemsOf(text)).toEqual([
      expect.objectContaining({
        line: positionOf(text, 'unit:').line,
        message: expect.stringMatching(/unit: is empty: give it some text/),
      }),
    ]);
  });

  it('rejects ids that are not kebab-case, quoting the value', () => {
    const text = replaceOnce(VALID_YAML, 'id: isp-lines', 'id: ISP_Lines');
    expectOneProblem(
      text,
      'ISP_Lines',
      /items\[0\]\.id: "ISP_Lines" must be kebab-case, like "isp-lines"/,
    );
  });

  it("rejects a bad version with the schema's own message", () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'version: 1.0.0', 'version: "1.0"'),
      '"1.0"',
      /version: "1\.0" must be a semantic version like 1\.2\.0/,
      0,
      'x.yaml',
    );
  });

  it('rejects an empty title and an empty changelog', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'title: Desk layout notes', 'title: "  "'),
      '"  "',
      /items\[1\]\.title: must not be empty/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, 'changelog: First version.', 'changelog: ""'),
      '""',
      /changelog: say what changed and why/,
    );
  });

  it('rejects too few entries', () => {
    const text = replaceOnce(VALID_YAML, 'choices: [DE, AT, CH]', 'choices: [DE]');
    expectOneProblem(text, '[DE]', /parameters\[1\]\.choices: needs at least 2 entries \(has 1\)/);
  });

  it('rejects text over its length limit', () => {
    const text = replaceOnce(
      VALID_YAML,
      'title: Desk layout notes',
      `title: ${'x'.repeat(LIMITS.titleLength + 1)}`,
    );
    expectOneProblem(
      text,
      'x'.repeat(10),
      /title: is 201 characters long: shorten it to at most 200/,
    );
  });

  it('rejects a document that is not a mapping', () => {
    expectOneProblem('- a\n- b\n', { line: 1, column: 1 }, /a definition is a mapping of fields/);
    expectOneProblem('just text\n', { line: 1, column: 1 }, /a definition is a mapping of fields/);
  });

  it('reports several shape problems at once, sorted by line', () => {
    const text = replaceOnce(
      replaceOnce(VALID_YAML, 'severity: blocking', 'severity: critical'),
      'kind: new-office',
      'kind: office',
    );
    const problems = problemsOf(text);
    expect(problems.map((problem) => problem.line)).toEqual([
      positionOf(text, 'kind').line,
      positionOf(text, 'critical').line,
    ]);
  });
});

describe('semantic rules', () => {
  it('rejects a repeated section id at the second one', () => {
    const text = replaceOnce(
      VALID_YAML,
      '  - id: workplace\n    title: Workplace\n    department',
      '  - id: connectivity\n    title: Workplace\n    department',
    );
    const firstLine = positionOf(text, 'id: connectivity').line;
    expectOneProblem(
      text,
      'connectivity\n    title: Workplace',
      new RegExp(
        `section id "connectivity" is already used at line ${firstLine}: give each section its own id`,
      ),
    );
  });

  it('rejects a repeated item id across sections', () => {
    const text = replaceOnce(VALID_YAML, 'id: desk-notes', 'id: isp-lines');
    expectOneProblem(
      text,
      'isp-lines\n        title: Desk',
      new RegExp(
        `item id "isp-lines" is already used at line ${positionOf(text, 'id: isp-lines').line}: give each item its own id`,
      ),
    );
  });

  it('rejects a repeated department id', () => {
    const text = replaceOnce(
      VALID_YAML,
      '  - id: workplace\n    title: Workplace\nparameters',
      '  - id: network\n    title: Workplace\nparameters',
    );
    expect(problemsOf(text)).toContainEqual({
      path: VALID_PATH,
      ...positionOf(text, 'network\n    title: Workplace'),
      message: expect.stringMatching(/department id "network" is already used at line 8/),
    });
  });

  it('rejects an undeclared department on a section and on an item', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'department: workplace', 'department: facilities'),
      'facilities',
      /section "workplace": department "facilities" is not declared: add it under departments, or use one of network, workplace/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, '        department: network', '        department: security'),
      'security',
      /item "desk-notes": department "security" is not declared/,
    );
  });

  it('rejects repeated parameter ids and built-in names', () => {
    const repeated = replaceOnce(
      VALID_YAML,
      '    type: boolean\n',
      '    type: boolean\n  - id: seats\n    label: Seats again\n    type: number\n',
    );
    expectOneProblem(
      repeated,
      'seats\n    label: Seats again',
      new RegExp(
        `parameter id "seats" is already used at line ${positionOf(repeated, 'id: seats').line}`,
      ),
    );
    const text = replaceOnce(
      replaceOnce(VALID_YAML, 'id: hasServerRoom', 'id: toString'),
      'when: hasServerRoom',
      'when: toString',
    );
    expectOneProblem(
      text,
      'toString',
      /parameter id "toString" is a built-in JavaScript name: choose another/,
    );
  });

  it('rejects reserved ids', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'id: desk-notes', 'id: constructor'),
      'constructor',
      /item id "constructor" is a reserved word/,
    );
  });

  it('rejects repeated choice ids within an item', () => {
    const text = replaceOnce(VALID_YAML, 'id: none', 'id: vendor-a');
    expectOneProblem(
      text,
      'vendor-a\n            label: None',
      new RegExp(
        `item "wifi-vendor": choice id "vendor-a" is already used at line ${positionOf(text, 'id: vendor-a').line}`,
      ),
    );
  });

  it('rejects min greater than max', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'min: 100', 'min: 100000'),
      '100000',
      /item "download-speed": min 100000 is greater than max 10000: swap them or fix one/,
    );
  });

  it('rejects a choice item with no acceptable choice', () => {
    const text = replaceOnce(VALID_YAML, 'acceptable: true', 'acceptable: false');
    expectOneProblem(
      text,
      '- id: vendor-a',
      /item "wifi-vendor": no choice is acceptable.*acceptable: true/,
    );
  });

  it('rejects a choice parameter without choices, and choices on other types', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, '    choices: [DE, AT, CH]\n', ''),
      'choice\n  - id: has',
      /parameter "country" has type choice but no choices: add choices/,
    );
    const text = replaceOnce(
      VALID_YAML,
      '    label: Seats on site\n    type: number\n',
      '    label: Seats on site\n    type: number\n    choices: ["1", "2"]\n',
    );
    expectOneProblem(
      text,
      '["1"',
      /parameter "seats" has choices but type number: set type: choice, or remove the choices/,
    );
  });

  it('rejects a parameter choice listed twice', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'choices: [DE, AT, CH]', 'choices: [DE, AT, DE]'),
      'DE]',
      /parameter "country": choice "DE" is listed twice/,
    );
  });

  it('rejects dependencies on unknown items, with a suggestion', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'dependsOn: [isp-lines]', 'dependsOn: [isp-line]'),
      'isp-line]',
      /item "failover-test" depends on "isp-line", which is not an item in this file: fix the id or remove it \(did you mean "isp-lines"\?\)/,
    );
  });

  it('rejects self-dependencies and repeated dependencies', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'dependsOn: [isp-lines]', 'dependsOn: [isp-lines, failover-test]'),
      'failover-test]',
      /item "failover-test" depends on itself/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, 'dependsOn: [isp-lines]', 'dependsOn: [isp-lines, isp-lines]'),
      'isp-lines]',
      /lists "isp-lines" twice in dependsOn: remove one/,
      0,
    );
  });

  it('rejects a dependency cycle once, with its path', () => {
    const text = replaceOnce(
      VALID_YAML,
      '        severity: blocking\n',
      '        severity: blocking\n        dependsOn: [server-room-ready]\n',
    );
    // two cycles: isp-lines -> server-room-ready -> isp-lines, and one through failover-test
    expect(problemsOf(text)).toEqual([
      {
        path: VALID_PATH,
        ...positionOf(text, 'isp-lines]\n        guidance'),
        message:
          'dependency cycle: isp-lines -> server-room-ready -> failover-test -> isp-lines: remove one of these dependsOn entries',
      },
      {
        path: VALID_PATH,
        ...positionOf(text, 'isp-lines, failover-test]'),
        message:
          'dependency cycle: isp-lines -> server-room-ready -> isp-lines: remove one of these dependsOn entries',
      },
    ]);
  });

  it('reports a long cycle without recursion limits', () => {
    const items = Array.from(
      { length: 3000 },
      (_, index) =>
        `      - { id: i${index}, title: T, type: check, dependsOn: [i${index === 0 ? 2999 : index - 1}] }`,
    );
    const text = withItems(items);
    const problems = problemsOf(text, 'x.yaml');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(
      /^dependency cycle: i0 -> i2999 -> i2998 -> i2997 -> i2996 -> … 2991 more … -> i4 -> i3 -> i2 -> i1 -> i0: remove one/,
    );
  });

  it('rejects a `when` that does not parse, at the offending character', () => {
    const text = replaceOnce(VALID_YAML, 'when: seats >= 20 and', 'when: seats >= 20 && ');
    expectOneProblem(
      text,
      '&&',
      /item "download-speed" when: unexpected "&&": write "and" instead of "&&"/,
    );
  });

  it('points into quoted `when` expressions too', () => {
    const text = replaceOnce(VALID_YAML, 'when: hasServerRoom', 'when: "hasServerRoom or"');
    expectOneProblem(
      text,
      'or"',
      /item "server-room-ready" when: expected a parameter or a value, found the end/,
      2,
    );
  });

  it('rejects undeclared parameters in `when`, with a suggestion', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'when: seats >= 20', 'when: sets >= 20'),
      'sets',
      /when: "sets" is not a declared parameter: declare it under parameters, or fix the name \(did you mean "seats"\?\)/,
    );
  });

  it('rejects comparisons with values of the wrong type', () => {
    expectOneProblem(
      replaceOnce(VALID_YAML, 'seats >= 20', 'seats >= "20"'),
      '"20"',
      /seats is a number parameter, so compare it with a number, e.g. seats >= 20/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, '["DE", "AT"]', '["DE", "FR"]'),
      '"FR"',
      /"FR" is not one of the choices of country \(DE, AT, CH\)/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, 'when: hasServerRoom', 'when: country > "DE"'),
      'country >',
      /> compares numbers, but country is a choice parameter: use == or !=/,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, 'when: hasServerRoom', 'when: seats'),
      'when: seats\n',
      /seats is a number parameter, not a yes\/no one: compare it/,
      6,
    );
    expectOneProblem(
      replaceOnce(VALID_YAML, 'when: hasServerRoom', 'when: \'"seats" >= 20\''),
      '"seats"',
      /compares two fixed values/,
    );
  });

  it('rejects more items than the limit', () => {
    const text = withItems(
      Array.from(
        { length: LIMITS.items + 1 },
        (_, index) => `      - { id: i${index}, title: T, type: check }`,
      ),
    );
    const problems = problemsOf(text, 'x.yaml');
    expect(problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/has 5001 items; at most 5000 are allowed: split it/),
      }),
    ]);
  });

  it('requires id and version to match checklists/<id>/<version>.yaml', () => {
    expectOneProblem(
      VALID_YAML,
      'new-office\nversion',
      /id "new-office" does not match its folder checklists\/old-office\/: move the file to checklists\/new-office\/, or set id: old-office/,
      0,
      'checklists/old-office/1.0.0.yaml',
    );
    expectOneProblem(
      VALID_YAML,
      '1.0.0',
      /version "1\.0\.0" does not match the file name 1\.1\.0\.yaml: rename the file to 1\.0\.0\.yaml, or set version: 1\.1\.0/,
      0,
      'repo/checklists/new-office/1.1.0.yaml',
    );
    expectOneProblem(
      VALID_YAML,
      '1.0.0',
      /must be named <version>\.yaml: rename 1\.0\.0\.yml to 1\.0\.0\.yaml/,
      0,
      'checklists\\new-office\\1.0.0.yml',
    );
  });
});

describe('robustness', () => {
  it('never throws for non-string input', () => {
    for (const input of [undefined, null, 42, {}, []]) {
      const result = validateDefinitionText(input as unknown as string, VALID_PATH);
      expect(result.ok).toBe(false);
    }
  });

  it('caps the number of problems per file', () => {
    const extra = Array.from({ length: 150 }, (_, index) => `unknown${index}: 1`).join('\n');
    const problems = problemsOf(`${VALID_YAML}${extra}\n`);
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems.at(-1)?.message).toMatch(/more problems not shown: fix the ones above first/);
  });

  it.each([
    ['compact sequences', '- '.repeat(400_000), /nested more than 64 levels deep/],
    ['explicit keys', '? '.repeat(400_000), /nested more than 64 levels deep/],
    [
      'indentation',
      Array.from({ length: 1_400 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n'),
      /nested more than 64/,
    ],
    ['flow collections', `a: ${'[ '.repeat(400_000)}`, /nested more than 32 levels/],
    [
      'many keys',
      Array.from({ length: 90_000 }, (_, index) => `k${index}: v`).join('\n'),
      /unknown field "k\d+"|missing/,
    ],
    [
      'a long flow mapping',
      `{${Array.from({ length: 80_000 }, (_, index) => `k${index}: 1`).join(', ')}}`,
      /unknown field|missing/,
    ],
    [
      'many aliases',
      `a: &x 1\nb: [${Array.from({ length: 100_000 }, () => '*x').join(',')}]`,
      /aliases/,
    ],
  ])('refuses hostile input near the size limit, with few problems: %s', (_name, text, message) => {
    // How long these take is measured in test/bench/definitions-hostile.bench.ts.
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThanOrEqual(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(message);
  });

  it('refuses nesting deeper than any definition needs', () => {
    const deep =
      Array.from({ length: 40 }, (_, depth) => `${'  '.repeat(depth)}k${depth}:`).join('\n') +
      ' x\n';
    expect(problemsOf(deep)[0]?.message).toMatch(/nested more than 24 levels deep/);
  });
});
