// Walks the YAML syntax tree for content that must never load: repeated keys, keys that can tamper
// with JavaScript objects (__proto__, constructor, prototype), raw HTML in text (the app renders Markdown
// only), script links, and nesting deeper than any definition needs. Aliases are not followed:
// their anchors are checked where they are defined.
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { formatNodePath, quoteValue, type NodePath, type Problem } from './problem';
import { offsetInScalar, positionAtOffset, type YamlSource } from './yaml-source';

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deeper than any definition (document > sections > item > choices > choice > field is 6). */
export const MAX_NESTING = 24;

/**
 * Conservative: a tag start (<b, </div, <script), a comment (<!--), a declaration (<!DOCTYPE, <![CDATA[)
 * or a processing instruction (<?xml). "a < b" and Markdown autolinks (<https://...>) pass.
 */
const RAW_HTML = /<\/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)|<!--|<![A-Za-z[]|<\?[A-Za-z]/;
const SCRIPT_LINK = /\]\(\s*<?\s*(?:javascript|vbscript|data):/i;

/** Fields that hold expressions, not text. */
const EXPRESSION_FIELDS: ReadonlySet<string> = new Set(['when']);

export interface UnsafeContent {
  /** Problems that make loading the document unsafe: stop before converting it. */
  blocking: Problem[];
  /** Problems in text values: report them alongside the shape and semantic checks. */
  text: Problem[];
}

interface PendingNode {
  node: YamlNode | null | undefined;
  path: NodePath;
}

export function findUnsafeContent(source: YamlSource, path: string): UnsafeContent {
  const blocking: Problem[] = [];
  const text: Problem[] = [];
  const pending: PendingNode[] = [{ node: source.document.contents, path: [] }];
  while (pending.length > 0) {
    const { node, path: nodePath } = pending.pop() as PendingNode;
    if (node === null || node === undefined) continue;
    if (nodePath.length > MAX_NESTING) {
      blocking.push(
        problemAt(
          source,
          path,
          node.range?.[0],
          `${formatNodePath(nodePath.slice(0, 4))}…: nested more than ${MAX_NESTING} levels deep: flatten the structure`,
        ),
      );
      break;
    }
    if (isMap(node)) {
      const seenKeys = new Map<string, YamlNode>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const keyNode = pair.key as YamlNode;
        const first = seenKeys.get(key);
        if (first !== undefined) {
          const firstLine = positionAtOffset(source, first.range?.[0] ?? 0).line;
          blocking.push(
            problemAt(
              source,
              path,
              keyNode.range?.[0],
              `${formatNodePath(nodePath)}: ${quoteValue(key)} appears twice in this mapping (first at line ${firstLine}): remove or rename one of them`,
            ),
          );
          continue;
        }
        seenKeys.set(key, keyNode);
        if (FORBIDDEN_KEYS.has(key)) {
          blocking.push(
            problemAt(
              source,
              path,
              (pair.key as YamlNode).range?.[0],
              `${formatNodePath(nodePath)}: "${key}" cannot be used as a key (it could tamper with objects when loaded): remove it`,
            ),
          );
          continue;
        }
        if (EXPRESSION_FIELDS.has(key)) continue;
        pending.push({ node: pair.value as YamlNode | null, path: [...nodePath, key] });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) =>
        pending.push({ node: item as YamlNode | null, path: [...nodePath, index] }),
      );
    } else if (isScalar(node) && typeof node.value === 'string') {
      const problem = unsafeText(source, path, node, nodePath);
      if (problem !== undefined) text.push(problem);
    }
  }
  return { blocking, text };
}

function unsafeText(
  source: YamlSource,
  path: string,
  node: YamlNode,
  nodePath: NodePath,
): Problem | undefined {
  const value = (node as { value: string }).value;
  const html = RAW_HTML.exec(value);
  if (html !== null) {
    const offset = offsetInScalar(source, node, html.index);
    return problemAt(
      source,
      path,
      offset,
      `${formatNodePath(nodePath)}: raw HTML ("${html[0]}") is not allowed: write Markdown instead, or put a space after "<" if you mean less-than`,
    );
  }
  const link = SCRIPT_LINK.exec(value);
  if (link !== null) {
    const offset = offsetInScalar(source, node, link.index);
    return problemAt(
      source,
      path,
      offset,
      `${formatNodePath(nodePath)}: links must use http(s) or mailto, not script or data URLs: change the link target`,
    );
  }
  return undefined;
}

function problemAt(
  source: YamlSource,
  path: string,
  offset: number | undefined,
  message: string,
): Problem {
  return { path, ...positionAtOffset(source, offset ?? 0), message };
}
