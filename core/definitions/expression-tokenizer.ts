// Splits a `when` expression into tokens. Every error names the offset and says how to fix it; the
// parser (expression.ts) turns tokens into the syntax tree.

export type Keyword = 'and' | 'or' | 'not' | 'in' | 'true' | 'false';
export type OperatorSymbol = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type Punctuation = '(' | ')' | '[' | ']' | ',';

export type Token =
  | { kind: 'number'; value: number; offset: number; text: string }
  | { kind: 'string'; value: string; offset: number; text: string }
  | { kind: 'identifier'; name: string; offset: number; text: string }
  | { kind: 'keyword'; keyword: Keyword; offset: number; text: string }
  | { kind: 'operator'; operator: OperatorSymbol; offset: number; text: string }
  | { kind: 'punctuation'; symbol: Punctuation; offset: number; text: string }
  | { kind: 'end'; offset: number; text: string };

export interface TokenizeError {
  message: string;
  offset: number;
}

const KEYWORDS: ReadonlySet<string> = new Set(['and', 'or', 'not', 'in', 'true', 'false']);
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?(?![A-Za-z0-9_.])/y;
const TWO_CHARACTER_OPERATORS: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=']);

/** Hints for symbols people bring from other languages. */
const FOREIGN_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['&&', 'write "and" instead of "&&"'],
  ['||', 'write "or" instead of "||"'],
  ['&', 'write "and" instead of "&"'],
  ['|', 'write "or" instead of "|"'],
  ['!', 'write "not" instead of "!"'],
  ['=', 'write "==" to compare'],
  ["'", 'text values use double quotes, like "DE"'],
]);

export function tokenize(
  source: string,
): { ok: true; tokens: Token[] } | { ok: false; error: TokenizeError } {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    const character = source[offset] ?? '';
    if (character === ' ' || character === '\t' || character === '\n' || character === '\r') {
      offset += 1;
      continue;
    }
    const twoCharacters = source.slice(offset, offset + 2);
    if (TWO_CHARACTER_OPERATORS.has(twoCharacters)) {
      tokens.push({
        kind: 'operator',
        operator: twoCharacters as OperatorSymbol,
        offset,
        text: twoCharacters,
      });
      offset += 2;
      continue;
    }
    const foreignSymbol = [twoCharacters, character].find((symbol) => FOREIGN_SYMBOLS.has(symbol));
    if (foreignSymbol !== undefined) {
      const hint = FOREIGN_SYMBOLS.get(foreignSymbol) ?? '';
      return { ok: false, error: { message: `unexpected "${foreignSymbol}": ${hint}`, offset } };
    }
    if (character === '<' || character === '>') {
      tokens.push({ kind: 'operator', operator: character, offset, text: character });
      offset += 1;
      continue;
    }
    if (
      character === '(' ||
      character === ')' ||
      character === '[' ||
      character === ']' ||
      character === ','
    ) {
      tokens.push({ kind: 'punctuation', symbol: character, offset, text: character });
      offset += 1;
      continue;
    }
    if (character === '"') {
      const string = readString(source, offset);
      if (!string.ok) return string;
      tokens.push({
        kind: 'string',
        value: string.value,
        offset,
        text: source.slice(offset, string.end),
      });
      offset = string.end;
      continue;
    }
    NUMBER.lastIndex = offset;
    const number = NUMBER.exec(source);
    if (number !== null) {
      tokens.push({ kind: 'number', value: Number(number[0]), offset, text: number[0] });
      offset += number[0].length;
      continue;
    }
    if (/[-0-9]/.test(character)) {
      return {
        ok: false,
        error: { message: 'malformed number: write numbers like 20, -3 or 2.5', offset },
      };
    }
    IDENTIFIER.lastIndex = offset;
    const word = IDENTIFIER.exec(source);
    if (word !== null) {
      const text = word[0];
      tokens.push(
        KEYWORDS.has(text)
          ? { kind: 'keyword', keyword: text as Keyword, offset, text }
          : { kind: 'identifier', name: text, offset, text },
      );
      offset += text.length;
      continue;
    }
    return {
      ok: false,
      error: {
        message: `unexpected character "${character}": use parameter names, numbers, "text", comparisons (== != < <= > >=), and, or, not, in [...] and parentheses`,
        offset,
      },
    };
  }
  tokens.push({ kind: 'end', offset: source.length, text: '' });
  return { ok: true, tokens };
}

/** Reads a double-quoted string starting at `start`; only \" and \\ are escapes. */
function readString(
  source: string,
  start: number,
): { ok: true; value: string; end: number } | { ok: false; error: TokenizeError } {
  let value = '';
  let offset = start + 1;
  while (offset < source.length) {
    const character = source[offset];
    if (character === '"') return { ok: true, value, end: offset + 1 };
    if (character === '\\') {
      const escaped = source[offset + 1];
      if (escaped !== '"' && escaped !== '\\') {
        return {
          ok: false,
          error: { message: 'unknown escape: inside "text" only \\" and \\\\ are escapes', offset },
        };
      }
      value += escaped;
      offset += 2;
      continue;
    }
    value += character;
    offset += 1;
  }
  return {
    ok: false,
    error: { message: 'unterminated text: add the closing double quote', offset: start },
  };
}
