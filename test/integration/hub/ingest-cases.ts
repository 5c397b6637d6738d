// Report ingest: exactly once on (reportId, revision) with the same bytes; conflicts, revision
// chains and replays of older revisions refused with 409; a tampered or untrusted report refused
// with the verifier's problems; size and content-type limits; concurrent duplicates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { SignedReport } from '../../../core/reports/index';
import { signOff } from '../../../core/reports/index';
import { PATHS } from '../../../core/sync/wire-protocol';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID } from './people';
import { bundleOf, evidence, reportBody, signedBundle, signerFor } from './report-fixtures';

/** The report size limit of this hub (small, so 413 needs no 200 MB upload). */
const REPORT_LIMIT = 64 * 1024;

export function ingestCases(factory: () => StoreFactory): void {
  describe('report ingest', () => {
    let hub: TestHub;
    let people: People;
    const post = (token: string, bytes: Uint8Array, contentType?: string) =>
      hub.request('POST', PATHS.reports, { token, bytes, ...(contentType ? { contentType } : {}) });

    beforeAll(async () => {
      hub = await startTestHub(factory(), { reportBundleBytes: REPORT_LIMIT });
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    it('stores a new report (201) and answers the same bytes with the original receipt', async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-once',
        office: BERLIN,
      });
      const first = await post(people.adminA.token, report.bytes);
      expect(first.status).toBe(201);
      expect(first.json).toEqual({
        reportId: 'run-once',
        revision: 1,
        reportHash: report.reportHash,
        receivedAt: hub.now().toISOString(),
        replay: false,
      });
      hub.advance(60_000);
      const again = await post(people.adminA.token, report.bytes);
      expect(again.status).toBe(200);
      expect(again.json).toEqual({ ...first.json, replay: true });
      expect((await hub.store.counts()).reports).toBeGreaterThanOrEqual(1);
      expect(await hub.store.reportRevisions('run-once')).toHaveLength(1);
    });

    it('refuses other bytes for a stored revision (409)', async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-conflict',
        office: BERLIN,
      });
      expect((await post(people.adminA.token, report.bytes)).status).toBe(201);
      const other = await signedBundle(people.adminA.signer, {
        reportId: 'run-conflict',
        office: BERLIN,
        lessonsLearned: 'Something else entirely.',
      });
      const response = await post(people.adminA.token, other.bytes);
      expect(response.status).toBe(409);
      expect(response.json.error).toBe('conflict');
      expect(response.json.details).toEqual([expect.stringMatching(/^conflicting-revision/)]);
    });

    it('chains revisions by supersedes, and refuses a wrong one, a gap and an older replay', async () => {
      const signer = people.adminA.signer;
      const first = await signedBundle(signer, { reportId: 'run-chain', office: BERLIN });
      expect((await post(people.adminA.token, first.bytes)).status).toBe(201);

      const wrong = await signedBundle(signer, {
        reportId: 'run-chain',
        office: BERLIN,
        revision: 2,
        supersedes: 'f'.repeat(64),
      });
      const wrongAnswer = await post(people.adminA.token, wrong.bytes);
      expect(wrongAnswer.status).toBe(409);
      expect(wrongAnswer.json.details).toEqual([expect.stringMatching(/^supersedes-mismatch/)]);

      const gap = await signedBundle(signer, {
        reportId: 'run-chain',
        office: BERLIN,
        revision: 3,
        supersedes: first.reportHash,
      });
      const gapAnswer = await post(people.adminA.token, gap.bytes);
      expect(gapAnswer.status).toBe(409);
      expect(gapAnswer.json.message).toMatch(
        /Berlin has not pushed to the hub: send revision 2 first/,
      );

      const second = await signedBundle(signer, {
        reportId: 'run-chain',
        office: BERLIN,
        revision: 2,
        supersedes: first.reportHash,
      });
      const secondAnswer = await post(people.adminA.token, second.bytes);
      expect(secondAnswer.status).toBe(201);
      expect(secondAnswer.json).toMatchObject({ revision: 2, reportHash: second.reportHash });

      const replay = await post(people.adminA.token, first.bytes);
      expect(replay.status).toBe(409);
      expect(replay.json.message).toMatch(/superseded by revision 2/);
      expect(await hub.store.reportRevisions('run-chain')).toHaveLength(2);
    });

    it('refuses a tampered report with the verification problems (422)', async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-tampered',
        office: BERLIN,
      });
      const tampered: SignedReport = {
        ...report.signed,
        body: { ...report.signed.body, lessonsLearned: 'Nothing went wrong.' },
      };
      const response = await post(people.adminA.token, bundleOf(tampered));
      expect(response.status).toBe(422);
      expect(response.json.error).toBe('invalid-report');
      expect(response.json.details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^hash-mismatch/)]),
      );
      expect(await hub.store.reportRevisions('run-tampered')).toHaveLength(0);
    });

    it('refuses a report signed by a key the hub does not trust (422)', async () => {
      const stranger = signerFor('stranger', 'Ana Admin', 'admin', BERLIN);
      const report = await signedBundle(stranger, { reportId: 'run-stranger', office: BERLIN });
      const response = await post(people.adminA.token, report.bytes);
      expect(response.status).toBe(422);
      expect(response.json.details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^untrusted-key/)]),
      );
    });

    it('refuses something that is not a bundle (422) and a wrong content type', async () => {
      const garbage = await post(people.adminA.token, utf8ToBytes('not a zip at all'));
      expect(garbage.status).toBe(422);
      expect(garbage.json.details).toEqual([expect.stringMatching(/^corrupt-zip/)]);
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-type',
        office: BERLIN,
      });
      const octet = await post(people.adminA.token, report.bytes, 'application/octet-stream');
      expect(octet.status).toBe(415);
      const json = await hub.request('POST', PATHS.reports, {
        token: people.adminA.token,
        json: { a: 1 },
      });
      expect(json.status).toBe(415);
      expect(json.json.message).toMatch(/takes application\/zip, not application\/json/);
    });

    it('refuses a bundle over the size limit (413)', async () => {
      // A photo: bundles store already-compressed types as they are, so the size is the size.
      const pixels = Uint8Array.from({ length: REPORT_LIMIT + 1024 }, (_, i) => (i * 7919) % 251);
      const big = evidence('photo.jpg', pixels, 'image/jpeg');
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-big',
        office: BERLIN,
        attachments: [big],
      });
      expect(report.bytes.length).toBeGreaterThan(REPORT_LIMIT);
      const response = await post(people.adminA.token, report.bytes);
      expect(response.status).toBe(413);
      expect(response.json.error).toBe('payload-too-large');
    });

    it("refuses another office's report and a report from a non-administrator (403)", async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-office',
        office: BERLIN,
      });
      expect((await post(people.adminB.token, report.bytes)).status).toBe(403);
      expect((await post(people.supervisorA.token, report.bytes)).status).toBe(403);
      expect((await post(people.head.token, report.bytes)).status).toBe(403);
      const madrid = await signedBundle(people.adminB.signer, {
        reportId: 'run-madrid',
        office: MADRID,
      });
      expect((await post(people.adminB.token, madrid.bytes)).status).toBe(201);
    });

    it('stores concurrent duplicate posts once, with one receipt', async () => {
      const report = await signedBundle(people.adminA.signer, {
        reportId: 'run-race',
        office: BERLIN,
      });
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => post(people.adminA.token, report.bytes)),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      const receipts = new Set(answers.map((a) => JSON.stringify({ ...a.json, replay: null })));
      expect(receipts.size).toBe(1);
      expect(await hub.store.reportRevisions('run-race')).toHaveLength(1);
      expect(await hub.store.signatures('run-race', 1)).toHaveLength(1);
    });

    it('refuses a no-go report even when properly signed', async () => {
      // signOff itself refuses a no-go body, so sign a go body and flip the gate after signing:
      // the verifier reports both the changed body and the no-go.
      const body = reportBody({ reportId: 'run-nogo', office: BERLIN });
      const signed = await signOff(people.adminA.signer, body, body.signedAt);
      const nogo = {
        ...signed,
        body: { ...body, gate: { decision: 'no-go' as const, waivers: [] } },
      };
      const response = await post(people.adminA.token, bundleOf(nogo));
      expect(response.status).toBe(422);
      expect(response.json.details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^no-go-signed-off/)]),
      );
    });
  });
}
