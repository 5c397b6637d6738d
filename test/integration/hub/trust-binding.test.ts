// The hub refuses what core's verifier refuses (issue 11, points 2 and 6), on SQLite and on
// PostgreSQL: a Madrid report signed off with a Berlin administrator's key, a bundle countersigned
// by another office's supervisor; and a revocation has a time: a report the hub received before
// its signer's key was revoked stays valid (with a warning) and can still be countersigned, while a
// signature that reaches the hub after the revocation is refused whatever time it claims. The
// trust list dates a revocation at the moment the key stopped being trusted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedReport, TrustList, TrustedKey } from '../../../core/reports/index';
import { countersign, decodeBundle, signOff, verifyReport } from '../../../core/reports/index';
import type { EnrollResponse } from '../../../core/sync/wire-protocol';
import { pathOf, PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import type { Person, StoreFactory, TestHub } from './hub-harness';
import { postgresFactory, sqliteFactory, startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople, MADRID } from './people';
import type { PostgresCluster } from './postgres-cluster';
import { startPostgresCluster } from './postgres-cluster';
import { bundleOf, reportBody, signedBundle, signerFor, SIGNED_AT } from './report-fixtures';

const HOUR = 60 * 60 * 1000;

function trustBindingCases(factory: () => StoreFactory): void {
  let hub: TestHub;
  let people: People;
  let madridSupervisor: Person;

  beforeAll(async () => {
    hub = await startTestHub(factory());
    people = await enrollPeople(hub);
    madridSupervisor = await hub.enroll('supervisor-m', 'Mia Supervisor', 'supervisor', undefined, [
      MADRID,
    ]);
  });
  afterAll(() => hub.close());

  const push = (person: Person, bytes: Uint8Array) =>
    hub.request('POST', PATHS.reports, { token: person.token, bytes });

  async function trustList(): Promise<TrustList> {
    const response = await hub.request('GET', PATHS.trustList, { token: people.head.token });
    expect(response.status).toBe(200);
    return response.json as unknown as TrustList;
  }

  async function entryOf(publicKey: string): Promise<TrustedKey | undefined> {
    return (await trustList()).keys.find((key) => key.publicKey === publicKey);
  }

  describe('a signature is bound to the office of its signer', () => {
    it("refuses a Madrid report signed off with a Berlin administrator's key; Madrid's own goes through", async () => {
      const before = await hub.store.counts();
      const forged = await signedBundle(people.adminA.signer, {
        reportId: 'run-cross-office',
        office: MADRID,
      });
      const response = await push(people.adminB, forged.bytes);
      expect(response.status).toBe(422);
      expect(response.json.error).toBe('invalid-report');
      expect(response.json.details).toEqual([
        "not-admin-of-office: Signature 1 (sign-off by Ana Admin): Ana Admin is an administrator of Berlin, not of Madrid: only an administrator of the report's office signs it off.",
      ]);
      expect(await hub.store.counts()).toEqual(before);

      const own = await signedBundle(people.adminB.signer, {
        reportId: 'run-cross-office',
        office: MADRID,
      });
      expect((await push(people.adminB, own.bytes)).status).toBe(201);
    });

    it('refuses a bundle countersigned by a supervisor of another office', async () => {
      const signed = (
        await signedBundle(people.adminA.signer, { reportId: 'run-foreign-review', office: BERLIN })
      ).signed;
      const reviewed = await countersign(
        madridSupervisor.signer,
        signed,
        '2025-06-01T18:00:00.000Z',
        'Fine by me.',
      );
      const response = await push(people.adminA, bundleOf(reviewed));
      expect(response.status).toBe(422);
      expect(response.json.details).toEqual([
        'not-supervisor-of-office: Signature 2 (countersign by Mia Supervisor): Mia Supervisor does not supervise Berlin.',
      ]);
      expect(await hub.store.reportRevisions('run-foreign-review')).toEqual([]);
    });
  });

  describe('a revocation has a time', () => {
    let rita: Person;
    let revokedAt: string;
    let received: SignedReport;

    beforeAll(async () => {
      rita = await hub.enroll('admin-r', 'Rita Admin', 'admin', BERLIN);
      const report = await signedBundle(rita.signer, {
        reportId: 'run-revoked-later',
        office: BERLIN,
      });
      expect((await push(rita, report.bytes)).status).toBe(201);
      received = report.signed;
      hub.advance(HOUR);
      revokedAt = hub.now().toISOString();
      expect(await hub.store.revokeDevice(rita.deviceId, revokedAt)).toBe(true);
      hub.advance(HOUR);
    });

    it('serves the revocation time in the trust list', async () => {
      expect(await entryOf(rita.publicKey)).toMatchObject({
        name: 'Rita Admin',
        office: BERLIN,
        revokedAt,
      });
    });

    it('keeps a report received before the revocation valid, with a warning, and lets it be countersigned', async () => {
      const reviewed = await countersign(
        people.supervisorA.signer,
        received,
        hub.now().toISOString(),
        'Looks good.',
      );
      const posted = await hub.request(
        'POST',
        pathOf(PATHS.reportSignatures, { reportId: 'run-revoked-later', revision: 1 }),
        { token: people.supervisorA.token, json: { signature: reviewed.signatures[1] } },
      );
      expect(posted.status).toBe(201);
      const bundle = await hub.request(
        'GET',
        pathOf(PATHS.report, { reportId: 'run-revoked-later', revision: 1 }),
        { token: people.head.token },
      );
      expect(bundle.status).toBe(200);
      const decoded = decodeBundle(bundle.bytes);
      if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
      const result = verifyReport(decoded.signed, await trustList());
      expect(result.problems).toEqual([]);
      expect(result).toMatchObject({ valid: true, status: 'countersigned' });
      expect(result.warnings).toEqual([
        expect.objectContaining({ code: 'key-revoked-later', signature: 0 }),
      ]);
      expect(result.warnings[0]?.message).toContain(`the key was revoked later, on ${revokedAt}`);
    });

    it('refuses a signature that reaches the hub after the revocation, whatever time it claims', async () => {
      // Rita's key (say, on a stolen laptop) signs a report dated before the revocation; a
      // colleague's device, still enrolled, pushes it.
      const body = reportBody({ reportId: 'run-backdated', office: BERLIN });
      const backdated = await signOff(rita.signer, body, SIGNED_AT);
      expect(Date.parse(SIGNED_AT)).toBeLessThan(Date.parse(revokedAt));
      const before = await hub.store.counts();
      const response = await push(people.adminA, bundleOf(backdated));
      expect(response.status).toBe(422);
      expect(response.json.details).toEqual([
        `revoked-key: Signature 1 (sign-off by Rita Admin): the key was revoked on ${revokedAt}, before this signature was received (${hub.now().toISOString()}); the time it claims, ${SIGNED_AT}, is the signer's own word and does not show it was made earlier.`,
      ]);
      expect(await hub.store.counts()).toEqual(before);
    });
  });

  describe('the trust list dates a revocation when the key stopped being trusted', () => {
    it('a device revoked before its user: the device revocation counts', async () => {
      const tom = await hub.enroll('admin-t', 'Tom Admin', 'admin', BERLIN);
      const deviceRevoked = hub.now().toISOString();
      await hub.store.revokeDevice(tom.deviceId, deviceRevoked);
      hub.advance(HOUR);
      await hub.store.revokeUser(tom.user.userId, hub.now().toISOString());
      expect((await entryOf(tom.publicKey))?.revokedAt).toBe(deviceRevoked);
    });

    it('one key on two devices: trusted while either holds it, revoked at the later revocation', async () => {
      const user = await createUser(
        hub.store,
        { name: 'Una Admin', role: 'admin', office: BERLIN },
        hub.now(),
      );
      const signer = signerFor('admin-u', 'Una Admin', 'admin', BERLIN);
      const { publicKey } = await signer.identity();
      const devices: string[] = [];
      for (const name of ['Una laptop', 'Una spare laptop']) {
        const { code } = await issueCode(hub.store, user, hub.now());
        const enrolled = await hub.request('POST', PATHS.enroll, {
          json: { code, publicKey, deviceName: name },
        });
        expect(enrolled.status).toBe(201);
        devices.push((enrolled.json as unknown as EnrollResponse).deviceId);
        hub.advance(1_000);
      }
      await hub.store.revokeDevice(devices[0] as string, hub.now().toISOString());
      expect((await entryOf(publicKey))?.revokedAt).toBeUndefined();
      hub.advance(HOUR);
      const last = hub.now().toISOString();
      await hub.store.revokeDevice(devices[1] as string, last);
      expect((await entryOf(publicKey))?.revokedAt).toBe(last);
      expect((await trustList()).keys.filter((key) => key.publicKey === publicKey)).toHaveLength(1);
    });
  });
}

describe('trust binding at the hub on SQLite', () => {
  trustBindingCases(sqliteFactory);
});

const started = await startPostgresCluster();
let cluster: PostgresCluster | undefined;
if (started.ok) cluster = started.cluster;
else console.log(`trust binding on PostgreSQL: skipped: ${started.reason}`);

afterAll(async () => {
  await cluster?.stop();
});

describe.skipIf(cluster === undefined)('trust binding at the hub on PostgreSQL', () => {
  trustBindingCases(() => {
    if (!cluster) throw new Error('no PostgreSQL cluster');
    return postgresFactory(cluster);
  });
});
