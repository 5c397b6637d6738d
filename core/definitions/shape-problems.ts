// Turns zod's issues with the definition's shape into problems at the offending node, with messages
// that say what is wrong and how to fix it (zod's own wording is for developers, not for authors).
import type { z } from 'zod';
import {
  formatNodePath,
  MAX_PROBLEMS_PER_FILE,
  quoteValue,
  type LocateOptions,
  type NodePath,
} from './problem';
import {
  choiceItemSchema,
  countItemSchema,
  dateItemSchema,
  definitionSchema,
  departmentSchema,
  numberItemSchema,
  parameterSchema,
  sectionSchema,
  textItemSchema,
} from './schema';

export interface ShapeProblem {
  at: NodePath;
  message: string;
  options?: LocateOptions;
}

type Issue = z.core.$ZodIssue;

/** Every field name the format knows, for "did you mean" hints on unknown fields. */
const KNOWN_FIELDS: readonly string[] = [
  ...new Set([
    ...[definitionSchema, sectionSchema, departmentSchema, parameterSchema].flatMap((schema) =>
      Object.keys(schema.shape),
    ),
    ...[
      textItemSchema,
      numberItemSchema,
      countItemSchema,
      choiceItemSchema,
      dateItemSchema,
    ].flatMap((schema) => Object.keys(schema.shape)),
    ...['label', 'acceptable', 'metric', 'priority', 'role', 'item'],
  ]),
];

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (lines starting with "- ")',
  object: 'a mapping (lines of "key: value")',
};

/** zod's default messages start like this; messages written in schema.ts are shown as they are. */
const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized)/;

export function shapeProblems(issues: readonly Issue[], input: unknown): ShapeProblem[] {
  return issues
    .slice(0, MAX_PROBLEMS_PER_FILE + 1)
    .flatMap((issue) => problemsForIssue(issue, input));
}

function problemsForIssue(issue: Issue, input: unknown): ShapeProblem[] {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== 'symbol',
  );
  const found = valueAt(input, path);
  const label = formatNodePath(path);
  const parent = path.slice(0, -1);
  const field = String(path[path.length - 1] ?? '');
  const missing = (what: string): ShapeProblem => ({
    at: parent,
    message: `${formatNodePath(parent)}: missing "${field}": add ${what}`,
  });
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      if (found.isMissing) return [missing(`it (${expected})`)];
      if (found.value === null) {
        return [
          {
            at: path,
            message: `${label}: is empty: give it ${expected === 'text' ? 'some text' : expected}`,
          },
        ];
      }
      return [
        { at: path, message: `${label}: must be ${expected}, not ${describeValue(found.value)}` },
      ];
    }
    case 'unrecognized_keys':
      return issue.keys.slice(0, MAX_PROBLEMS_PER_FILE + 1).map((key) => ({
        at: [...path, key],
        options: { atKey: true },
        message: `${label}: unknown field ${quoteValue(key)}: remove it or fix its spelling${didYouMean(key, KNOWN_FIELDS)}`,
      }));
    case 'invalid_union': {
      const options =
        'options' in issue && Array.isArray(issue.options) ? issue.options.map(String) : [];
      if (
        'discriminator' in issue &&
        typeof issue.discriminator === 'string' &&
        options.length > 0
      ) {
        if (found.isMissing) return [missing(`one of ${options.join(', ')}`)];
        return [
          {
            at: path,
            message: `${label}: ${quoteValue(found.value)} is not a known ${field}: use one of ${options.join(', ')}${didYouMean(String(found.value), options)}`,
          },
        ];
      }
      // A mapping that is almost the mapping form (e.g. `{ item: 3 }`, `{ itm: x }`): its own
      // problems say more than "matches no form".
      const mappingBranch = unionBranchFor(issue, found.value);
      if (mappingBranch !== undefined) {
        return mappingBranch.flatMap((inner) =>
          problemsForIssue({ ...inner, path: [...path, ...inner.path] } as Issue, input),
        );
      }
      return [
        {
          at: path,
          message: `${label}: ${customMessage(issue) ?? 'does not match any allowed form: check it against checklists/README.md'}`,
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      if (found.isMissing) return [missing(`one of ${values.join(', ')}`)];
      return [
        {
          at: path,
          message: `${label}: ${quoteValue(found.value)} is not allowed: use ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`}${didYouMean(String(found.value), values)}`,
        },
      ];
    }
    case 'too_small':
      return [
        {
          at: path,
          message: `${label}: ${customMessage(issue) ?? tooSmallMessage(issue, found.value)}`,
        },
      ];
    case 'too_big':
      return [
        {
          at: path,
          message: `${label}: ${customMessage(issue) ?? tooBigMessage(issue, found.value)}`,
        },
      ];
    case 'invalid_format':
      return [
        {
          at: path,
          message: `${label}: ${quoteValue(found.value)} ${customMessage(issue) ?? 'has the wrong format: check it against checklists/README.md'}`,
        },
      ];
    case 'not_multiple_of':
      return [{ at: path, message: `${label}: must be a multiple of ${String(issue.divisor)}` }];
    default:
      return [{ at: path, message: `${label}: ${issue.message}` }];
  }
}

/** For a mapping value: the issues of the one union branch that accepted a mapping, if only one did. */
function unionBranchFor(issue: Issue, value: unknown): Issue[] | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!('errors' in issue) || !Array.isArray(issue.errors)) return undefined;
  const branches = (issue.errors as Issue[][]).filter(
    (branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
  );
  return branches.length === 1 ? branches[0] : undefined;
}

function customMessage(issue: Issue): string | undefined {
  return DEFAULT_MESSAGE.test(issue.message) ? undefined : issue.message;
}

function tooSmallMessage(issue: Extract<Issue, { code: 'too_small' }>, value: unknown): string {
  const minimum = Number(issue.minimum);
  switch (issue.origin) {
    case 'string':
      return minimum <= 1
        ? 'must not be empty: write something'
        : `is too short: write at least ${minimum} characters`;
    case 'array':
      return `needs at least ${minimum} ${minimum === 1 ? 'entry' : 'entries'} (has ${Array.isArray(value) ? value.length : 0}): add ${minimum === 1 ? 'one' : 'more'}`;
    default:
      return `must be at least ${minimum}${issue.inclusive ? '' : ' (exclusive)'} (found ${quoteValue(value)})`;
  }
}

function tooBigMessage(issue: Extract<Issue, { code: 'too_big' }>, value: unknown): string {
  const maximum = Number(issue.maximum);
  switch (issue.origin) {
    case 'string':
      return `is ${typeof value === 'string' ? value.length : 'too many'} characters long: shorten it to at most ${maximum}`;
    case 'array':
      return `has ${Array.isArray(value) ? value.length : 'too many'} entries: at most ${maximum} are allowed, remove or split some`;
    default:
      return `must be at most ${maximum} (found ${quoteValue(value)})`;
  }
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${quoteValue(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return String(value);
}

function valueAt(input: unknown, path: NodePath): { isMissing: boolean; value: unknown } {
  let value = input;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) {
      return { isMissing: true, value: undefined };
    }
    value = (value as Record<string | number, unknown>)[segment];
  }
  return { isMissing: value === undefined, value };
}

/** ' (did you mean "dependsOn"?)' when a known name is within two edits, else ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  if (word.length > 64) return '';
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance =
      candidate.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, candidate);
    if (distance < bestDistance && candidate !== word) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}
