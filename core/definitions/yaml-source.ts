// Parses definition text as one YAML 1.2 document and keeps the syntax tree, so every later check
// can turn a path into the definition (NodePath) into a line and column. Aliases are bounded
// (MAX_ALIAS_COUNT) to stop "billion laughs" expansion; tags and other YAML versions are refused.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import { MAX_PROBLEMS_PER_FILE, type LocateOptions, type NodePath, type Problem } from './problem';

/** Alias expansion budget (the yaml package multiplies alias count by nesting). */
export const MAX_ALIAS_COUNT = 50;

export interface YamlSource {
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export interface Position {
  line: number;
  column: number;
}

type ParseYamlResult = { ok: true; source: YamlSource } | { ok: false; problems: Problem[] };

export function parseYamlSource(text: string, path: string): ParseYamlResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    stringKeys: true,
    uniqueKeys: false, // checked in unsafe-content.ts: the package's check is quadratic in the keys
    resolveKnownTags: false,
    logLevel: 'error', // 'silent' would also drop the MULTIPLE_DOCS error
  });
  const source: YamlSource = { text, document, lineCounter };
  const errors = [...document.errors, ...document.warnings].slice(0, MAX_PROBLEMS_PER_FILE + 1);
  const problems = errors.map((error) => yamlErrorProblem(source, path, error));
  const yamlVersion = document.directives?.yaml;
  if (yamlVersion?.explicit === true && yamlVersion.version !== '1.2') {
    problems.push({
      path,
      line: 1,
      column: 1,
      message: `%YAML ${yamlVersion.version} is not supported: remove the %YAML line (definitions are YAML 1.2)`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (document.contents === null) {
    return {
      ok: false,
      problems: [
        {
          path,
          line: 1,
          column: 1,
          message:
            'the file has no content, only comments: a definition needs id, version, title, kind, changelog, departments and sections',
        },
      ],
    };
  }
  return { ok: true, source };
}

/** The document as plain JavaScript values, with alias expansion bounded. */
export function toPlainValue(
  source: YamlSource,
  path: string,
): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  try {
    return { ok: true, value: source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason)
      ? `aliases (*name) expand to too much data (more than ${MAX_ALIAS_COUNT} copies): write the entries out instead of aliasing them`
      : /alias/i.test(reason)
        ? `an alias (*name) does not resolve: define its anchor (&name) first, or write the value out`
        : `the YAML could not be loaded (${reason}): simplify the structure`;
    return { ok: false, problems: [{ path, line: 1, column: 1, message }] };
  }
}

export function positionAtOffset(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(
    Math.max(0, Math.min(offset, source.text.length)),
  );
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/** Line and column of the node at `path`; for a missing node, of its nearest existing ancestor. */
export function locate(source: YamlSource, path: NodePath, options: LocateOptions = {}): Position {
  const found = findNode(source, path);
  let offset: number | undefined;
  if (found.isComplete && options.atKey === true) offset = found.keyNode?.range?.[0];
  if (
    offset === undefined &&
    found.isComplete &&
    options.offsetInValue !== undefined &&
    found.node !== undefined
  ) {
    offset = offsetInScalar(source, found.node, options.offsetInValue);
  }
  offset ??= found.node?.range?.[0] ?? found.keyNode?.range?.[0] ?? 0;
  return positionAtOffset(source, offset);
}

/** The source offset of a character inside a single-line plain or quoted string scalar, else its start. */
export function offsetInScalar(
  source: YamlSource,
  node: YamlNode,
  offsetInValue: number,
): number | undefined {
  const start = node.range?.[0];
  if (start === undefined || !isScalar(node) || typeof node.value !== 'string') return start;
  const value = node.value;
  const contentStart =
    node.type === 'PLAIN'
      ? start
      : node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'
        ? start + 1
        : -1;
  if (contentStart < 0 || source.text.slice(contentStart, contentStart + value.length) !== value) {
    return start;
  }
  return contentStart + Math.max(0, Math.min(offsetInValue, value.length));
}

interface FoundNode {
  node: YamlNode | undefined;
  keyNode: YamlNode | undefined;
  /** False when the path ends early (a missing key or index): node is then the deepest ancestor. */
  isComplete: boolean;
}

function findNode(source: YamlSource, path: NodePath): FoundNode {
  let node = resolveAlias(source, source.document.contents ?? undefined);
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find(
        (candidate) => isScalar(candidate.key) && String(candidate.key.value) === segment,
      );
      if (pair === undefined) return { node, keyNode, isComplete: false };
      keyNode = pair.key as YamlNode;
      const value = resolveAlias(source, (pair.value ?? undefined) as YamlNode | undefined);
      node = value?.range === undefined || value.range === null ? undefined : value;
      if (node === undefined) return { node: keyNode, keyNode, isComplete: true };
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyNode = undefined;
      node = resolveAlias(source, node.items[segment] as YamlNode | undefined);
    } else {
      return { node, keyNode, isComplete: false };
    }
  }
  return { node, keyNode, isComplete: true };
}

function resolveAlias(source: YamlSource, node: YamlNode | undefined): YamlNode | undefined {
  if (!isAlias(node)) return node;
  return source.document.contents === null
    ? undefined
    : (node.resolve(source.document) ?? undefined);
}

const YAML_HINTS: Partial<Record<YAMLError['code'], string>> = {
  TAB_AS_INDENT: 'tabs are not allowed for indentation: indent with spaces',
  MULTIPLE_DOCS: 'a definition file holds one YAML document: remove the extra "---"',
  NON_STRING_KEY: 'keys must be plain names, like "title:"',
  TAG_RESOLVE_FAILED: 'YAML tags (!tag or !!type) are not supported: remove the tag',
  BAD_INDENT: 'check the indentation here: nested entries must line up under their parent',
  MULTILINE_IMPLICIT_KEY:
    'a key must fit on one line: check for a missing ":" or an unclosed quote above',
  KEY_OVER_1024_CHARS: 'a key is longer than 1024 characters: check for a missing ":" or quote',
  BAD_DQ_ESCAPE:
    'invalid escape in double quotes: write \\\\ for a backslash, or use single quotes',
  RESOURCE_EXHAUSTION: 'the YAML expands to too much data: remove the aliases (*name)',
};

function yamlErrorProblem(source: YamlSource, path: string, error: YAMLError): Problem {
  const hint = YAML_HINTS[error.code];
  const reason = String(error.message).split('\n')[0] ?? '';
  const message = /call stack/i.test(reason)
    ? 'nested too deeply for a definition: flatten the structure'
    : hint !== undefined
      ? `invalid YAML: ${hint}`
      : `invalid YAML: ${reason.replace(/\.$/, '')} (check the indentation, quotes and brackets here)`;
  return { path, ...positionAtOffset(source, error.pos?.[0] ?? 0), message };
}
