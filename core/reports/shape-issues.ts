// Turns zod issues into plain-English problems that say where: `body.sections[0].items[2].notes:
// expected text, found a number`. Used for the report, the bundle manifest and the trust list.
import type { z } from 'zod';

export interface ShapeIssue {
  /** Like `body.sections[0].items[2].notes`; '' for the top level. */
  path: string;
  message: string;
}

type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      out += /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${out === '' ? '' : '.'}${key}`
        : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? Number.isInteger(value)
        ? 'a whole number'
        : 'a number'
      : String(value);
  }
  if (typeof value === 'boolean') return 'true or false';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The value at `path` in `root`, and whether its parent holds the key at all. */
function lookup(root: unknown, path: Path): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return { found: false, value: undefined };
    if (!Object.prototype.hasOwnProperty.call(current, segment)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: current };
}

function list(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  const { found, value } = lookup(root, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (!found) return 'is missing';
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return `expected ${expected}, found ${describeValue(value)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${list(issue.values)}, found ${JSON.stringify(value) ?? 'nothing'}`
        : `must be one of ${list(issue.values)}, found ${JSON.stringify(value) ?? 'nothing'}`;
    case 'invalid_format':
      if (issue.format === 'datetime') return 'must be an ISO 8601 date and time';
      // A schema's own message ("must be a base64url Ed25519 public key") says it best.
      if (!issue.message.startsWith('Invalid')) return issue.message;
      return `has the wrong format (${issue.format === 'regex' ? `must match ${issue.pattern ?? 'its pattern'}` : issue.format})`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has too many entries (at most ${String(issue.maximum)})`
        : issue.origin === 'string'
          ? `is too long (at most ${String(issue.maximum)} characters)`
          : `is too large (at most ${String(issue.maximum)})`;
    case 'too_small':
      return issue.origin === 'array'
        ? `has too few entries (at least ${String(issue.minimum)})`
        : issue.origin === 'string'
          ? `is too short (at least ${String(issue.minimum)} characters)`
          : `is too small (at least ${String(issue.minimum)})`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) {
        return `must be one of ${list(issue.options)}, found ${JSON.stringify(value) ?? 'nothing'}`;
      }
      return `is not an allowed value (found ${describeValue(value)})`;
    case 'invalid_key':
      return 'is not an allowed key';
    default:
      return issue.message;
  }
}

/** Plain-English issues, one per unexpected field; `root` is the value that was parsed. */
export function describeShapeIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  prefix: Path = [],
): ShapeIssue[] {
  const out: ShapeIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...prefix, ...issue.path, key]),
          message: `unexpected field ${JSON.stringify(key)}: it is not part of the format`,
        });
      }
      continue;
    }
    out.push({
      path: formatPath([...prefix, ...issue.path]),
      message: describeIssue(issue, root),
    });
  }
  return out;
}
