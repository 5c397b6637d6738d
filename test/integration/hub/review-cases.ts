// Review and reading: a supervisor countersigns or sends back with their own key, verified by core;
// the served bundle then carries every signature and verifies on its own; who may list and fetch
// which office's reports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedReport, TrustList } from '../../../core/reports/index';
import { countersign, decodeBundle, sendBack, verifyReport } from '../../../core/reports/index';
import type { ReportListResponse } from '../../../core/sync/wire-protocol';
import { pathOf, PATHS, REPORT_HASH_HEADER } from '../../../core/sync/wire-protocol';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID } from './people';
import { signedBundle, signerFor } from './report-fixtures';

const REVIEWED_AT = '2025-06-02T09:00:00.000Z';

export function reviewCases(factory: () => StoreFactory): void {
  describe('review signatures and reading', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    async function pushed(reportId: string, office = BERLIN): Promise<SignedReport> {
      const signer = office === BERLIN ? people.adminA : people.adminB;
      const report = await signedBundle(signer.signer, { reportId, office });
      const response = await hub.request('POST', PATHS.reports, {
        token: signer.token,
        bytes: report.bytes,
      });
      expect(response.status).toBe(201);
      return report.signed;
    }

    const signaturesPath = (reportId: string, revision = 1) =>
      pathOf(PATHS.reportSignatures, { reportId, revision });

    async function fetchBundle(token: string, reportId: string, revision = 1) {
      return hub.request('GET', pathOf(PATHS.report, { reportId, revision }), { token });
    }

    it('appends a countersign, answers it again as a replay, and serves a bundle that verifies', async () => {
      const signed = await pushed('run-review');
      const reviewed = await countersign(
        people.supervisorA.signer,
        signed,
        REVIEWED_AT,
        'Looks good.',
      );
      const signature = reviewed.signatures[1];
      const first = await hub.request('POST', signaturesPath('run-review'), {
        token: people.supervisorA.token,
        json: { signature },
      });
      expect(first.status).toBe(201);
      expect(first.json).toMatchObject({ index: 1, reviewState: 'countersigned', replay: false });
      const again = await hub.request('POST', signaturesPath('run-review'), {
        token: people.supervisorA.token,
        json: { signature },
      });
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({
        index: 1,
        replay: true,
        receivedAt: first.json.receivedAt,
      });

      const bundle = await fetchBundle(people.head.token, 'run-review');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('content-type')).toBe('application/zip');
      const decoded = decodeBundle(bundle.bytes);
      expect(decoded.ok).toBe(true);
      const trust = (await hub.request('GET', PATHS.trustList, { token: people.head.token }))
        .json as unknown as TrustList;
      const verified = verifyReport(decoded.ok ? decoded.signed : null, trust);
      expect(verified.problems).toEqual([]);
      expect(verified.status).toBe('countersigned');
      expect(bundle.headers.get(REPORT_HASH_HEADER)).toBe(verified.reportHash);

      const list = (await hub.request('GET', PATHS.reports, { token: people.supervisorA.token }))
        .json as unknown as ReportListResponse;
      expect(list.reports.find((r) => r.reportId === 'run-review')?.reviewState).toBe(
        'countersigned',
      );
    });

    it('sends a report back; nothing is signed after that', async () => {
      const signed = await pushed('run-sent-back');
      const back = await sendBack(
        people.supervisorA.signer,
        signed,
        REVIEWED_AT,
        'Attach the speed test of line 2.',
      );
      const response = await hub.request('POST', signaturesPath('run-sent-back'), {
        token: people.supervisorA.token,
        json: { signature: back.signatures[1] },
      });
      expect(response.status).toBe(201);
      expect(response.json.reviewState).toBe('sent-back');
      const late = await countersign(people.supervisorA.signer, signed, REVIEWED_AT);
      const refused = await hub.request('POST', signaturesPath('run-sent-back'), {
        token: people.supervisorA.token,
        json: { signature: late.signatures[1] },
      });
      expect(refused.status).toBe(409);
    });

    it("refuses signatures from others, with someone else's key, or that do not verify", async () => {
      const signed = await pushed('run-refused');
      const reviewed = await countersign(people.supervisorA.signer, signed, REVIEWED_AT);
      const signature = reviewed.signatures[1];
      for (const person of [people.adminA, people.adminB, people.head]) {
        const response = await hub.request('POST', signaturesPath('run-refused'), {
          token: person.token,
          json: { signature },
        });
        expect(response.status).toBe(403);
      }
      const impostor = signerFor('impostor', 'Sam Supervisor', 'supervisor');
      const forged = await countersign(impostor, signed, REVIEWED_AT);
      const notMine = await hub.request('POST', signaturesPath('run-refused'), {
        token: people.supervisorA.token,
        json: { signature: forged.signatures[1] },
      });
      expect(notMine.status).toBe(403);
      const altered = {
        ...signature,
        statement: { ...reviewed.signatures[1]?.statement, comment: 'Edited.' },
      };
      const bad = await hub.request('POST', signaturesPath('run-refused'), {
        token: people.supervisorA.token,
        json: { signature: altered },
      });
      expect(bad.status).toBe(422);
      expect(bad.json.details).toEqual([expect.stringMatching(/^bad-signature/)]);
      const missing = await hub.request('POST', signaturesPath('run-nowhere'), {
        token: people.supervisorA.token,
        json: { signature },
      });
      expect(missing.status).toBe(404);
      expect(await hub.store.signatures('run-refused', 1)).toHaveLength(1);
    });

    it('lists and serves reports by office: admins their own, supervisors theirs, the head all', async () => {
      await pushed('run-list-berlin');
      await pushed('run-list-madrid', MADRID);
      const offices = async (token: string) => {
        const list = (await hub.request('GET', PATHS.reports, { token }))
          .json as unknown as ReportListResponse;
        return new Set(list.reports.map((r) => r.office));
      };
      expect(await offices(people.adminA.token)).toEqual(new Set([BERLIN]));
      expect(await offices(people.adminB.token)).toEqual(new Set([MADRID]));
      expect(await offices(people.supervisorA.token)).toEqual(new Set([BERLIN]));
      expect(await offices(people.head.token)).toEqual(new Set([BERLIN, MADRID]));

      // Another office's report answers like a missing one (existence-cases.ts).
      expect((await fetchBundle(people.adminB.token, 'run-list-berlin')).status).toBe(404);
      expect((await fetchBundle(people.supervisorA.token, 'run-list-madrid')).status).toBe(404);
      expect((await fetchBundle(people.adminA.token, 'run-list-berlin')).status).toBe(200);
      expect((await fetchBundle(people.adminA.token, 'run-list-berlin', 7)).status).toBe(404);
      expect((await fetchBundle(people.adminA.token, 'run-list-berlin', 0)).status).toBe(400);
    });

    it('lists only what arrived after `since`', async () => {
      hub.advance(3_600_000);
      const mark = hub.now().toISOString();
      hub.advance(1_000);
      await pushed('run-since');
      const list = (
        await hub.request('GET', `${PATHS.reports}?since=${encodeURIComponent(mark)}`, {
          token: people.head.token,
        })
      ).json as unknown as ReportListResponse;
      expect(list.reports.map((r) => r.reportId)).toEqual(['run-since']);
      const bad = await hub.request('GET', `${PATHS.reports}?since=yesterday`, {
        token: people.head.token,
      });
      expect(bad.status).toBe(400);
    });
  });
}
