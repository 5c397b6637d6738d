// Upgrading a hub database made before Kysely (the earlier migrator's schema_migrations, the
// released 001 SQL, data written by the earlier store): today's store must adopt it without
// losing or altering a byte, keep exactly-once on the old rows, write new ones, and leave the
// same schema a fresh database gets. Run once per engine (store-upgrade.*.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { HubStore } from '../../../../hub/store/hub-store';
import { hubMigrations } from '../../../../hub/store/migrate';
import { INITIAL_TABLES } from '../../../../hub/store/migrations/legacy-bookkeeping';
import { createLegacySchema, LEGACY, LEGACY_BUNDLE, writeLegacyData } from './legacy-hub';
import type { RawDatabase, RawDatabaseFactory } from './raw-database';
import { schemaShape, tableNames } from './schema-shape';

/** An old user as the store reads it now: migration 003 gave every user no departments. */
const userNow = <T extends object>(user: T) => ({ ...user, departments: [] as string[] });
/** An old device as the store reads it now: no local profile id was registered. */
const deviceNow = <T extends object>(device: T) => ({ ...device, profileId: null });

export function storeUpgradeCases(factory: () => RawDatabaseFactory): void {
  const opened: { raw: RawDatabase[]; stores: HubStore[] } = { raw: [], stores: [] };

  async function database(): Promise<RawDatabase> {
    const raw = await factory()();
    opened.raw.push(raw);
    return raw;
  }

  async function open(raw: RawDatabase): Promise<HubStore> {
    const store = await raw.openStore();
    opened.stores.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of opened.stores.splice(0)) await store.close();
    for (const raw of opened.raw.splice(0)) await raw.close();
  });

  describe('store upgrade from the earlier migrator', () => {
    it('adopts the initial schema: every old row reads back as written, one history remains', async () => {
      const raw = await database();
      await createLegacySchema(raw);
      await writeLegacyData(raw);
      const store = await open(raw);

      const applied = await store.appliedMigrations();
      expect(applied.map((m) => `${m.version} ${m.name}`)).toEqual(
        hubMigrations().map((m) => `${m.version} ${m.name}`),
      );
      expect(applied[0]).toMatchObject({ version: 1, name: 'initial' });
      expect(await tableNames(raw)).not.toContain('schema_migrations');

      expect(await store.counts()).toMatchObject({
        users: 3,
        enrollment_codes: 2,
        devices: 2,
        reports: 1,
        signatures: 1,
        progress_snapshots: 1,
        definitions: 1,
      });
      expect(await store.listUsers()).toEqual(
        [LEGACY.head, LEGACY.supervisor, LEGACY.admin].map(userNow),
      );
      expect(await store.listDevices()).toEqual(
        [LEGACY.oldDevice, LEGACY.adminDevice].map(deviceNow),
      );
      expect(await store.findDeviceByTokenHash(LEGACY.adminDevice.tokenHash)).toEqual({
        device: deviceNow(LEGACY.adminDevice),
        user: userNow(LEGACY.admin),
      });
      const report = await store.getReport(LEGACY.report.reportId, 1);
      expect(report?.meta).toEqual(LEGACY.report);
      expect(Buffer.from(report?.bundle ?? []).equals(Buffer.from(LEGACY_BUNDLE))).toBe(true);
      expect(await store.listReports(['Berlin'], '2025-01-01T00:00:00.000Z')).toEqual([
        LEGACY.report,
      ]);
      expect(await store.signatures(LEGACY.report.reportId, 1)).toEqual([LEGACY.signature]);
      expect(await store.listProgress('all')).toEqual([LEGACY.progress]);
      expect(await store.progressOffice(LEGACY.progress.runId)).toBe('Berlin');
      expect(await store.getDefinition(LEGACY.definition.id, LEGACY.definition.version)).toEqual(
        LEGACY.definition,
      );
    });

    it('keeps exactly-once on the old rows and takes new writes', async () => {
      const raw = await database();
      await createLegacySchema(raw);
      await writeLegacyData(raw);
      const store = await open(raw);
      const at = '2025-02-01T10:00:00.000Z';

      // The old keys still hold: the same report, snapshot and definition are not stored twice.
      const again = await store.insertReport({
        meta: { ...LEGACY.report, jsonHash: 'other' },
        bundle: new Uint8Array([1, 2, 3]),
        signatures: [],
      });
      expect(again).toEqual({ inserted: false, existing: LEGACY.report });
      expect(await store.insertProgress({ ...LEGACY.progress, snapshotJson: '{}' })).toEqual({
        inserted: false,
        existing: LEGACY.progress,
      });
      expect(await store.insertDefinition({ ...LEGACY.definition, text: 'changed' })).toEqual({
        inserted: false,
        existing: LEGACY.definition,
      });
      // A used code stays used, an open one enrolls once.
      const device = {
        deviceId: 'd-sup',
        name: 'Sam tablet',
        tokenHash: 'token-hash-sup',
        publicKey: 'public-key-sup',
        createdAt: at,
      };
      expect(
        await store.redeemEnrollmentCode({ codeHash: LEGACY.usedCode.codeHash, now: at, device }),
      ).toEqual({ ok: false, reason: 'used', at: LEGACY.usedCode.usedAt });
      expect(
        await store.redeemEnrollmentCode({ codeHash: LEGACY.openCode.codeHash, now: at, device }),
      ).toEqual({
        ok: true,
        user: userNow(LEGACY.supervisor),
        device: { ...device, profileId: null, userId: LEGACY.supervisor.userId, revokedAt: null },
      });
      expect(
        (await store.redeemEnrollmentCode({ codeHash: LEGACY.openCode.codeHash, now: at, device }))
          .ok,
      ).toBe(false);

      // A countersign on the old report, once; then revision 2 with its own signature.
      const countersign = {
        ...LEGACY.signature,
        purpose: 'countersign' as const,
        signerPublicKey: device.publicKey,
        signatureJson: '{"purpose":"countersign"}',
        receivedAt: at,
        deviceId: device.deviceId,
      };
      expect(await store.appendSignature(countersign, 1, 'countersigned')).toBe(true);
      expect(await store.appendSignature(countersign, 1, 'countersigned')).toBe(false);
      expect((await store.signatures(LEGACY.report.reportId, 1)).map((s) => s.purpose)).toEqual([
        'sign-off',
        'countersign',
      ]);
      const revision2 = {
        ...LEGACY.report,
        revision: 2,
        reportHash: 'report-hash-2',
        jsonHash: 'json-hash-2',
        receivedAt: at,
      };
      expect(
        await store.insertReport({
          meta: revision2,
          bundle: LEGACY_BUNDLE.slice(0, 100),
          signatures: [{ ...LEGACY.signature, revision: 2, receivedAt: at }],
        }),
      ).toEqual({ inserted: true });
      expect((await store.reportRevisions(LEGACY.report.reportId)).map((m) => m.revision)).toEqual([
        1, 2,
      ]);
      expect(await store.listReports('all', LEGACY.report.receivedAt)).toEqual([revision2]);

      // Opening it again applies nothing and changes nothing.
      const applied = await store.appliedMigrations();
      const counts = await store.counts();
      const reopened = await open(raw);
      expect(await reopened.appliedMigrations()).toEqual(applied);
      expect(await reopened.counts()).toEqual(counts);
    });

    it('leaves the same schema as a database built by the migrations', async () => {
      const legacy = await database();
      await createLegacySchema(legacy);
      await open(legacy);
      const fresh = await database();
      await open(fresh);
      const adopted = await schemaShape(legacy);
      expect(adopted).toEqual(await schemaShape(fresh));
      // A shape that saw nothing would compare equal too: it must show the tables, indexes, checks.
      const seen = JSON.stringify(adopted);
      for (const name of [...INITIAL_TABLES, 'reports_office', 'progress_office', 'sent-back']) {
        expect(seen).toContain(name);
      }
    });

    it('builds the schema when the earlier migrator stopped before its first migration', async () => {
      const raw = await database();
      await createLegacySchema(raw, []);
      const store = await open(raw);
      expect((await store.appliedMigrations()).map((m) => m.version)).toEqual(
        hubMigrations().map((m) => m.version),
      );
      expect(await tableNames(raw)).not.toContain('schema_migrations');
      expect((await store.counts()).users).toBe(0);
    });

    it('refuses a history it does not know, and changes nothing of it', async () => {
      const raw = await database();
      await createLegacySchema(raw, [
        { version: 1, name: 'initial' },
        { version: 2, name: 'from_elsewhere' },
      ]);
      await writeLegacyData(raw);
      await expect(raw.openStore()).rejects.toThrow(
        /schema_migrations records migration 2 \(from_elsewhere\), which this hub does not know/,
      );
      expect(await tableNames(raw)).toContain('schema_migrations');
      expect(await raw.rows('SELECT version FROM schema_migrations ORDER BY version')).toHaveLength(
        2,
      );
      expect(await raw.rows('SELECT user_id FROM users')).toHaveLength(3);
    });
  });
}
