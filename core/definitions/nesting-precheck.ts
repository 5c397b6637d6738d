// Rejects nesting deep enough to exhaust the YAML parser's stack before parsing. The yaml package
// recurses per level; near the stack limit node has crashed with a fatal out-of-memory error instead
// of a catchable one, so depth must be bounded up front. Both scans are conservative heuristics on
// the raw text: far above any real definition (about 6 levels), far below the parser's limit.

/** Flow collections ([ ] and { }) nested deeper than this are rejected. */
export const MAX_FLOW_NESTING = 32;
/** Block nesting (indentation levels plus compact "- - -" / "? " / ": " indicators) deeper than this is rejected. */
export const MAX_BLOCK_NESTING = 64;

export interface ExcessiveNesting {
  offset: number;
  message: string;
}

export function findExcessiveNesting(text: string): ExcessiveNesting | undefined {
  const flow = findExcessiveFlowNesting(text);
  if (flow !== undefined) {
    return {
      offset: flow,
      message: `[ ] or { } nested more than ${MAX_FLOW_NESTING} levels deep: write the definition in block style, like the other checklists`,
    };
  }
  const block = findExcessiveBlockNesting(text);
  if (block !== undefined) {
    return {
      offset: block,
      message: `nested more than ${MAX_BLOCK_NESTING} levels deep: flatten the structure`,
    };
  }
  return undefined;
}

/**
 * Per line: the number of open indentation levels (a stack of indents, as in Python) plus the
 * compact indicators that open the line ("- - x" nests two sequences). Comment lines do not count.
 */
function findExcessiveBlockNesting(text: string): number | undefined {
  const indents: number[] = [];
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    let index = lineStart;
    while (index < lineEnd && text[index] === ' ') index += 1;
    const indent = index - lineStart;
    if (index < lineEnd && text[index] !== '#') {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while (isIndicator(text, index, lineEnd)) {
        compact += 1;
        index += 1;
        while (index < lineEnd && (text[index] === ' ' || text[index] === '\t')) index += 1;
      }
      if (indents.length + compact > MAX_BLOCK_NESTING) return lineStart + indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** "-", "?" or ":" followed by a space, a tab or the end of the line. */
function isIndicator(text: string, index: number, lineEnd: number): boolean {
  const character = text[index];
  if (character !== '-' && character !== '?' && character !== ':') return false;
  return index + 1 >= lineEnd || text[index + 1] === ' ' || text[index + 1] === '\t';
}

/**
 * A conservative scan for deeply nested flow collections: counts [ and { that open a value (at a
 * line start or after : - , [ { ?), skipping comments and quoted strings. Returns the offset of the
 * bracket that goes too deep, if any.
 */
function findExcessiveFlowNesting(text: string): number | undefined {
  let depth = 0;
  let previous = '\n';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] as string;
    const opensValue = '\n:-,[{?'.includes(previous);
    if (character === '#' && (index === 0 || ' \t\n\r'.includes(text[index - 1] as string))) {
      index = skipUntil(text, index, '\n') - 1;
    } else if ((character === '"' || character === "'") && opensValue) {
      index = skipQuoted(text, index);
      previous = character;
    } else if ((character === '[' || character === '{') && opensValue) {
      depth += 1;
      if (depth > MAX_FLOW_NESTING) return index;
      previous = character;
    } else if (character === ']' || character === '}') {
      depth = Math.max(0, depth - 1);
      previous = character;
    } else if (character !== ' ' && character !== '\t' && character !== '\r') {
      previous = character;
    }
  }
  return undefined;
}

function skipUntil(text: string, from: number, character: string): number {
  const found = text.indexOf(character, from);
  return found < 0 ? text.length : found;
}

/** Returns the offset of the closing quote (or the end of the text). */
function skipQuoted(text: string, start: number): number {
  const quote = text[start];
  for (let index = start + 1; index < text.length; index += 1) {
    const character = text[index];
    if (quote === '"' && character === '\\') index += 1;
    else if (character === quote) {
      if (quote === "'" && text[index + 1] === "'") index += 1;
      else return index;
    }
  }
  return text.length;
}
