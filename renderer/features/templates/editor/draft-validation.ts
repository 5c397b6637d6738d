// Live validation of a draft by the core's validator, exactly as the app, the CLI and the hub
// validate a file: the draft is written as YAML (draft-yaml.ts) and checked with
// validateDefinitionText. The validator reports line:column in that text; here each problem is
// traced back to the node of the YAML it points at, and from there to the editor's field
// (`sections.3.items.2.min`), so the message shows next to the field that holds the mistake.
// A problem about a whole item, section or list (a missing field, no acceptable choice) maps to
// that item, section or list. Problems the validator only finds once the shape is right show
// while the changelog or a title is still empty (problemsBehindEmptyText). Empty required text,
// which every new draft meets, becomes the editor's own check so it reads in the UI's language
// (emptyTextChecks). The editor adds what only a next version needs: a version newer than every
// published one.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import {
  compareSemver,
  validateDefinitionText,
  type ChecklistDefinition,
  type Problem,
} from '../../../../core/definitions';
import type { DraftDocument } from '../../../storage/draft-repository';
import { nextMinorVersion } from './draft-document';
import { draftToYaml } from './draft-yaml';

export type EditorCheck =
  | { key: EmptyTextKey; values?: undefined }
  | { key: 'versionPublished'; values: { version: string } }
  | { key: 'versionNotNewer'; values: { version: string; latest: string; next: string } };

export interface DraftProblem {
  /** The editor's field path, dot-separated (`sections.0.items.3.title`); '' for the whole file. */
  field: string;
  /** Where the validator points in the exported YAML (1-based); 0 for the editor's own checks. */
  line: number;
  column: number;
  /** The core validator's message (English, as in the CLI), without its leading path. */
  message?: string;
  /** The editor's own check, translated by the UI. */
  check?: EditorCheck;
}

export interface DraftValidation {
  yaml: string;
  problems: DraftProblem[];
  /** The parsed definition when the validator accepts the draft (for the diff). */
  definition?: ChecklistDefinition;
  hash?: string;
}

export interface DraftContext {
  /** The versions of this template already published (on this device). */
  publishedVersions: readonly string[];
}

type Segment = string | number;

/** Where the validator checks the file: `<id>/<version>.yaml`, so id and version always agree. */
export function draftPath(draft: Pick<DraftDocument, 'id' | 'version'>): string {
  return `${draft.id}/${draft.version}.yaml`;
}

export function validateDraft(draft: DraftDocument, context: DraftContext): DraftValidation {
  const yaml = draftToYaml(draft);
  const result = validateDefinitionText(yaml, draftPath(draft));
  const found = result.ok ? [] : mapProblems(yaml, result.problems);
  if (!result.ok) found.push(...problemsBehindEmptyText(draft, found));
  const problems = emptyTextChecks(draft, found);
  problems.push(...versionProblems(draft.version, context.publishedVersions));
  if (result.ok && problems.length === 0) {
    return { yaml, problems, definition: result.definition, hash: result.hash };
  }
  return { yaml, problems };
}

type EmptyTextKey = 'changelogEmpty' | 'titleEmpty' | 'labelEmpty' | 'unitEmpty';

/** Required text an author fills in last (a new draft's changelog, a new item's title), with the
 * editor's check when it is empty. */
const EMPTY_TEXT_KEYS = new Map<string, EmptyTextKey>([
  ['changelog', 'changelogEmpty'],
  ['title', 'titleEmpty'],
  ['label', 'labelEmpty'],
  ['unit', 'unitEmpty'],
]);
const REQUIRED_TEXT = new Set(EMPTY_TEXT_KEYS.keys());
const PLACEHOLDER = 'placeholder';

/** The draft's value at an editor field path (`sections.0.items.3.title`). */
function valueAt(draft: DraftDocument, field: string): unknown {
  let value: unknown = draft;
  for (const segment of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * The validator's problem about empty required text, as the editor's check (same field and
 * position, so "Go to" and the field's highlight still find it); every other problem unchanged.
 */
function emptyTextChecks(draft: DraftDocument, problems: readonly DraftProblem[]): DraftProblem[] {
  return problems.map((problem) => {
    const key = EMPTY_TEXT_KEYS.get(problem.field.split('.').at(-1) ?? '');
    if (key === undefined || problem.message === undefined) return problem;
    const value = valueAt(draft, problem.field);
    const isBlank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (!isBlank) return problem;
    return { field: problem.field, line: problem.line, column: problem.column, check: { key } };
  });
}

/** The draft with empty required text filled in, or undefined when none is empty. */
function withPlaceholders(draft: DraftDocument): DraftDocument | undefined {
  let isChanged = false;
  const fill = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fill);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (REQUIRED_TEXT.has(key) && typeof inner === 'string' && inner.trim() === '') {
        out[key] = PLACEHOLDER;
        isChanged = true;
      } else out[key] = fill(inner);
    }
    return out;
  };
  const filled = fill(draft) as DraftDocument;
  return isChanged ? filled : undefined;
}

/**
 * The validator checks ids, dependencies, conditions and thresholds only once the shape is right,
 * so an empty changelog or title would hide every such problem until it is written. Validating a
 * copy with that text filled in finds them now (the copy has the same lines, so the same fields);
 * those not already reported are added, except those about the stand-in text itself (a bound
 * whose unit is "placeholder" does not match its item's unit: the empty unit is the problem).
 */
function problemsBehindEmptyText(
  draft: DraftDocument,
  reported: readonly DraftProblem[],
): DraftProblem[] {
  const filled = withPlaceholders(draft);
  if (filled === undefined) return [];
  const yaml = draftToYaml(filled);
  const result = validateDefinitionText(yaml, draftPath(filled));
  if (result.ok) return [];
  const known = new Set(reported.map((problem) => `${problem.field}\n${problem.message}`));
  const aboutStandIn = `"${PLACEHOLDER}"`;
  return mapProblems(yaml, result.problems).filter(
    (problem) =>
      !known.has(`${problem.field}\n${problem.message}`) &&
      !(problem.message ?? '').includes(aboutStandIn),
  );
}

function versionProblems(version: string, published: readonly string[]): DraftProblem[] {
  if (published.includes(version)) {
    return [
      {
        field: 'version',
        line: 0,
        column: 0,
        check: { key: 'versionPublished', values: { version } },
      },
    ];
  }
  const latest = [...published].sort(compareSemver).at(-1);
  if (latest !== undefined && compareSemver(version, latest) <= 0) {
    return [
      {
        field: 'version',
        line: 0,
        column: 0,
        check: {
          key: 'versionNotNewer',
          values: { version, latest, next: nextMinorVersion(latest) },
        },
      },
    ];
  }
  return [];
}

/** The validator's problems, each with the editor field it belongs to. */
export function mapProblems(yaml: string, problems: readonly Problem[]): DraftProblem[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(yaml, { lineCounter, keepSourceTokens: false });
  const root = (document.contents ?? undefined) as YamlNode | undefined;
  return problems.map((problem) => {
    const start = lineCounter.lineStarts[problem.line - 1] ?? 0;
    const offset = start + Math.max(0, problem.column - 1);
    return {
      field: fieldPathOf(nodePathAt(root, offset)),
      line: problem.line,
      column: problem.column,
      message: withoutLeadingPath(problem.message),
    };
  });
}

/**
 * The node a position points at. The validator points at the start of a node; a map and its first
 * key start at the same place, and then the outermost node that starts there is meant (a problem
 * about an item points at the item). A position inside a value (a `when` expression's bad token)
 * belongs to the innermost node around it.
 */
export function nodePathAt(root: YamlNode | undefined, offset: number): Segment[] {
  let deepest: Segment[] = [];
  let exact: Segment[] | undefined;
  const walk = (node: unknown, path: Segment[]): void => {
    if (node === null || typeof node !== 'object') return;
    const range = (node as YamlNode).range;
    if (!range) return;
    const [start, , end] = range;
    if (offset < start || (offset >= end && offset !== start)) return;
    if (start === offset && exact === undefined) exact = path;
    if (path.length >= deepest.length) deepest = path;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        const keyRange = pair.key.range;
        if (keyRange && offset >= keyRange[0] && offset < keyRange[2]) {
          // On a key (an unknown field): the field of that key.
          if (exact === undefined && keyRange[0] === offset) exact = [...path, key];
          if (path.length + 1 >= deepest.length) deepest = [...path, key];
        }
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(root, []);
  return exact ?? deepest;
}

/** Fields edited as one value: a problem inside them (one entry of dependsOn) is the field's. */
const WHOLE_FIELDS = new Set(['dependsOn', 'tags', 'min', 'max', 'sla']);

/** The editor's field for a node path: `sections.0.items.3.dependsOn` for `...dependsOn[2]`. */
export function fieldPathOf(path: readonly Segment[]): string {
  const kept: Segment[] = [];
  for (const segment of path) {
    kept.push(segment);
    if (typeof segment !== 'string') continue;
    if (WHOLE_FIELDS.has(segment)) break;
    // A parameter's choices are one comma-separated field; an item's choices are rows.
    if (segment === 'choices' && kept[0] === 'parameters') break;
  }
  return kept.join('.');
}

const LEADING_PATH =
  /^(?:id|version|title|kind|description|changelog|departments|parameters|sections)(?:\[\d+\]|\.[A-Za-z]+)*: /;

/** Shape messages start with the path (`sections[0].items[2]: missing "unit"`); the field says it. */
export function withoutLeadingPath(message: string): string {
  return message.replace(LEADING_PATH, '');
}

/** Problems whose field is `field` or lies inside it (`sections.2` holds `sections.2.items.0.id`). */
export function problemsWithin(problems: readonly DraftProblem[], field: string): DraftProblem[] {
  const prefix = `${field}.`;
  return problems.filter((problem) => problem.field === field || problem.field.startsWith(prefix));
}
