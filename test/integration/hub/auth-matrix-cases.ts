// The authorization matrix: every subject (an administrator of office A and of office B, a revoked
// device, the supervisor of A, the head of ICT, nobody, an engineer of A who is a member of A's
// shared run, and one removed from it) against every endpoint, compared with the expected status. Each call that could succeed gets fresh data (a new code, report or snapshot),
// so the status says only whether this subject may do this. Prints the table and the mismatches.
// The attacks of issue 11 are rows too: office B's enrolled administrator pushing revisions of
// A's report (409, told nothing), another office's report answering like a missing one (404),
// bodies refused by role, content type and declared size before they are read (403/415/413).
// Shared runs (issue 13): B's enrolled administrator is told nothing about A's run (404), a removed
// member may see the run with their removal but neither push nor pull (403). Evidence files of a
// run: only its owner and current members list, upload and download them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedReport } from '../../../core/reports/index';
import { countersign, reportHash } from '../../../core/reports/index';
import { EVIDENCE_CONTENT_TYPE, pathOf, PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import { definition, makeRun, Session } from '../../unit/core/runs/fixtures';
import { publishDefinition } from '../../../hub/publish-definition';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID, snapshot } from './people';
import { signedBundle, signerFor } from './report-fixtures';
import type { Enrolled } from './shared-runs/run-fixtures';
import { enrollUser, eventsPath, shareRequest } from './shared-runs/run-fixtures';
import { claimLength } from './streaming-attack';

const SUBJECTS = [
  'adminA',
  'adminB',
  'revoked',
  'supervisorA',
  'head',
  'anonymous',
  'member',
  'removed',
] as const;
type Subject = (typeof SUBJECTS)[number];

interface Endpoint {
  name: string;
  /** Statuses in SUBJECTS order. */
  expected: [number, number, number, number, number, number, number, number];
  call(token: string | undefined): Promise<number>;
}

const DEFINITION_FILE = path.resolve(
  import.meta.dirname,
  '../../../checklists/new-office/1.1.0.yaml',
);
const REVIEWED_AT = '2025-06-02T09:00:00.000Z';
/** Office A's shared run: its owner is adminA; `member` is in it, `removed` was removed. */
const RUN = 'matrix-run';
/** An evidence file the member attached on A's run. */
const EVIDENCE = (() => {
  const bytes = new TextEncoder().encode('speed test: 940 Mbit/s');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ref = {
    id: 'matrix-photo',
    name: 'speed.txt',
    mimeType: 'text/plain',
    size: bytes.length,
    sha256,
  };
  return { bytes, ref, path: pathOf(PATHS.runEvidence, { runId: RUN, hash: sha256 }) };
})();

export function authMatrixCases(factory: () => StoreFactory): void {
  describe('authorization matrix', () => {
    let hub: TestHub;
    let people: People;
    let madrid: SignedReport;
    let berlinHash: string;
    let member: Enrolled;
    let removed: Enrolled;
    let serial = 0;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
      await publishDefinition(
        hub.store,
        readFileSync(DEFINITION_FILE, 'utf8'),
        DEFINITION_FILE,
        hub.now(),
      );
      berlinHash = reportHash((await pushBerlin('matrix-berlin')).body);
      const m = await signedBundle(people.adminB.signer, {
        reportId: 'matrix-madrid',
        office: MADRID,
      });
      expect(
        (await hub.request('POST', PATHS.reports, { token: people.adminB.token, bytes: m.bytes }))
          .status,
      ).toBe(201);
      madrid = m.signed;
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
      const shared = await hub.request('POST', PATHS.runs, {
        token: people.adminA.token,
        json: shareRequest(RUN, BERLIN, [
          { userId: member.user.userId },
          { userId: removed.user.userId },
        ]),
      });
      expect(shared.status).toBe(201);
      const removal = await hub.request('POST', pathOf(PATHS.runMembers, { runId: RUN }), {
        token: people.adminA.token,
        json: { remove: [removed.user.userId] },
      });
      expect(removal.status).toBe(200);
      // The member attaches an evidence file: the run's events now name it.
      const attacher = new Session(makeRun({ id: RUN }), definition, 'matrix-evidence');
      const attached = attacher.apply(
        { type: 'attach', itemId: 'speed-test', attachment: EVIDENCE.ref },
        { id: member.user.userId, name: member.user.name, role: member.user.role },
      );
      if (!attached.ok) throw new Error(attached.error.message);
      const pushed = await hub.request('POST', eventsPath(RUN), {
        token: member.token,
        json: { events: [attached.event] },
      });
      expect(pushed.status).toBe(201);
    });
    afterAll(() => hub.close());

    /** The caller's user, by token (undefined for the revoked device and nobody). */
    function userOf(token: string | undefined) {
      const all = [...Object.values(people), member, removed];
      return all.find((person) => person.token === token)?.user;
    }

    /** A first event of a fresh device log on A's run, recorded as the caller. */
    function freshEvent(token: string | undefined) {
      serial += 1;
      const user = userOf(token);
      const actor = user
        ? { id: user.userId, name: user.name, role: user.role }
        : { id: 'usr-nobody', name: 'Nobody', role: 'admin' as const };
      const session = new Session(makeRun({ id: RUN }), definition, `matrix-chain-${serial}`);
      const result = session.apply(
        { type: 'setNotes', itemId: 'av-policy', notes: `Note ${serial}` },
        actor,
      );
      if (!result.ok) throw new Error(result.error.message);
      return result.event;
    }

    async function pushBerlin(reportId: string): Promise<SignedReport & { reportId: string }> {
      const report = await signedBundle(people.adminA.signer, { reportId, office: BERLIN });
      const response = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      if (response.status !== 201) throw new Error(`set-up push failed: ${response.status}`);
      return { ...report.signed, reportId };
    }

    const status = async (method: string, target: string, token: string | undefined, extra = {}) =>
      (await hub.request(method, target, { ...(token ? { token } : {}), ...extra })).status;

    const endpoints: Endpoint[] = [
      {
        name: 'GET health',
        expected: [200, 200, 200, 200, 200, 200, 200, 200],
        call: (t) => status('GET', PATHS.health, t),
      },
      {
        name: 'GET openapi.json',
        expected: [200, 200, 200, 200, 200, 200, 200, 200],
        call: (t) => status('GET', PATHS.openApi, t),
      },
      {
        name: 'POST enroll',
        expected: [201, 201, 201, 201, 201, 201, 201, 201],
        call: async (t) => {
          serial += 1;
          const user = await createUser(
            hub.store,
            { name: `New ${serial}`, role: 'admin', office: BERLIN },
            hub.now(),
          );
          const { code } = await issueCode(hub.store, user, hub.now());
          const { publicKey } = await signerFor(`new-${serial}`, 'x', 'admin').identity();
          return status('POST', PATHS.enroll, t, { json: { code, publicKey, deviceName: 'x' } });
        },
      },
      {
        name: 'GET trust-list',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) => status('GET', PATHS.trustList, t),
      },
      {
        name: 'GET reports',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) => status('GET', PATHS.reports, t),
      },
      {
        name: 'POST reports (office A)',
        expected: [201, 403, 401, 403, 403, 401, 403, 403],
        call: async (t) => {
          serial += 1;
          const report = await signedBundle(people.adminA.signer, {
            reportId: `matrix-push-${serial}`,
            office: BERLIN,
          });
          return status('POST', PATHS.reports, t, { bytes: report.bytes });
        },
      },
      {
        name: 'GET report (office A)',
        expected: [200, 404, 401, 200, 200, 401, 404, 404],
        call: (t) =>
          status('GET', pathOf(PATHS.report, { reportId: 'matrix-berlin', revision: 1 }), t),
      },
      {
        name: 'GET report (office B)',
        expected: [404, 200, 401, 404, 200, 401, 404, 404],
        call: (t) =>
          status('GET', pathOf(PATHS.report, { reportId: 'matrix-madrid', revision: 1 }), t),
      },
      {
        name: 'POST signatures (office A)',
        expected: [403, 403, 401, 201, 403, 401, 403, 403],
        call: async (t) => {
          serial += 1;
          const signed = await pushBerlin(`matrix-sign-${serial}`);
          const reviewed = await countersign(people.supervisorA.signer, signed, REVIEWED_AT);
          return status(
            'POST',
            pathOf(PATHS.reportSignatures, { reportId: signed.reportId, revision: 1 }),
            t,
            {
              json: { signature: reviewed.signatures[1] },
            },
          );
        },
      },
      {
        name: 'POST signatures (office B)',
        expected: [403, 403, 401, 404, 403, 401, 403, 403],
        call: async (t) => {
          const reviewed = await countersign(people.supervisorA.signer, madrid, REVIEWED_AT);
          return status(
            'POST',
            pathOf(PATHS.reportSignatures, { reportId: 'matrix-madrid', revision: 1 }),
            t,
            {
              json: { signature: reviewed.signatures[1] },
            },
          );
        },
      },
      {
        name: 'GET report (missing)',
        expected: [404, 404, 401, 404, 404, 401, 404, 404],
        call: (t) =>
          status('GET', pathOf(PATHS.report, { reportId: 'matrix-none', revision: 1 }), t),
      },
      {
        name: 'POST signatures (missing)',
        expected: [403, 403, 401, 404, 403, 401, 403, 403],
        call: async (t) => {
          const reviewed = await countersign(people.supervisorA.signer, madrid, REVIEWED_AT);
          return status(
            'POST',
            pathOf(PATHS.reportSignatures, { reportId: 'matrix-none', revision: 1 }),
            t,
            { json: { signature: reviewed.signatures[1] } },
          );
        },
      },
      {
        name: "POST B's revision 2 of A's",
        expected: [403, 409, 401, 403, 403, 401, 403, 403],
        call: async (t) => {
          const takeover = await signedBundle(people.adminB.signer, {
            reportId: 'matrix-berlin',
            office: MADRID,
            revision: 2,
            supersedes: berlinHash,
          });
          return status('POST', PATHS.reports, t, { bytes: takeover.bytes });
        },
      },
      {
        name: "POST B's revision 1 at A's id",
        expected: [403, 409, 401, 403, 403, 401, 403, 403],
        call: async (t) => {
          const takeover = await signedBundle(people.adminB.signer, {
            reportId: 'matrix-berlin',
            office: MADRID,
          });
          return status('POST', PATHS.reports, t, { bytes: takeover.bytes });
        },
      },
      {
        name: 'POST reports as JSON',
        expected: [415, 415, 401, 403, 403, 401, 403, 403],
        call: (t) => status('POST', PATHS.reports, t, { json: { a: 1 } }),
      },
      {
        name: 'POST reports, 300 MB declared',
        expected: [413, 413, 401, 403, 403, 401, 403, 403],
        call: (t) =>
          claimLength({
            url: hub.url,
            path: PATHS.reports,
            ...(t === undefined ? {} : { token: t }),
            contentType: 'application/zip',
            claimedLength: 300 * 1024 * 1024,
          }),
      },
      {
        name: 'POST enroll, wrong code',
        expected: [401, 401, 401, 401, 401, 401, 401, 401],
        call: async (t) => {
          const { publicKey } = await signerFor('wrong-code', 'x', 'admin').identity();
          return status('POST', PATHS.enroll, t, {
            json: { code: 'AAAAA-BBBBB-CCCCC-DDDDD', publicKey, deviceName: 'x' },
          });
        },
      },
      {
        name: 'POST progress (office A)',
        expected: [201, 403, 401, 403, 403, 401, 403, 403],
        call: (t) => {
          serial += 1;
          const takenAt = new Date(
            Date.parse('2025-06-01T00:00:00.000Z') + serial * 1000,
          ).toISOString();
          return status('POST', PATHS.progress, t, {
            json: snapshot('matrix-run', BERLIN, takenAt),
          });
        },
      },
      {
        name: 'GET progress',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) => status('GET', PATHS.progress, t),
      },
      {
        name: 'GET definitions',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) => status('GET', PATHS.definitions, t),
      },
      {
        name: 'GET people',
        expected: [200, 200, 401, 403, 403, 401, 403, 403],
        call: (t) => status('GET', PATHS.people, t),
      },
      {
        name: 'POST runs (share, office A)',
        expected: [201, 403, 401, 403, 403, 401, 403, 403],
        call: (t) => {
          serial += 1;
          return status('POST', PATHS.runs, t, {
            json: shareRequest(`matrix-share-${serial}`, BERLIN),
          });
        },
      },
      {
        name: 'GET runs',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) => status('GET', PATHS.runs, t),
      },
      {
        name: "GET run (A's)",
        expected: [200, 404, 401, 200, 404, 401, 200, 200],
        call: (t) => status('GET', pathOf(PATHS.run, { runId: RUN }), t),
      },
      {
        name: 'GET run (missing)',
        expected: [404, 404, 401, 404, 404, 401, 404, 404],
        call: (t) => status('GET', pathOf(PATHS.run, { runId: 'matrix-none' }), t),
      },
      {
        name: "POST members (A's run)",
        expected: [200, 404, 401, 403, 403, 401, 403, 403],
        call: (t) =>
          status('POST', pathOf(PATHS.runMembers, { runId: RUN }), t, { json: { add: [] } }),
      },
      {
        name: "POST plan (A's run)",
        expected: [200, 404, 401, 403, 403, 401, 403, 403],
        call: (t) =>
          status('POST', pathOf(PATHS.runPlan, { runId: RUN }), t, {
            json: { plan: { network: '2025-06-10' } },
          }),
      },
      {
        name: "POST events (A's run)",
        expected: [201, 404, 401, 403, 403, 401, 201, 403],
        call: (t) => status('POST', eventsPath(RUN), t, { json: { events: [freshEvent(t)] } }),
      },
      {
        name: "GET events (A's run)",
        expected: [200, 404, 401, 200, 404, 401, 200, 403],
        call: (t) => status('GET', eventsPath(RUN), t),
      },
      {
        name: 'POST events as text/plain',
        expected: [415, 415, 401, 415, 403, 401, 415, 415],
        call: (t) =>
          status('POST', eventsPath(RUN), t, { text: 'events', contentType: 'text/plain' }),
      },
      {
        name: 'POST events, 300 MB declared',
        expected: [413, 413, 401, 413, 403, 401, 413, 413],
        call: (t) =>
          claimLength({
            url: hub.url,
            path: eventsPath(RUN),
            ...(t === undefined ? {} : { token: t }),
            contentType: 'application/json',
            claimedLength: 300 * 1024 * 1024,
          }),
      },
      {
        name: "GET evidence list (A's run)",
        expected: [200, 404, 401, 403, 404, 401, 200, 403],
        call: (t) => status('GET', pathOf(PATHS.runEvidenceList, { runId: RUN }), t),
      },
      {
        // adminA stores it (201); the member sends the same file again (200).
        name: "POST evidence (A's run)",
        expected: [201, 404, 401, 403, 403, 401, 200, 403],
        call: (t) =>
          status('POST', EVIDENCE.path, t, {
            bytes: EVIDENCE.bytes,
            contentType: EVIDENCE_CONTENT_TYPE,
          }),
      },
      {
        name: "GET evidence (A's run)",
        expected: [200, 404, 401, 403, 404, 401, 200, 403],
        call: (t) => status('GET', EVIDENCE.path, t),
      },
      {
        name: 'POST evidence as text/plain',
        expected: [415, 415, 401, 403, 403, 401, 415, 415],
        call: (t) => status('POST', EVIDENCE.path, t, { text: 'photo', contentType: 'text/plain' }),
      },
      {
        name: 'POST evidence, 300 MB declared',
        expected: [413, 413, 401, 403, 403, 401, 413, 413],
        call: (t) =>
          claimLength({
            url: hub.url,
            path: EVIDENCE.path,
            ...(t === undefined ? {} : { token: t }),
            contentType: EVIDENCE_CONTENT_TYPE,
            claimedLength: 300 * 1024 * 1024,
          }),
      },
      {
        name: 'GET definition',
        expected: [200, 200, 401, 200, 200, 401, 200, 200],
        call: (t) =>
          status('GET', pathOf(PATHS.definition, { id: 'new-office', version: '1.1.0' }), t),
      },
    ];

    it('gives every subject exactly the expected status on every endpoint', async () => {
      const tokens: Record<Subject, string | undefined> = {
        adminA: people.adminA.token,
        adminB: people.adminB.token,
        revoked: people.revoked.token,
        supervisorA: people.supervisorA.token,
        head: people.head.token,
        anonymous: undefined,
        member: member.token,
        removed: removed.token,
      };
      const mismatches: string[] = [];
      const lines = [`${'endpoint'.padEnd(32)}${SUBJECTS.map((s) => s.padStart(12)).join('')}`];
      for (const endpoint of endpoints) {
        const cells: string[] = [];
        for (const [index, subject] of SUBJECTS.entries()) {
          const actual = await endpoint.call(tokens[subject]);
          const expected = endpoint.expected[index];
          cells.push(`${actual}${actual === expected ? '' : `≠${expected}`}`.padStart(12));
          if (actual !== expected) {
            mismatches.push(`${endpoint.name} as ${subject}: got ${actual}, expected ${expected}`);
          }
        }
        lines.push(`${endpoint.name.padEnd(32)}${cells.join('')}`);
      }
      console.log(
        `[${hub.store.engine}] authorization matrix (${endpoints.length} endpoints x ${SUBJECTS.length} subjects):\n${lines.join('\n')}\nmismatches: ${mismatches.length}`,
      );
      expect(mismatches).toEqual([]);
    });
  });
}
