// canonicalJson's native fast path (core/runs/canonical.ts) and sameCanonicalJson
// (core/reports/fast-canonical.ts) give exactly the answers of the canonicalize library: on random
// JSON values, on the same values read back from their canonical text (where the fast path is
// taken, by construction), with keys shuffled, after a change, and on every kind of value that is
// not plain data (where the fast path must step aside: sparse arrays, toJSON, classes, non-finite
// numbers, integer-like keys, undefined).
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameCanonicalJson } from '../../../../core/reports';
import { samePlainData } from '../../../../core/reports/fast-canonical';
import { canonicalJson } from '../../../../core/runs';
import { countersigned } from './fixtures';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);

/** The canonicalize library's answer: its text, or 'throws' (undefined counts: canonicalJson throws). */
function canonicalOrThrows(value: unknown): string {
  try {
    return canonicalize(value) ?? 'throws';
  } catch {
    return 'throws';
  }
}

/** canonicalJson's answer, fast path and all. */
function fastOrThrows(value: unknown): string {
  try {
    return canonicalJson(value);
  } catch {
    return 'throws';
  }
}

/** The same data with every object's keys in reverse insertion order (canonical JSON unchanged). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, inner]) => [key, reversedKeys(inner)]));
}

const json = fc.jsonValue({ maxDepth: 4 });
/** Keys that sort differently as numbers and as text ("10" < "9"), and the odd ones. */
const awkwardKeys = fc.constantFrom('10', '9', '0', '__proto__', 'toJSON', 'é', '\ud800', 'a', 'B');
const awkward = fc.dictionary(awkwardKeys, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 });

describe('canonicalJson', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes a signed report read from its canonical text with one JSON.stringify', async () => {
    const report = await countersigned();
    const text = canonicalOrThrows(report);
    const parsed: unknown = JSON.parse(text);
    const stringify = vi.spyOn(JSON, 'stringify');
    expect(canonicalJson(parsed)).toBe(text);
    expect(stringify).toHaveBeenCalledTimes(1);
    // The report as built (keys in the builder's order) takes canonicalize's way, same text.
    expect(canonicalJson(report)).toBe(text);
  });

  it('writes what the canonicalize library writes for random JSON values', () => {
    fc.assert(
      fc.property(fc.oneof(json, awkward), (value) => {
        expect(fastOrThrows(value)).toBe(canonicalOrThrows(value));
      }),
      { numRuns },
    );
  });

  it('takes the native way for a value parsed from canonical text, with the same answer', () => {
    fc.assert(
      fc.property(fc.oneof(json, awkward), (value) => {
        const text = canonicalOrThrows(value);
        const parsed: unknown = JSON.parse(text);
        expect(canonicalJson(parsed)).toBe(text);
        expect(canonicalJson(reversedKeys(parsed))).toBe(text);
      }),
      { numRuns },
    );
  });

  it('steps aside for values that are not plain data, giving canonicalJson’s answer', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays -- a hole on purpose
    const values: unknown[] = [
      { b: 1, a: 2 },
      { a: undefined, b: [undefined, null] },
      { a: -0, b: 1e21, c: 1e-7, d: 0.1 + 0.2 },
      { a: Number.NaN },
      { a: Number.POSITIVE_INFINITY },
      { a: sparse },
      { a: new Date(0) },
      { a: { toJSON: () => 'instead' } },
      { a: new Point(1, 2) },
      { a: new Map([['k', 1]]) },
      { a: () => 1 },
      { a: Symbol('s') },
      { 10: 'ten', 9: 'nine' },
      { a: new Uint8Array(12) },
      JSON.parse('{"__proto__":{"x":1},"a":1}'),
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      { s: 'lone \ud800 surrogate, "quotes", \\ and \n' },
      [],
      {},
      'text',
      5,
      null,
      undefined,
    ];
    for (const value of values) expect(fastOrThrows(value)).toBe(canonicalOrThrows(value));
  });
});

describe('sameCanonicalJson', () => {
  it('answers canonicalJson(a) === canonicalJson(b) for random pairs, shuffled and changed', () => {
    fc.assert(
      fc.property(fc.oneof(json, awkward), fc.oneof(json, awkward), (a, b) => {
        expect(sameCanonicalJson(a, b)).toBe(canonicalOrThrows(a) === canonicalOrThrows(b));
        expect(sameCanonicalJson(a, reversedKeys(a))).toBe(true);
        expect(samePlainData(a, reversedKeys(a))).toBe(true);
      }),
      { numRuns },
    );
  });

  it('tells a change anywhere in a report-like value, and never a mere reordering', () => {
    const report = {
      body: { reportId: 'r-1', items: [{ id: 'a', done: true, value: 1 }, { id: 'b' }] },
      signatures: [{ value: 'sig', statement: { purpose: 'sign-off' } }],
    };
    const changes: ((copy: typeof report) => void)[] = [
      (copy) => (copy.body.reportId = 'r-2'),
      (copy) => (copy.body.items[0]!.value = 2),
      (copy) => copy.body.items.pop(),
      (copy) => Object.assign(copy.body.items[1]!, { extra: null }),
      (copy) => delete (copy.body.items[0] as { done?: boolean }).done,
      (copy) => (copy.signatures[0]!.statement.purpose = 'countersign'),
    ];
    for (const change of changes) {
      const copy = structuredClone(report);
      change(copy);
      expect(sameCanonicalJson(report, copy)).toBe(false);
      expect(samePlainData(report, copy)).toBe(false);
    }
    expect(sameCanonicalJson(report, reversedKeys(report))).toBe(true);
  });

  it('keeps canonicalJson’s answer where data is not plain', () => {
    const pairs: [unknown, unknown][] = [
      [{ a: undefined, b: 1 }, { b: 1 }],
      [[undefined], [null]],
      [{ a: -0 }, { a: 0 }],
      [{ a: Number.NaN }, { a: Number.NaN }],
      [{ a: new Date(0) }, { a: '1970-01-01T00:00:00.000Z' }],
      [JSON.parse('{"__proto__":{"x":1},"a":1}'), { a: 1 }],
      [{ a: [1, , 3] }, { a: [1, undefined, 3] }], // eslint-disable-line no-sparse-arrays -- a hole on purpose
      [{ a: [1, , 3] }, { a: [1, 3] }], // eslint-disable-line no-sparse-arrays -- a hole on purpose
    ];
    for (const [a, b] of pairs) {
      expect(sameCanonicalJson(a, b)).toBe(
        canonicalOrThrows(a) === canonicalOrThrows(b) && canonicalOrThrows(a) !== 'throws',
      );
    }
  });
});
