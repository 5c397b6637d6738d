// Bodies refused before they are read (issue 11, point 4): the hub knows the caller (token), their
// role and office, the content type and the size from the request line and headers, so a body it
// will refuse is never read. Each attack below streams up to 95 MB and stops when the hub answers;
// the hub must answer while most of the body is still unsent (so it did not wait for it), with the
// right status, while a health check loop keeps being answered. The answer says the connection
// closes, and it closes cleanly once the client has read it and stopped: the hub read and dropped
// what was still in flight (hub/linger.ts), where closing at once would have reset the connection
// under a client that had not read the answer yet. Times and memory are printed, not asserted
// (speed targets live in benchmarks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersign } from '../../../core/reports/index';
import { pathOf, PATHS } from '../../../core/sync/wire-protocol';
import { LINGER_LIMITS } from '../../../hub/linger';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople } from './people';
import { signedBundle } from './report-fixtures';
import type { AttackOutcome, StreamAttack } from './streaming-attack';
import { healthLoop, median, memorySampler, streamAttack } from './streaming-attack';

const MB = 1024 * 1024;
const BIG = 95 * MB;
/** Rounds of every attack; HUB_ATTACK_ROUNDS=3 for a longer attack. */
const ROUNDS = Number(process.env.HUB_ATTACK_ROUNDS ?? 1);
/** Generous: a hub that reads every body needs minutes for these rounds. */
const ATTACK_TIMEOUT_MS = 300_000;

interface Attack {
  name: string;
  expected: number;
  attack: Omit<StreamAttack, 'url'>;
}

export function earlyRefusalCases(factory: () => StoreFactory): void {
  describe('bodies refused before they are read', () => {
    let hub: TestHub;
    let people: People;
    let signaturesPath: string;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'early-refusal',
        office: BERLIN,
      });
      const pushed = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      expect(pushed.status).toBe(201);
      signaturesPath = pathOf(PATHS.reportSignatures, { reportId: 'early-refusal', revision: 1 });
    });
    afterAll(() => hub.close());

    function attacks(): Attack[] {
      const zip = 'application/zip';
      const json = 'application/json';
      return [
        {
          name: 'read-only head token, 95 MB JSON to POST /v1/reports',
          expected: 403,
          attack: {
            path: PATHS.reports,
            token: people.head.token,
            contentType: json,
            totalBytes: BIG,
            declareLength: true,
          },
        },
        {
          name: 'read-only head token, 95 MB chunked (no length)',
          expected: 403,
          attack: {
            path: PATHS.reports,
            token: people.head.token,
            contentType: zip,
            totalBytes: BIG,
            declareLength: false,
          },
        },
        {
          name: 'unknown token, 95 MB zip',
          expected: 401,
          attack: {
            path: PATHS.reports,
            token: 'x'.repeat(43),
            contentType: zip,
            totalBytes: BIG,
            declareLength: true,
          },
        },
        {
          name: 'administrator, 95 MB JSON where a zip belongs',
          expected: 415,
          attack: {
            path: PATHS.reports,
            token: people.adminA.token,
            contentType: json,
            totalBytes: BIG,
            declareLength: true,
          },
        },
        {
          name: 'administrator, zip claiming 300 MB',
          expected: 413,
          attack: {
            path: PATHS.reports,
            token: people.adminA.token,
            contentType: zip,
            // More than the sockets' buffers hold (tens of MB on loopback): a smaller body could be
            // all in them before the 413 is read, and "answered before the end" would prove nothing.
            totalBytes: 95 * MB,
            declareLength: true,
            claimedLength: 300 * MB,
          },
        },
        {
          name: 'supervisor, 95 MB signature',
          expected: 413,
          attack: {
            path: signaturesPath,
            token: people.supervisorA.token,
            contentType: json,
            totalBytes: BIG,
            declareLength: true,
          },
        },
        {
          name: 'anonymous, 95 MB chunked enrollment',
          expected: 413,
          attack: { path: PATHS.enroll, contentType: json, totalBytes: BIG, declareLength: false },
        },
        {
          // Read only after 32 MB: the hub must go on taking the body after its answer (a hub that
          // closed once it had drained a few MB reset this connection before the answer was read).
          name: 'anonymous, 95 MB chunked enrollment, client reads after 32 MB',
          expected: 413,
          attack: {
            path: PATHS.enroll,
            contentType: json,
            totalBytes: BIG,
            declareLength: false,
            readsAfterBytes: 32 * MB,
          },
        },
        {
          name: 'head token, 95 MB body on GET-only /v1/health',
          expected: 404,
          attack: {
            path: PATHS.health,
            token: people.head.token,
            contentType: json,
            totalBytes: BIG,
            declareLength: true,
          },
        },
      ];
    }

    it(
      'refuses 95 MB bodies it will not accept before reading them, and health answers meanwhile',
      async () => {
        const list = attacks();
        const health = healthLoop(hub.url);
        const memory = memorySampler();
        const attackStarted = performance.now();
        const outcomes: { attack: Attack; outcome: AttackOutcome }[] = [];
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const attack of list) {
            outcomes.push({
              attack,
              outcome: await streamAttack({ url: hub.url, ...attack.attack }),
            });
          }
        }
        const attackEnded = performance.now();
        const peak = memory.stop();
        const samples = await health.stop();

        const during = samples.filter(
          (s) => s.startedAt >= attackStarted && s.endedAt <= attackEnded,
        );
        const latencies = during.map((s) => s.endedAt - s.startedAt);
        const lines = outcomes.map(({ attack, outcome }) =>
          [
            attack.name.padEnd(62),
            String(outcome.status).padStart(4),
            outcome.ending.padStart(6),
            `${outcome.msToAnswer.toFixed(1)} ms`.padStart(11),
            `closed at ${outcome.msToClose.toFixed(0)} ms`.padStart(18),
            `${(outcome.sentAtAnswer / MB).toFixed(1)} of ${(outcome.totalBytes / MB).toFixed(0)} MB sent`.padStart(
              20,
            ),
          ].join(' '),
        );
        console.log(
          `[${hub.store.engine}] early refusals (${ROUNDS} rounds, ${((attackEnded - attackStarted) / 1000).toFixed(2)} s in all):\n${lines.join('\n')}\n` +
            `health checks during the attacks: ${during.length}, median ${median(latencies).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; ` +
            `peak growth of this process: RSS ${peak.rssMb.toFixed(0)} MB, heap+buffers ${peak.heapAndBuffersMb.toFixed(0)} MB`,
        );

        for (const { attack, outcome } of outcomes) {
          expect({
            attack: attack.name,
            status: outcome.status,
            connection: outcome.connection,
            ending: outcome.ending,
          }).toEqual({
            attack: attack.name,
            status: attack.expected,
            connection: 'close',
            ending: 'clean',
          });
          expect(outcome.json).toMatchObject({
            error: expect.any(String),
            message: expect.any(String),
          });
          // The hub answered while (most of) the body was still unsent: it did not wait for it.
          expect(outcome.sentAtAnswer, attack.name).toBeLessThan(outcome.totalBytes);
        }
        expect(samples.every((s) => s.status === 200)).toBe(true);
        // The hub stayed responsive: health checks were answered while the attacks went on.
        expect(during.length).toBeGreaterThan(0);
      },
      ATTACK_TIMEOUT_MS,
    );

    it('drains a client that never reads its answer for 64 MiB, not for ever', async () => {
      // 200 MB: more than the bound plus what the sockets' buffers hold, so the client is still
      // writing (and not reading) when the hub gives up on it.
      const outcome = await streamAttack({
        url: hub.url,
        path: PATHS.enroll,
        contentType: 'application/json',
        totalBytes: 200 * MB,
        declareLength: false,
        readsAfterBytes: 200 * MB,
      });
      expect(outcome.status).toBe(0);
      expect(outcome.ending).toMatch(/^(ECONNRESET|EPIPE)$/);
      expect(outcome.sentAtClose).toBeGreaterThan(LINGER_LIMITS.bytes);
      expect(outcome.sentAtClose).toBeLessThan(outcome.totalBytes);
    });

    it('still takes what the caller may send, after the attacks', async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'early-refusal-after',
        office: BERLIN,
      });
      const pushed = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      expect(pushed.status).toBe(201);
      const reviewed = await countersign(
        people.supervisorA.signer,
        report.signed,
        '2025-06-02T09:00:00.000Z',
      );
      const signed = await hub.request(
        'POST',
        pathOf(PATHS.reportSignatures, { reportId: 'early-refusal-after', revision: 1 }),
        { token: people.supervisorA.token, json: { signature: reviewed.signatures[1] } },
      );
      expect(signed.status).toBe(201);
    });

    it('refuses a body over its per-route limit without parsing it (enrollment: 413, not 400)', async () => {
      const padded = {
        code: 'AAAAA-BBBBB-CCCCC-DDDDD',
        publicKey: 'x',
        deviceName: 'y'.repeat(64 * 1024),
      };
      const response = await hub.request('POST', PATHS.enroll, { json: padded });
      expect(response.status).toBe(413);
      expect(response.json.error).toBe('payload-too-large');
    });
  });
}
