// Fuzzing the push of events (POST /v1/runs/:runId/events) with fast-check: random JSON, valid
// events with a field dropped, retyped or added, payloads changed under their hash, random seqs,
// prevHashes and clocks, random bytes, random run ids, pushed by a member, by an enrolled
// administrator of another office and by a removed member. Whatever arrives, the hub answers 4xx
// (or counts duplicates of what it holds) and its tables keep the same row counts.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../../core/runs';
import { hashEvent } from '../../../../core/runs';
import { parseRunEvent } from '../../../../core/runs/run-event-schema';
import { PATHS, pathOf } from '../../../../core/sync/wire-protocol';
import type { RequestOptions, StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import { claimLength } from '../streaming-attack';
import type { Enrolled } from './run-fixtures';
import { BERLIN, Device, enrollUser, eventsPath, MADRID, shareRequest } from './run-fixtures';

/** Runs per property; HUB_FUZZ_RUNS=500 for a longer local hunt. */
const RUNS = Number(process.env.HUB_FUZZ_RUNS ?? 40);
const RUN = 'run-fuzz';
const WRONG = { wrong: true };

function mutate(value: Record<string, unknown>, key: string, kind: number) {
  const copy: Record<string, unknown> = { ...value };
  if (kind === 0) delete copy[key];
  else if (kind === 1) copy[key] = WRONG;
  else copy[`${key}Extra`] = 1;
  return copy;
}

export function pushFuzzCases(factory: () => StoreFactory): void {
  describe('shared runs: fuzzing the push of events', () => {
    let hub: TestHub;
    let member: Enrolled;
    let attacker: Enrolled;
    let removed: Enrolled;
    let device: Device;
    /** The member's next event, valid but not pushed. */
    let next: RunEvent;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      const owner = await enrollUser(hub, 'owner', {
        name: 'Ana Admin',
        role: 'admin',
        office: BERLIN,
      });
      member = await enrollUser(hub, 'member', {
        name: 'Nina Network',
        role: 'engineer',
        office: BERLIN,
        departments: ['network'],
      });
      removed = await enrollUser(hub, 'removed', {
        name: 'Rita Removed',
        role: 'engineer',
        office: BERLIN,
        departments: ['network'],
      });
      attacker = await enrollUser(hub, 'attacker', {
        name: 'Bea Admin',
        role: 'admin',
        office: MADRID,
      });
      const shared = await hub.request('POST', PATHS.runs, {
        token: owner.token,
        json: shareRequest(RUN, BERLIN, [
          { userId: member.user.userId },
          { userId: removed.user.userId },
        ]),
      });
      expect(shared.status).toBe(201);
      const removal = await hub.request('POST', pathOf(PATHS.runMembers, { runId: RUN }), {
        token: owner.token,
        json: { remove: [removed.user.userId] },
      });
      expect(removal.status).toBe(200);
      device = new Device(hub, member, RUN);
      device.note('isp-lines', 'First.');
      device.note('isp-lines', 'Second.');
      await device.push();
      next = device.note('isp-lines', 'Third, never pushed by the fuzzer.');
    });
    afterAll(() => hub.close());

    /** Sends a request; fails on a 5xx, a 201 or any change of the stored data. */
    async function unchanged(path: string, options: RequestOptions): Promise<number> {
      const before = await hub.store.counts();
      const response = await hub.request('POST', path, options);
      expect(response.status, JSON.stringify(response.json)).toBeLessThan(500);
      expect(response.status).not.toBe(201);
      expect(await hub.store.counts()).toEqual(before);
      return response.status;
    }

    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' }),
    );
    const tokens = () => [member.token, attacker.token, removed.token];

    it('random JSON, random bytes and random run ids', async () => {
      await fc.assert(
        fc.asyncProperty(json, fc.nat(2), async (body, who) => {
          await unchanged(eventsPath(RUN), { token: tokens()[who], json: body });
          await unchanged(eventsPath(RUN), { token: tokens()[who], json: { events: [body] } });
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 1024 }), async (bytes) => {
          await unchanged(eventsPath(RUN), {
            token: member.token,
            bytes,
            contentType: 'application/json',
          });
        }),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }),
          async (runId) => {
            fc.pre(runId !== RUN);
            const status = await unchanged(eventsPath(runId), {
              token: member.token,
              json: { events: [next] },
            });
            // Not found, or not a valid run id.
            expect([400, 404]).toContain(status);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('valid events with a field dropped, retyped or added, with and without a fixed hash', async () => {
      const fields = Object.keys(next);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fields),
          fc.integer({ min: 0, max: 2 }),
          fc.boolean(),
          async (key, kind, rehash) => {
            const altered = mutate(next as unknown as Record<string, unknown>, key, kind);
            if (rehash) altered.hash = hashEvent(altered as unknown as RunEvent);
            // Some re-hashed changes make another valid event (no `v`: format 1; no clock).
            const parsed = parseRunEvent(altered);
            fc.pre(!(parsed.ok && hashEvent(parsed.event) === parsed.event.hash));
            await unchanged(eventsPath(RUN), { token: member.token, json: { events: [altered] } });
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('events whose place in the log is wrong: seq, prevHash, clock, chain, run, actor', async () => {
      const pushed = device.own().slice(0, 2);
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            seq: fc.oneof(fc.constant(next.seq), fc.integer({ min: 1, max: 10 })),
            prevHash: fc.oneof(
              fc.constant(next.prevHash),
              fc.constantFrom('0'.repeat(64), 'f'.repeat(64), pushed[0]?.hash ?? ''),
            ),
            clock: fc.oneof(
              fc.constant(next.clock ?? {}),
              fc.dictionary(
                fc.constantFrom('chain-member', 'chain-other', 'x'),
                fc.integer({ min: 1, max: 5 }),
                { maxKeys: 2 },
              ),
            ),
            chain: fc.constantFrom(next.chain, 'chain-other'),
            runId: fc.constantFrom(next.runId, 'run-other'),
            actorId: fc.constantFrom(next.actor.id, attacker.user.userId, 'profile-x'),
          }),
          fc.nat(2),
          async (place, who) => {
            const { actorId, ...rest } = place;
            const moved = { ...next, ...rest, actor: { ...next.actor, id: actorId } };
            const event = { ...moved, hash: hashEvent(moved) };
            const isNext =
              JSON.stringify(event) === JSON.stringify(next) && tokens()[who] === member.token;
            fc.pre(!isNext);
            const status = await unchanged(eventsPath(RUN), {
              token: tokens()[who],
              json: { events: [...pushed, event] },
            });
            expect([200, 400, 403, 404, 409]).toContain(status);
          },
        ),
        { numRuns: RUNS },
      );
      // The member's held events again, as a retry: duplicates, nothing stored.
      expect(
        await unchanged(eventsPath(RUN), { token: member.token, json: { events: pushed } }),
      ).toBe(200);
    });

    it('bodies of every role, content type and declared size: refused before reading', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat(2),
          fc.constantFrom('application/json', 'text/plain', 'application/zip'),
          fc.constantFrom(512 * 1024 * 1024, 5 * 1024 * 1024),
          async (who, contentType, claimed) => {
            const before = await hub.store.counts();
            const status = await claimLength({
              url: hub.url,
              path: eventsPath(RUN),
              token: tokens()[who] as string,
              contentType,
              claimedLength: claimed,
            });
            expect([403, 404, 413, 415]).toContain(status);
            expect(await hub.store.counts()).toEqual(before);
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
}
