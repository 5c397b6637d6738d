// Whether two values have the same canonical JSON without writing it out: verifyReport asks it of
// the report as received and what its schema parsed (hundreds of KB for a report with its history),
// and the history check of the history the events give and the one the report holds. A walk over
// both when they are plain data (core/runs/canonical.ts says what that is); canonicalJson itself
// when the walk is not sure, so the answer is always canonicalJson(a) === canonicalJson(b)
// (test/unit/core/reports/fast-canonical.property.test.ts).
import { canonicalJson, isLeftOut, isPlainContainer, isPlainPrimitive } from '../runs/canonical';

/**
 * Whether a and b are both plain data with the same canonical JSON; false when unsure (then ask
 * sameCanonicalJson).
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
    if (isLeftOut(item)) continue;
    count++;
    if (!Object.prototype.hasOwnProperty.call(right, key) || !samePlainData(item, right[key])) {
      return false;
    }
  }
  let other = 0;
  for (const key of Object.keys(right)) if (!isLeftOut(right[key])) other++;
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
