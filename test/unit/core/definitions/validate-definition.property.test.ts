// Property tests: validateDefinitionText never throws and always answers ok or problems with
// positive line:column, for random text, YAML-like text and mutations of a valid definition.
// FC_NUM_RUNS sets the number of runs (default 200). Its speed: test/bench/definitions*.bench.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { validateDefinitionText, type ValidationResult } from '../../../../core/definitions';
import { generateDefinitionYaml, VALID_PATH, VALID_YAML } from './fixtures';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 200);

function validateAndCheck(text: string): ValidationResult {
  const result = validateDefinitionText(text, VALID_PATH);
  if (result.ok) {
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    return result;
  }
  expect(result.problems.length).toBeGreaterThan(0);
  const lineCount = text.split('\n').length;
  for (const problem of result.problems) {
    expect(problem.path).toBe(VALID_PATH);
    expect(
      Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lineCount + 1,
    ).toBe(true);
    expect(Number.isInteger(problem.column) && problem.column >= 1).toBe(true);
    expect(typeof problem.message).toBe('string');
    expect(problem.message.length).toBeGreaterThan(10);
    expect(problem.message).not.toMatch(/\n|\bat .*\.ts:\d+/);
  }
  return result;
}

const yamlToken = fc.constantFrom(
  'id',
  'version',
  'title',
  'kind',
  'sections',
  'items',
  'type',
  'check',
  'dependsOn',
  'when',
  'choices',
  '__proto__',
  'constructor',
  ':',
  ': ',
  '- ',
  '  ',
  '\n',
  '\n  ',
  '\n    - ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '!tag ',
  '"',
  "'",
  '#',
  '|',
  '>-',
  '---',
  '%YAML 1.1\n',
  '? ',
  '<script>',
  '1.0.0',
  'new-office',
  '2',
  '-1',
  'true',
  'null',
  '~',
  'seats >= 20',
  '\t',
  '\\',
  '\u00e4',
  '\uFFFD',
  '\u0000',
);

const valueArbitrary = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    '<b>x</b>',
    '__proto__',
    'constructor',
    'a'.repeat(5_000),
    -1,
    Number.POSITIVE_INFINITY,
    'seats >=',
    'x && y',
  ),
);

type Path = (string | number)[];

/** Every path into a plain value, the root included. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  const paths: Path[] = [path];
  if (Array.isArray(value)) {
    value.forEach((entry, index) => paths.push(...pathsOf(entry, [...path, index])));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) paths.push(...pathsOf(entry, [...path, key]));
  }
  return paths;
}

function parentAndKey(
  root: unknown,
  path: Path,
): [Record<string | number, unknown>, string | number] | undefined {
  if (path.length === 0) return undefined;
  let parent = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) {
    parent = parent[segment] as Record<string | number, unknown>;
  }
  return [parent, path[path.length - 1] as string | number];
}

interface Mutation {
  kind: string;
  selector: number;
  value: unknown;
  key: string;
}

const mutation = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'rename-key', 'duplicate-entry'),
  selector: fc.nat(),
  value: valueArbitrary,
  key: fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('id', 'title', 'type', 'dependsOn', '__proto__', 'dependson'),
  ),
});

function mutate(definition: unknown, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(definition);
  for (const { kind, selector, value, key } of mutations) {
    const paths = pathsOf(root);
    const located = parentAndKey(root, paths[selector % paths.length] as Path);
    if (located === undefined) continue;
    const [parent, last] = located;
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (kind === 'replace') {
      parent[last] = value;
    } else if (kind === 'rename-key' && !Array.isArray(parent)) {
      Object.defineProperty(parent, key, {
        value: parent[last],
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (key !== last) delete parent[last];
    } else if (kind === 'duplicate-entry' && Array.isArray(parent)) {
      parent.push(structuredClone(parent[Number(last)]));
    }
  }
  return root;
}

describe('validateDefinitionText on arbitrary input', () => {
  it('handles random strings of any characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 2_000 }),
        (text) => void validateAndCheck(text),
      ),
      { numRuns },
    );
  });

  it('handles YAML-like text', () => {
    fc.assert(
      fc.property(
        fc.array(yamlToken, { maxLength: 300 }),
        (tokens) => void validateAndCheck(tokens.join('')),
      ),
      { numRuns },
    );
  });

  it('handles line-level edits of a valid file (deleted, repeated, swapped and random lines)', () => {
    const lines = VALID_YAML.split('\n');
    const edit = fc.record({
      kind: fc.constantFrom('delete', 'duplicate', 'swap', 'insert', 'indent'),
      at: fc.nat(),
      other: fc.nat(),
      text: fc.string({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const edited = [...lines];
        for (const { kind, at, other, text } of edits) {
          const index = at % edited.length;
          const line = edited[index] as string;
          switch (kind) {
            case 'delete':
              edited.splice(index, 1);
              break;
            case 'duplicate':
              edited.splice(index, 0, line);
              break;
            case 'swap':
              edited[index] = edited[other % edited.length] as string;
              edited[other % edited.length] = line;
              break;
            case 'insert':
              edited.splice(index, 0, text);
              break;
            default:
              edited[index] = ` ${line}`;
          }
        }
        validateAndCheck(edited.join('\n'));
      }),
      { numRuns },
    );
  });

  it('handles structural mutations of a valid definition (deleted, replaced, renamed and duplicated entries)', () => {
    const definition: unknown = parse(VALID_YAML);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        validateAndCheck(stringify(mutate(definition, mutations)));
      }),
      { numRuns },
    );
  });

  it('accepts generated definitions of any size and reports their counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 30 }),
        (sections, itemsPerSection) => {
          const result = validateAndCheck(
            generateDefinitionYaml({ id: 'new-office', sections, itemsPerSection }),
          );
          expect(result.ok && result.counts).toEqual({
            sections,
            items: sections * itemsPerSection,
            departments: 2,
          });
        },
      ),
      { numRuns: Math.min(numRuns, 50) },
    );
  });
});
