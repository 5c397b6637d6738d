// Text the hub stores in a column must survive both engines unchanged: PostgreSQL refuses the NUL
// character in text, and both engines would replace a lone UTF-16 surrogate when encoding UTF-8, so
// a stored id would no longer equal the one received. Such text is refused as bad input (4xx)
// before it reaches the store; JSON stored as text escapes both, so only columns need this.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** Paths (like `blockers.0.reason`) of the strings inside `value` the hub cannot store as text. */
export function unstorablePaths(value: unknown, path = ''): string[] {
  if (typeof value === 'string')
    return isStorableText(value) ? [] : [path === '' ? '(value)' : path];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      unstorablePaths(item, path === '' ? `${index}` : `${path}.${index}`),
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(isStorableText(key) ? [] : [`${path}(key)`]),
      ...unstorablePaths(item, path === '' ? key : `${path}.${key}`),
    ]);
  }
  return [];
}
