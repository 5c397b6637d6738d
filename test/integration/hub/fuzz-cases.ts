// Fuzzing every POST endpoint with fast-check: random JSON, mutated valid bodies (fields dropped,
// retyped, added, signatures altered), random bytes and mutated stored bundles. Whatever arrives,
// the hub answers 4xx (or replays what it already holds) and never changes its data: the row count
// of every table is compared after each request. Issue 11's attackers are enrolled ones too: the
// administrator of office B (a real token, a trusted key) pushing random revisions of A's report,
// a supervisor of B probing report ids, and callers sending bodies of every role, content type and
// declared size.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Signature } from '../../../core/reports/index';
import { countersign } from '../../../core/reports/index';
import { pathOf, PATHS } from '../../../core/sync/wire-protocol';
import type { RequestOptions, StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID, snapshot } from './people';
import { signedBundle } from './report-fixtures';
import { claimLength } from './streaming-attack';

/** Runs per property; HUB_FUZZ_RUNS=500 for a longer local hunt. */
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 40);

/** A value no field of the wire protocol accepts. */
const WRONG = { wrong: true };

function mutate(
  value: Record<string, unknown>,
  key: string,
  kind: number,
): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  if (kind === 0) delete copy[key];
  else if (kind === 1) copy[key] = WRONG;
  else copy[`${key}Extra`] = 1;
  return copy;
}

export function fuzzCases(factory: () => StoreFactory): void {
  describe('fuzzing the POST endpoints', () => {
    let hub: TestHub;
    let people: People;
    let storedBundle: Uint8Array;
    let storedHash: string;
    let signature: Signature;
    const target = () => pathOf(PATHS.reportSignatures, { reportId: 'fuzz-report', revision: 1 });

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'fuzz-report',
        office: BERLIN,
      });
      const pushed = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      expect(pushed.status).toBe(201);
      storedBundle = report.bytes;
      storedHash = report.reportHash;
      const reviewed = await countersign(
        people.supervisorA.signer,
        report.signed,
        '2025-06-02T09:00:00.000Z',
      );
      signature = reviewed.signatures[1] as Signature;
      const progress = await hub.request('POST', PATHS.progress, {
        token: people.adminA.token,
        json: snapshot('fuzz-run', BERLIN, '2025-06-01T10:00:00.000Z'),
      });
      expect(progress.status).toBe(201);
    });
    afterAll(() => hub.close());

    /** Sends a request; fails on a 5xx or on any change of the stored data. */
    async function unchanged(
      method: string,
      path: string,
      options: RequestOptions,
    ): Promise<number> {
      const before = await hub.store.counts();
      const response = await hub.request(method, path, options);
      expect(response.status, JSON.stringify(response.json)).toBeLessThan(500);
      expect(response.status).not.toBe(201);
      expect(await hub.store.counts()).toEqual(before);
      return response.status;
    }

    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
    );

    it('refuses text the store cannot keep as it is (NUL, lone surrogates) with a 4xx', async () => {
      const adminA = people.adminA.token;
      for (const bad of ['Berlin\u0000', 'run-\ud800']) {
        const report = await signedBundle(people.adminA.signer, { reportId: bad, office: BERLIN });
        expect(await unchanged('POST', PATHS.reports, { token: adminA, bytes: report.bytes })).toBe(
          422,
        );
        // An office Berlin's administrator does not administer: refused before it is verified.
        const office = await signedBundle(people.adminA.signer, {
          reportId: 'fuzz-x',
          office: bad,
        });
        expect(await unchanged('POST', PATHS.reports, { token: adminA, bytes: office.bytes })).toBe(
          403,
        );
        const run = snapshot(bad, BERLIN, '2025-06-01T10:00:00.000Z');
        expect(await unchanged('POST', PATHS.progress, { token: adminA, json: run })).toBe(400);
        const enroll = {
          code: 'AAAAA-BBBBB-CCCCC',
          publicKey: people.head.publicKey,
          deviceName: bad,
        };
        expect(await unchanged('POST', PATHS.enroll, { json: enroll })).toBe(400);
        // In a URL: NUL percent-encoded, a lone surrogate as its (invalid) UTF-8.
        const inUrl = bad.includes('\u0000') ? encodeURIComponent(bad) : 'run-%ED%A0%80';
        const head = people.head.token;
        expect(await unchanged('GET', `${PATHS.reports}/${inUrl}/1`, { token: head })).toBe(400);
        // A query string with invalid UTF-8 is read leniently (never a lone surrogate): any 4xx/2xx.
        const listed = await unchanged('GET', `${PATHS.progress}?runId=${inUrl}`, { token: head });
        if (bad.includes('\u0000')) expect(listed).toBe(400);
      }
    });

    it('enroll: random JSON and malformed requests', async () => {
      await fc.assert(
        fc.asyncProperty(json, async (body) => {
          await unchanged('POST', PATHS.enroll, { json: body });
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              code: fc.string({ unit: 'binary' }),
              publicKey: fc.string(),
              deviceName: fc.string({ unit: 'binary' }),
            },
            { requiredKeys: [] },
          ),
          async (body) => {
            await unchanged('POST', PATHS.enroll, { json: body });
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('reports: random bytes, random JSON and mutated bundles', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 2048 }),
          fc.constantFrom(
            'application/zip',
            'application/json',
            'text/plain',
            'application/octet-stream',
          ),
          async (bytes, contentType) => {
            await unchanged('POST', PATHS.reports, {
              token: people.adminA.token,
              bytes,
              contentType,
            });
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(json, async (body) => {
          await unchanged('POST', PATHS.reports, { token: people.adminA.token, json: body });
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: storedBundle.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          async (position, flip) => {
            const bytes = Uint8Array.from(storedBundle);
            bytes[position] = (bytes[position] ?? 0) ^ flip;
            await unchanged('POST', PATHS.reports, { token: people.adminA.token, bytes });
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('signatures: random JSON, mutated and altered signatures, random paths', async () => {
      await fc.assert(
        fc.asyncProperty(json, async (body) => {
          await unchanged('POST', target(), { token: people.supervisorA.token, json: body });
        }),
        { numRuns: RUNS },
      );
      const statementKeys = Object.keys(signature.statement);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...statementKeys, 'value'),
          fc.integer({ min: 0, max: 2 }),
          async (key, kind) => {
            const altered =
              key === 'value'
                ? mutate(signature as unknown as Record<string, unknown>, key, kind)
                : {
                    ...signature,
                    statement: mutate(
                      signature.statement as unknown as Record<string, unknown>,
                      key,
                      kind,
                    ),
                  };
            await unchanged('POST', target(), {
              token: people.supervisorA.token,
              json: { signature: altered },
            });
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 85 }),
          fc.constantFrom('A', 'B', '_', '-'),
          async (position, char) => {
            const value = signature.value;
            const next = `${value.slice(0, position)}${char}${value.slice(position + 1)}`;
            fc.pre(next !== value);
            await unchanged('POST', target(), {
              token: people.supervisorA.token,
              json: { signature: { ...signature, value: next } },
            });
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'binary' }),
          async (reportId, revision) => {
            fc.pre(reportId !== '' && revision !== '');
            const path = `${PATHS.reports}/${encodeURIComponent(reportId)}/${encodeURIComponent(revision)}/signatures`;
            await unchanged('POST', path, { token: people.supervisorA.token, json: { signature } });
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('progress: random JSON and mutated snapshots', async () => {
      await fc.assert(
        fc.asyncProperty(json, async (body) => {
          await unchanged('POST', PATHS.progress, { token: people.adminA.token, json: body });
        }),
        { numRuns: RUNS },
      );
      const valid = snapshot('fuzz-run-2', BERLIN, '2025-06-01T11:00:00.000Z') as unknown as Record<
        string,
        unknown
      >;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(valid)),
          fc.integer({ min: 0, max: 2 }),
          async (key, kind) => {
            await unchanged('POST', PATHS.progress, {
              token: people.adminA.token,
              json: mutate(valid, key, kind),
            });
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (bytes) => {
          await unchanged('POST', PATHS.progress, {
            token: people.adminA.token,
            bytes,
            contentType: 'application/json',
          });
        }),
        { numRuns: RUNS },
      );
    });

    it("office B's administrator: random revisions of A's report never change it or reveal it", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 4 }),
          fc.constantFrom<string | null>(null, 'f'.repeat(64), 'STORED'),
          fc.constantFrom(MADRID, BERLIN, 'Paris'),
          async (revision, supersedes, office) => {
            const forged = await signedBundle(people.adminB.signer, {
              reportId: 'fuzz-report',
              office,
              revision,
              supersedes: supersedes === 'STORED' ? storedHash : supersedes,
              lessonsLearned: 'Taken over.',
            });
            const status = await unchanged('POST', PATHS.reports, {
              token: people.adminB.token,
              bytes: forged.bytes,
            });
            expect([403, 409, 422]).toContain(status);
          },
        ),
        { numRuns: RUNS },
      );
      const chain = await hub.store.reportRevisions('fuzz-report');
      expect(chain.map((r) => [r.revision, r.office, r.reportHash])).toEqual([
        [1, BERLIN, storedHash],
      ]);
    });

    it("office B's people: A's report and made-up ids answer alike (404 or 400), never 403", async () => {
      const supervisorB = await hub.enroll(
        'fuzz-supervisor-b',
        'Fay Supervisor',
        'supervisor',
        undefined,
        [MADRID],
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.constant('fuzz-report'), fc.string({ minLength: 1, maxLength: 40 })),
          fc.integer({ min: -1, max: 3 }),
          async (reportId, revision) => {
            const read = `${PATHS.reports}/${encodeURIComponent(reportId)}/${revision}`;
            const answer = await unchanged('GET', read, { token: people.adminB.token });
            expect([400, 404]).toContain(answer);
            const review = await unchanged('POST', `${read}/signatures`, {
              token: supervisorB.token,
              json: { signature },
            });
            expect([400, 404]).toContain(review);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('bodies of every role, content type and declared size: refused before reading, never stored', async () => {
      const tokens = {
        head: people.head.token,
        adminB: people.adminB.token,
        supervisorA: people.supervisorA.token,
        bad: 'b'.repeat(43),
        none: undefined,
      };
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...(Object.keys(tokens) as (keyof typeof tokens)[])),
          fc.constantFrom(PATHS.reports, PATHS.progress, target(), PATHS.enroll, PATHS.trustList),
          fc.constantFrom(
            'application/zip',
            'application/json',
            'text/plain',
            'multipart/form-data',
          ),
          // Over every limit: a body that would be accepted is never sent in full here.
          fc.constantFrom(512 * 1024 * 1024, 300 * 1024 * 1024),
          async (who, path, contentType, claimed) => {
            const token = tokens[who];
            const before = await hub.store.counts();
            const status = await claimLength({
              url: hub.url,
              path,
              ...(token === undefined ? {} : { token }),
              contentType,
              claimedLength: claimed,
            });
            expect([401, 403, 404, 413, 415]).toContain(status);
            expect(await hub.store.counts()).toEqual(before);
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}
