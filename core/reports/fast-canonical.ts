// RFC 8785 canonical JSON of plain data at native speed, and equality of two values' canonical JSON
// without writing it out: for 145 KB reports, canonicalize's recursive string building costs several
// times JSON.parse. Both fall back to canonicalJson (the canonicalize library, core/runs/canonical.ts)
// for anything that is not plain data, so they give exactly its answers, for every input
// (test/unit/core/reports/fast-canonical.property.test.ts checks them against it on random values).
//
// Why JSON.stringify is canonical here: for plain data (plain objects and arrays without holes,
// strings, finite numbers, booleans, null; undefined and symbols left out as canonicalize leaves them),
// JSON.stringify writes strings and numbers exactly as canonicalize does (canonicalize calls it on
// every primitive) and the properties in Object.keys order. When that order is already sorted (by
// UTF-16 code units, as RFC 8785 and Array.prototype.sort compare) in every object, which is the case
// for anything JSON.parse read from canonical text, the output is the canonical text.
import { canonicalJson } from '../runs/canonical';

/** A plain object or array (nothing with its own toJSON, class or holes), not null. */
function isPlainContainer(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) return prototype === Array.prototype;
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/** Whether canonicalize leaves this property out (and JSON.stringify too). */
function leftOut(value: unknown): boolean {
  return value === undefined || typeof value === 'symbol';
}

/** A primitive both write the same way (non-finite numbers: canonicalize throws; bigint: both throw). */
function isPlainPrimitive(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Plain data whose every object lists its keys in canonical order (see the top). */
function isSortedPlainData(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return isPlainPrimitive(value);
  if (!isPlainContainer(value)) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return false;
      const item: unknown = value[i];
      if (!leftOut(item) && !isSortedPlainData(item)) return false;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    const item = record[keys[i]!];
    if (!leftOut(item) && !isSortedPlainData(item)) return false;
  }
  return true;
}

/** canonicalJson(value), through JSON.stringify when that gives the same text (see the top). */
export function fastCanonicalJson(value: unknown): string {
  if (typeof value === 'object' && value !== null && isSortedPlainData(value)) {
    return JSON.stringify(value);
  }
  return canonicalJson(value);
}

/**
 * Whether a and b are both plain data (see the top) with the same canonical JSON; false when
 * unsure (then ask sameCanonicalJson).
 */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return isPlainPrimitive(a) && a === b;
  }
  if (!isPlainContainer(a) || !isPlainContainer(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (!(i in a) || !(i in b) || !samePlainData(a[i], b[i])) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key of Object.keys(left)) {
    const item = left[key];
    if (leftOut(item)) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !samePlainData(item, right[key])) {
      return false;
    }
  }
  let other = 0;
  for (const key of Object.keys(right)) if (!leftOut(right[key])) other++;
  return count === other;
}

/**
 * canonicalJson(a) === canonicalJson(b), false when either cannot be canonicalised: a walk over
 * both when they are plain data, canonicalJson itself when the walk is not sure.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  if (samePlainData(a, b)) return true;
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}
