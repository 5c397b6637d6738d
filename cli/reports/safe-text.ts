// Text from a report (names, comments, messages quoting them) is printed to a terminal: control
// characters and bidirectional overrides are shown escaped, so a crafted name cannot add a fake
// "VALID" line, clear the screen or reorder what the supervisor reads.

function isUnsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function safeLine(line: string): string {
  let out = '';
  for (const char of line) {
    const code = char.codePointAt(0) ?? 0;
    out += isUnsafe(code) ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }
  return out;
}
