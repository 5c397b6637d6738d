// Which fields differ between two copies of a report body (or any two JSON values): paths like
// `sections[0].items[2].notes`, in document order. Used when two copies disagree (the PDF's
// embedded report and a bundle's, the hub's stored copy and an upload) and to say what changed
// after signing when the signed copy is at hand.
import { formatPath } from './shape-issues';

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(a: Json, b: Json, path: PropertyKey[], out: string[], limit: number): void {
  if (out.length >= limit) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const length = Math.max(a.length, b.length);
    for (let i = 0; i < length; i++) {
      if (i >= a.length || i >= b.length) out.push(formatPath([...path, i]));
      else walk(a[i], b[i], [...path, i], out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const inA = Object.prototype.hasOwnProperty.call(a, key);
      const inB = Object.prototype.hasOwnProperty.call(b, key);
      if (inA !== inB) out.push(formatPath([...path, key]));
      else walk(a[key], b[key], [...path, key], out, limit);
      if (out.length >= limit) return;
    }
    return;
  }
  if (a !== b) out.push(formatPath(path));
}

/** Paths of the fields that differ (added, removed or changed); [] when the copies are equal. */
export function diffReportBodies(a: unknown, b: unknown, limit = 1_000): string[] {
  const out: string[] = [];
  walk(a, b, [], out, limit);
  return out.map((path) => (path === '' ? '(the whole body)' : path));
}
