// Existence leak (issue 11, point 12): to an enrolled user of another office, a report must answer
// exactly like a report the hub does not hold (same status, same body but for the id), on every
// endpoint that takes a report id: reading the bundle, countersigning and sending back. Asked of
// Madrid's administrator and of a supervisor of Madrid, about a Berlin report and a missing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedReport } from '../../../core/reports/index';
import { countersign, sendBack } from '../../../core/reports/index';
import { pathOf, PATHS } from '../../../core/sync/wire-protocol';
import type { Person, Response, StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID } from './people';
import { signedBundle } from './report-fixtures';

const REVIEWED_AT = '2025-06-02T09:00:00.000Z';
const HIDDEN = 'berlin-only';
const MISSING = 'nowhere-xyz';

function shape(response: Response, reportId: string): unknown {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    json: JSON.parse(JSON.stringify(response.json).replaceAll(reportId, '<id>')) as unknown,
  };
}

export function existenceCases(factory: () => StoreFactory): void {
  describe("another office's report answers like a missing one", () => {
    let hub: TestHub;
    let people: People;
    let supervisorB: Person;
    let hidden: SignedReport;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
      supervisorB = await hub.enroll('supervisor-b', 'Sol Supervisor', 'supervisor', undefined, [
        MADRID,
      ]);
      const report = await signedBundle(people.adminA.signer, { reportId: HIDDEN, office: BERLIN });
      const pushed = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        bytes: report.bytes,
      });
      expect(pushed.status).toBe(201);
      hidden = report.signed;
    });
    afterAll(() => hub.close());

    /** The same request about the hidden report and about a missing one. */
    async function both(ask: (reportId: string) => Promise<Response>) {
      return { hidden: await ask(HIDDEN), missing: await ask(MISSING) };
    }

    /** A review signature over a body with this report id (the hub's answer must not depend on it). */
    async function review(person: Person, purpose: 'countersign' | 'send-back', reportId: string) {
      const signed: SignedReport =
        reportId === HIDDEN
          ? hidden
          : (await signedBundle(people.adminA.signer, { reportId, office: BERLIN })).signed;
      const reviewed =
        purpose === 'countersign'
          ? await countersign(person.signer, signed, REVIEWED_AT)
          : await sendBack(person.signer, signed, REVIEWED_AT, 'Not yours to see.');
      return reviewed.signatures[1];
    }

    it('GET /v1/reports/:id/:revision: the same 404 for Madrid as for a missing report', async () => {
      for (const person of [people.adminB, supervisorB]) {
        for (const revision of [1, 2]) {
          const answers = await both((reportId) =>
            hub.request('GET', pathOf(PATHS.report, { reportId, revision }), {
              token: person.token,
            }),
          );
          expect(answers.hidden.status).toBe(404);
          expect(shape(answers.hidden, HIDDEN)).toEqual(shape(answers.missing, MISSING));
        }
      }
      // Berlin's own people still read it.
      const own = await hub.request(
        'GET',
        pathOf(PATHS.report, { reportId: HIDDEN, revision: 1 }),
        {
          token: people.supervisorA.token,
        },
      );
      expect(own.status).toBe(200);
    });

    it('countersign and send-back: the same 404 for a supervisor of Madrid as for a missing report', async () => {
      for (const purpose of ['countersign', 'send-back'] as const) {
        const answers = await both(async (reportId) =>
          hub.request('POST', pathOf(PATHS.reportSignatures, { reportId, revision: 1 }), {
            token: supervisorB.token,
            json: { signature: await review(supervisorB, purpose, reportId) },
          }),
        );
        expect(answers.hidden.status).toBe(404);
        expect(shape(answers.hidden, HIDDEN)).toEqual(shape(answers.missing, MISSING));
      }
      expect(await hub.store.signatures(HIDDEN, 1)).toHaveLength(1);
    });

    it('review by someone who is no supervisor: the same 403 whether the report exists or not', async () => {
      for (const person of [people.adminB, people.head]) {
        const answers = await both(async (reportId) =>
          hub.request('POST', pathOf(PATHS.reportSignatures, { reportId, revision: 1 }), {
            token: person.token,
            json: { signature: await review(people.supervisorA, 'countersign', reportId) },
          }),
        );
        expect(answers.hidden.status).toBe(403);
        expect(shape(answers.hidden, HIDDEN)).toEqual(shape(answers.missing, MISSING));
      }
    });
  });
}
