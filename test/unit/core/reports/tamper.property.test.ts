// Property: any single change to a signed report (one leaf value changed anywhere in the body or a
// statement or a signature, a field added, a field deleted, a list entry removed or repeated) fails
// verification; re-ordering keys (not a change in canonical JSON) never does. The one exception is
// dropping the LAST signature: that is the report exactly as it was before that signature was
// made, which stays valid (its status shows it; the hub keeps every signature it has seen).
// Runs: FC_NUM_RUNS (default 300, what CI runs); the nightly job sets FC_NUM_RUNS=10000.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  countersign,
  createKeySigner,
  verifyReport,
  type TrustList,
} from '../../../../core/reports';
import { canonicalJson } from '../../../../core/runs';
import {
  body,
  clone,
  COUNTERSIGNED_AT,
  countersigned,
  defaultTrust,
  keyFor,
  trustedKey,
} from './fixtures';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 300);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

let report: Json;
let trust: TrustList;
const leaves: Path[] = [];
const objects: Path[] = [];
const arrays: Path[] = [];

function collect(value: Json, path: Path): void {
  if (Array.isArray(value)) {
    if (value.length > 0) arrays.push(path);
    value.forEach((inner, i) => collect(inner, [...path, i]));
  } else if (typeof value === 'object' && value !== null) {
    objects.push(path);
    for (const [key, inner] of Object.entries(value)) collect(inner, [...path, key]);
  } else {
    leaves.push(path);
  }
}

function at(root: Json, path: Path): Json {
  let current = root;
  for (const segment of path) current = (current as Record<string | number, Json>)[segment] as Json;
  return current;
}

/** Sets an own property, even for a key like "__proto__". */
function setOwn(target: object, key: string | number, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function tweak(value: Json): fc.Arbitrary<Json> {
  if (typeof value === 'string') {
    return fc
      .tuple(fc.nat({ max: Math.max(0, value.length) }), fc.string({ minLength: 1, maxLength: 2 }))
      .map(([i, s]) => value.slice(0, i) + s + value.slice(i + 1));
  }
  if (typeof value === 'number') {
    return fc.constantFrom(value + 1, value - 1, -value, value + 0.5, value * 2, 1e21);
  }
  if (typeof value === 'boolean') return fc.constant(!value);
  return fc.jsonValue() as fc.Arbitrary<Json>;
}

type Mutation =
  | { kind: 'change'; path: Path; replacement: Json }
  | { kind: 'add'; path: Path; key: string; value: Json }
  | { kind: 'delete'; path: Path; key: string }
  | { kind: 'remove-entry'; path: Path; index: number }
  | { kind: 'repeat-entry'; path: Path; index: number };

function mutation(): fc.Arbitrary<Mutation> {
  const change = fc.constantFrom(...leaves).chain((path) => {
    const original = at(report, path);
    return fc
      .oneof(tweak(original), fc.jsonValue() as fc.Arbitrary<Json>)
      .filter((replacement) => canonicalJson(replacement) !== canonicalJson(original))
      .map((replacement): Mutation => ({ kind: 'change', path, replacement }));
  });
  const add = fc.constantFrom(...objects).chain((path) =>
    fc
      .record({
        key: fc.oneof(
          fc.string({ minLength: 1, maxLength: 12 }),
          fc.constantFrom('__proto__', 'extra', 'value'),
        ),
        value: fc.jsonValue() as fc.Arbitrary<Json>,
      })
      .filter(({ key }) => !Object.prototype.hasOwnProperty.call(at(report, path), key))
      .map(({ key, value }): Mutation => ({ kind: 'add', path, key, value })),
  );
  const remove = fc
    .constantFrom(...objects.filter((path) => Object.keys(at(report, path) as object).length > 0))
    .chain((path) =>
      fc
        .constantFrom(...Object.keys(at(report, path) as object))
        .map((key): Mutation => ({ kind: 'delete', path, key })),
    );
  const entry = fc.constantFrom(...arrays).chain((path) =>
    fc
      .tuple(fc.nat({ max: (at(report, path) as Json[]).length - 1 }), fc.boolean())
      .map(([index, repeat]): Mutation => ({
        kind: repeat ? 'repeat-entry' : 'remove-entry',
        path,
        index,
      }))
      .filter((m) => !isDroppingLastSignature(m)),
  );
  return fc.oneof(
    { arbitrary: change, weight: 4 },
    { arbitrary: add, weight: 2 },
    { arbitrary: remove, weight: 2 },
    { arbitrary: entry, weight: 1 },
  );
}

function isDroppingLastSignature(m: Mutation): boolean {
  const signatures = (report as { signatures: Json[] }).signatures;
  return (
    m.kind === 'remove-entry' &&
    m.path.length === 1 &&
    m.path[0] === 'signatures' &&
    m.index === signatures.length - 1
  );
}

function apply(m: Mutation): Json {
  const copy = clone(report);
  if (m.kind === 'change') {
    const parent = at(copy, m.path.slice(0, -1)) as object;
    setOwn(parent, m.path.at(-1) as string | number, m.replacement);
  } else if (m.kind === 'add') {
    setOwn(at(copy, m.path) as object, m.key, m.value);
  } else if (m.kind === 'delete') {
    delete (at(copy, m.path) as Record<string, Json>)[m.key];
  } else {
    const list = at(copy, m.path) as Json[];
    if (m.kind === 'remove-entry') list.splice(m.index, 1);
    else list.splice(m.index, 0, clone(list[m.index] as Json));
  }
  return copy;
}

function shuffleKeys(value: Json, order: number[], depth = 0): Json {
  if (Array.isArray(value)) return value.map((inner) => shuffleKeys(inner, order, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotate = (order[depth % order.length] ?? 0) % Math.max(1, entries.length);
  const rotated = [...entries.slice(rotate), ...entries.slice(0, rotate)];
  return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, order, depth + 1)]));
}

beforeAll(async () => {
  // Signed off, countersigned with a comment, countersigned again: the middle signature can be
  // removed, and every kind of leaf is there.
  const second = createKeySigner(keyFor('sue'), { name: 'Sue Super', role: 'supervisor' });
  report = clone(
    await countersign(second, await countersigned(body()), COUNTERSIGNED_AT),
  ) as unknown as Json;
  trust = await defaultTrust();
  trust.keys.push(await trustedKey(second));
  collect(report, []);
});

describe('tampering with a signed report', () => {
  it('the untouched report verifies', () => {
    expect(verifyReport(report, trust).problems).toEqual([]);
    expect((report as { signatures: Json[] }).signatures).toHaveLength(3);
    expect(leaves.length).toBeGreaterThan(100);
  });

  it('any single change fails verification', () => {
    fc.assert(
      fc.property(mutation(), (m) => {
        const result = verifyReport(apply(m), trust);
        if (result.valid) throw new Error(`accepted after ${JSON.stringify(m)}`);
        expect(result.problems.length).toBeGreaterThan(0);
      }),
      { numRuns },
    );
  });

  it('re-ordering keys changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), (order) => {
        expect(verifyReport(shuffleKeys(report, order), trust).valid).toBe(true);
      }),
      { numRuns: Math.min(numRuns, 100) },
    );
  });
});
