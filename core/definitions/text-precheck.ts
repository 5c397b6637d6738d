// Checks on the raw text before it reaches the YAML parser: empty, too large, binary or not UTF-8,
// CR LF line endings, control characters, and nesting deep enough to exhaust the parser's stack
// (nesting-precheck.ts). Stops at the first hit.
import { findExcessiveNesting } from './nesting-precheck';
import type { Problem } from './problem';
import { LIMITS } from './schema';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function precheckText(text: string, path: string): Problem[] {
  const at = (offset: number, message: string): Problem[] => [
    { path, ...lineAndColumnAt(text, offset), message },
  ];
  if (text.trim() === '') {
    return at(
      0,
      'the file is empty: a definition needs id, version, title, kind, changelog, departments and sections (see checklists/README.md)',
    );
  }
  const bytes = utf8ByteLength(text);
  if (bytes > LIMITS.fileBytes) {
    return at(
      0,
      `the file is ${bytes} bytes; at most ${LIMITS.fileBytes} are allowed: split it into smaller checklists`,
    );
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    return at(
      nul,
      'the file looks binary (it contains a NUL byte): a definition must be UTF-8 text',
    );
  }
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) {
    return at(
      replacement,
      'the file is not valid UTF-8 (or contains the replacement character U+FFFD): save it as UTF-8 text',
    );
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate !== null) {
    return at(
      surrogate.index,
      'the text is not valid Unicode (a lone surrogate): save it as UTF-8 text',
    );
  }
  const carriageReturn = text.indexOf('\r');
  if (carriageReturn >= 0) {
    return at(
      carriageReturn,
      'Windows line endings (CR LF): convert the file to LF line endings (published files are hashed byte for byte)',
    );
  }
  const control = findControlCharacter(text);
  if (control >= 0) {
    const code = text.charCodeAt(control).toString(16).toUpperCase().padStart(4, '0');
    return at(
      control,
      `invisible control character U+${code}: delete it (only tabs and line breaks are allowed)`,
    );
  }
  const tooDeep = findExcessiveNesting(text);
  return tooDeep === undefined ? [] : at(tooDeep.offset, tooDeep.message);
}

/** 1-based line and column (in UTF-16 units) of an offset in the text. */
export function lineAndColumnAt(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index >= 0 && index < end;
    index = text.indexOf('\n', index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** C0 and C1 controls other than tab, line feed, carriage return and next line (YAML forbids them). */
function findControlCharacter(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const isControl =
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      (code >= 0x7f && code <= 0x9f && code !== 0x85);
    if (isControl) return index;
  }
  return -1;
}

function utf8ByteLength(text: string): number {
  if (text.length > LIMITS.fileBytes) return text.length; // every UTF-16 unit takes at least one byte
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}
