// Cross-office revision takeover (issue 11, point 1): an enrolled administrator of Madrid, holding
// a real token and a trusted key, pushes "revision 2" of Berlin's report with office Madrid. The
// hub must refuse it (and every variant: another supersedes, a later revision, revision 1 again)
// without telling Madrid anything about Berlin's report, keep Berlin's chain untouched, and let
// Berlin's own revision 2 and its supervisor's countersign through afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersign, sendBack } from '../../../core/reports/index';
import type { ReportListResponse } from '../../../core/sync/wire-protocol';
import { pathOf, PATHS } from '../../../core/sync/wire-protocol';
import type { Response, StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID } from './people';
import { signedBundle } from './report-fixtures';

const REVIEWED_AT = '2025-06-02T09:00:00.000Z';

/** The answer with the report id replaced, to compare answers about two ids. */
function shape(response: Response, reportId: string): unknown {
  return {
    status: response.status,
    json: JSON.parse(JSON.stringify(response.json).replaceAll(reportId, '<id>')) as unknown,
  };
}

export function takeoverCases(factory: () => StoreFactory): void {
  describe('revision takeover across offices', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    const push = (token: string, bytes: Uint8Array) =>
      hub.request('POST', PATHS.reports, { token, bytes });

    it("refuses Madrid's revision 2 of Berlin's report; Berlin's revision 2 and countersign still succeed", async () => {
      const first = await signedBundle(people.adminA.signer, {
        reportId: 'takeover',
        office: BERLIN,
      });
      expect((await push(people.adminA.token, first.bytes)).status).toBe(201);
      const back = await sendBack(people.supervisorA.signer, first.signed, REVIEWED_AT, 'Redo.');
      const sentBack = await hub.request(
        'POST',
        pathOf(PATHS.reportSignatures, { reportId: 'takeover', revision: 1 }),
        { token: people.supervisorA.token, json: { signature: back.signatures[1] } },
      );
      expect(sentBack.status).toBe(201);

      // Madrid's attempts, each signed with Madrid's trusted key, office Madrid.
      const attempts = [
        { revision: 2, supersedes: first.reportHash },
        { revision: 2, supersedes: 'f'.repeat(64) },
        { revision: 3, supersedes: first.reportHash },
      ];
      for (const attempt of attempts) {
        const forged = await signedBundle(people.adminB.signer, {
          reportId: 'takeover',
          office: MADRID,
          ...attempt,
          lessonsLearned: 'Taken over.',
        });
        const answer = await push(people.adminB.token, forged.bytes);
        // Exactly what Madrid gets for a report the hub never saw.
        const unseen = await signedBundle(people.adminB.signer, {
          reportId: `never-seen-${attempt.revision}`,
          office: MADRID,
          ...attempt,
          lessonsLearned: 'Taken over.',
        });
        const unseenAnswer = await push(people.adminB.token, unseen.bytes);
        expect(answer.status).toBe(409);
        expect(shape(answer, 'takeover')).toEqual(
          shape(unseenAnswer, `never-seen-${attempt.revision}`),
        );
        expect(JSON.stringify(answer.json)).not.toContain(BERLIN);
        expect(JSON.stringify(answer.json)).not.toContain(first.reportHash.slice(0, 16));
      }
      // Revision 1 under Berlin's id: refused, naming neither Berlin nor its report hash.
      const again = await signedBundle(people.adminB.signer, {
        reportId: 'takeover',
        office: MADRID,
      });
      const againAnswer = await push(people.adminB.token, again.bytes);
      expect(againAnswer.status).toBe(409);
      expect(againAnswer.json.message).toMatch(/already taken on this hub/);
      expect(JSON.stringify(againAnswer.json)).not.toContain(BERLIN);
      expect(JSON.stringify(againAnswer.json)).not.toContain(first.reportHash.slice(0, 16));

      const chain = await hub.store.reportRevisions('takeover');
      expect(chain.map((r) => [r.revision, r.office])).toEqual([[1, BERLIN]]);
      const madridList = (await hub.request('GET', PATHS.reports, { token: people.adminB.token }))
        .json as unknown as ReportListResponse;
      expect(madridList.reports.map((r) => r.reportId)).not.toContain('takeover');

      const second = await signedBundle(people.adminA.signer, {
        reportId: 'takeover',
        office: BERLIN,
        revision: 2,
        supersedes: first.reportHash,
      });
      const secondAnswer = await push(people.adminA.token, second.bytes);
      expect(secondAnswer.status).toBe(201);
      const reviewed = await countersign(people.supervisorA.signer, second.signed, REVIEWED_AT);
      const countersigned = await hub.request(
        'POST',
        pathOf(PATHS.reportSignatures, { reportId: 'takeover', revision: 2 }),
        { token: people.supervisorA.token, json: { signature: reviewed.signatures[1] } },
      );
      expect(countersigned.status).toBe(201);
      expect(countersigned.json.reviewState).toBe('countersigned');
    });

    it("refuses Berlin's own administrator moving Berlin's report to Madrid (403)", async () => {
      const first = await signedBundle(people.adminA.signer, {
        reportId: 'move-office',
        office: BERLIN,
      });
      expect((await push(people.adminA.token, first.bytes)).status).toBe(201);
      const moved = await signedBundle(people.adminA.signer, {
        reportId: 'move-office',
        office: MADRID,
        revision: 2,
        supersedes: first.reportHash,
      });
      const answer = await push(people.adminA.token, moved.bytes);
      expect(answer.status).toBe(403);
      expect(answer.json.message).toMatch(/administrator of Berlin, not of Madrid/);
      expect(await hub.store.reportRevisions('move-office')).toHaveLength(1);
    });

    it("refuses Madrid replaying Berlin's exact bytes (403, as for any Berlin report)", async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'replayed-by-madrid',
        office: BERLIN,
      });
      expect((await push(people.adminA.token, report.bytes)).status).toBe(201);
      const replay = await push(people.adminB.token, report.bytes);
      const unseen = await signedBundle(people.adminA.signer, {
        reportId: 'never-pushed',
        office: BERLIN,
      });
      const unseenAnswer = await push(people.adminB.token, unseen.bytes);
      expect(replay.status).toBe(403);
      expect(shape(replay, 'replayed-by-madrid')).toEqual(shape(unseenAnswer, 'never-pushed'));
    });
  });
}
