// What the validator reports: a problem at a 1-based line and column, whose message says what is
// wrong and how to fix it. Checks report against a path into the definition (NodePath); the
// validator turns paths into line:col through the YAML source (yaml-source.ts).

export interface Problem {
  path: string;
  line: number;
  column: number;
  message: string;
}

/** A path into the parsed definition, like ["sections", 0, "items", 3, "dependsOn", 1]. */
export type NodePath = readonly (string | number)[];

export interface LocateOptions {
  /** Point at the key of the last path segment rather than at its value. */
  atKey?: boolean;
  /** A 0-based offset inside a string value (e.g. where a `when` expression goes wrong). */
  offsetInValue?: number;
}

export type ReportProblem = (at: NodePath, message: string, options?: LocateOptions) => void;

/** A file reports at most this many problems, so garbage input cannot flood the output. */
export const MAX_PROBLEMS_PER_FILE = 100;

/** sections[0].items[3].title */
export function formatNodePath(path: NodePath): string {
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text === '' ? 'the file' : text;
}

/** Quotes a value for a message, shortened so a huge value cannot flood the output. */
export function quoteValue(value: unknown, maxLength = 40): string {
  let text: string;
  try {
    text =
      typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    text = String(value);
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Messages stay one short line, whatever user text they quote. */
const MAX_MESSAGE_LENGTH = 1_000;
// eslint-disable-next-line no-control-regex -- replacing control characters is the point
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Sorts and caps a file's problems (the last one says how many were left out); one line each. */
export function finalizeProblems(problems: readonly Problem[], path: string): Problem[] {
  const sorted = sortProblems(problems).map((problem) => ({
    ...problem,
    message: oneLine(problem.message),
  }));
  if (sorted.length <= MAX_PROBLEMS_PER_FILE) return sorted;
  const shown = sorted.slice(0, MAX_PROBLEMS_PER_FILE);
  const last = shown[shown.length - 1] as Problem;
  shown.push({
    path,
    line: last.line,
    column: last.column,
    message: 'more problems not shown: fix the ones above first, then validate again',
  });
  return shown;
}

function oneLine(message: string): string {
  const flat = message.replace(LINE_BREAKING, ' ');
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}
