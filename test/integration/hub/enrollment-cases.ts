// Enrollment and the trust list: a code works once, expires after 7 days, is stored hashed; the
// device token works until the device is revoked; the trust list carries every key with its role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustList } from '../../../core/reports/index';
import { PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import type { StoreFactory, TestHub } from './hub-harness';
import { startTestHub } from './hub-harness';
import type { People } from './people';
import { BERLIN, enrollPeople } from './people';
import { signerFor } from './report-fixtures';

export function enrollmentCases(factory: () => StoreFactory): void {
  describe('enrollment and trust list', () => {
    let hub: TestHub;
    let people: People;

    beforeAll(async () => {
      hub = await startTestHub(factory());
      people = await enrollPeople(hub);
    });
    afterAll(() => hub.close());

    async function newCode(name: string, daysAgo = 0) {
      const user = await createUser(hub.store, { name, role: 'admin', office: BERLIN }, hub.now());
      const issuedAt = new Date(hub.now().getTime() - daysAgo * 86_400_000);
      return issueCode(hub.store, user, issuedAt);
    }

    async function publicKeyOf(label: string): Promise<string> {
      return (await signerFor(label, 'x', 'admin').identity()).publicKey;
    }

    it('enrolls with a code once; the same code again is refused', async () => {
      const { code } = await newCode('Olga Once');
      const publicKey = await publicKeyOf('olga');
      const first = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey, deviceName: 'Olga laptop' },
      });
      expect(first.status).toBe(201);
      expect(first.json.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.json.user).toMatchObject({ name: 'Olga Once', role: 'admin', office: BERLIN });
      const again = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey, deviceName: 'Olga laptop' },
      });
      expect(again.status).toBe(401);
      expect(again.json.error).toBe('unauthorized');
      expect(again.json.message).toMatch(/already used/);
    });

    it('accepts the code typed in lower case without dashes', async () => {
      const { code } = await newCode('Tina Typist');
      const typed = code.toLowerCase().replace(/-/g, '');
      const response = await hub.request('POST', PATHS.enroll, {
        json: { code: typed, publicKey: await publicKeyOf('tina'), deviceName: 'Tina laptop' },
      });
      expect(response.status).toBe(201);
    });

    it('refuses an expired code and an unknown one', async () => {
      const { code } = await newCode('Eve Expired', 8);
      const expired = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey: await publicKeyOf('eve'), deviceName: 'Eve laptop' },
      });
      expect(expired.status).toBe(401);
      expect(expired.json.message).toMatch(/expired/);
      const unknown = await hub.request('POST', PATHS.enroll, {
        json: {
          code: 'AAAAA-BBBBB-CCCCC-DDDDD',
          publicKey: await publicKeyOf('eve'),
          deviceName: 'x',
        },
      });
      expect(unknown.status).toBe(401);
      expect(unknown.json.message).toMatch(/not known/);
    });

    it('stores only hashes of codes and tokens', async () => {
      const { code } = await newCode('Hash Check');
      const response = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey: await publicKeyOf('hash-check'), deviceName: 'x' },
      });
      const token = String(response.json.deviceToken);
      const devices = await hub.store.listDevices();
      const device = devices.find((d) => d.deviceId === response.json.deviceId);
      expect(device?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(device?.tokenHash).not.toContain(token);
      expect(JSON.stringify(devices)).not.toContain(token);
    });

    it('refuses a malformed request and a key of another user', async () => {
      const { code } = await newCode('Mal Formed');
      const bad = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey: 'not-a-key', deviceName: 'x' },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.details).toEqual(
        expect.arrayContaining([expect.stringMatching(/^publicKey/)]),
      );
      const taken = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey: people.adminA.publicKey, deviceName: 'x' },
      });
      expect(taken.status).toBe(409);
    });

    it('serves the trust list to enrolled devices, with roles, offices and revocations', async () => {
      const response = await hub.request('GET', PATHS.trustList, { token: people.head.token });
      expect(response.status).toBe(200);
      const trust = response.json as unknown as TrustList;
      const byName = new Map(trust.keys.map((key) => [key.name, key]));
      expect(byName.get('Ana Admin')).toEqual({
        publicKey: people.adminA.publicKey,
        name: 'Ana Admin',
        role: 'admin',
        office: BERLIN,
      });
      expect(byName.get('Sam Supervisor')).toMatchObject({
        role: 'supervisor',
        supervises: [BERLIN],
      });
      expect(byName.get('Hal Head')).toMatchObject({ role: 'head' });
      expect(byName.get('Rex Revoked')?.revokedAt).toBeDefined();
    });

    it('refuses a revoked device, an unknown token and no token', async () => {
      expect(
        (await hub.request('GET', PATHS.trustList, { token: people.revoked.token })).status,
      ).toBe(401);
      expect((await hub.request('GET', PATHS.trustList, { token: 'x'.repeat(43) })).status).toBe(
        401,
      );
      expect((await hub.request('GET', PATHS.trustList)).status).toBe(401);
    });

    it('revoking a user revokes their devices', async () => {
      const { code, user } = await newCode('Uma User');
      const response = await hub.request('POST', PATHS.enroll, {
        json: { code, publicKey: await publicKeyOf('uma'), deviceName: 'x' },
      });
      const token = String(response.json.deviceToken);
      expect((await hub.request('GET', PATHS.trustList, { token })).status).toBe(200);
      expect(await hub.store.revokeUser(user.userId, hub.now().toISOString())).toBe(true);
      expect((await hub.request('GET', PATHS.trustList, { token })).status).toBe(401);
      const { code: second } = await issueCode(hub.store, { ...user, revokedAt: null }, hub.now());
      const again = await hub.request('POST', PATHS.enroll, {
        json: { code: second, publicKey: await publicKeyOf('uma-2'), deviceName: 'x' },
      });
      expect(again.status).toBe(401);
    });
  });
}
