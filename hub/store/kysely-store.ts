// The hub's store, written once on Kysely for SQLite (better-sqlite3) and PostgreSQL (pg): the
// dialect hooks (dialect-hooks.ts) carry the few places where the engines differ. Exactly once
// rests on the tables' unique keys: inserts use ON CONFLICT DO NOTHING and report whether they
// inserted, a conflict re-reads the stored row, and nothing checks before inserting.
import type { Kysely, Transaction } from 'kysely';
import type { InTransaction } from '../notifications/notification-store';
import type { DialectHooks, HubConnection } from './dialect-hooks';
import type {
  AppliedMigration,
  DefinitionRecord,
  DeviceRecord,
  EnrollmentCodeRecord,
  HubStore,
  InsertOutcome,
  NewReport,
  OfficeScope,
  ProgressRecord,
  RedeemInput,
  RedeemResult,
  ReportMeta,
  ReviewState,
  SignatureRecord,
  UserRecord,
} from './hub-store';
import { KyselyNotificationStore } from './kysely-notifications';
import { KyselySharedRunStore } from './kysely-shared-runs';
import { appliedMigrations } from './migrate';
import {
  bufferOf,
  bytes,
  definitionFrom,
  deviceFrom,
  iso,
  progressFrom,
  REPORT_META_COLUMNS,
  reportMetaFrom,
  reportMetaRow,
  signatureFrom,
  userFrom,
} from './records';
import type { HubDatabase } from './schema';
import { COUNTED_TABLES } from './schema';

type Executor = Kysely<HubDatabase> | Transaction<HubDatabase>;

/** Rows changed by an insert or update, from Kysely's result (bigint). */
function changed(result: { numInsertedOrUpdatedRows?: bigint } | { numUpdatedRows: bigint }) {
  const count =
    'numUpdatedRows' in result ? result.numUpdatedRows : result.numInsertedOrUpdatedRows;
  return Number(count ?? 0n);
}

export class KyselyHubStore implements HubStore {
  readonly engine: 'sqlite' | 'postgres';
  private readonly db: Kysely<HubDatabase>;
  private readonly hooks: DialectHooks;
  readonly notifications: KyselyNotificationStore;
  readonly sharedRuns: KyselySharedRunStore;

  constructor(connection: HubConnection) {
    this.db = connection.db;
    this.hooks = connection.hooks;
    this.engine = connection.hooks.engine;
    this.notifications = new KyselyNotificationStore(connection.db, connection.hooks);
    this.sharedRuns = new KyselySharedRunStore(connection.db, connection.hooks);
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  appliedMigrations(): Promise<AppliedMigration[]> {
    return appliedMigrations(this.db, this.hooks);
  }

  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const row = await this.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  async createUser(user: UserRecord): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        user_id: user.userId,
        name: user.name,
        role: user.role,
        office: user.office,
        supervises: JSON.stringify(user.supervises),
        departments: JSON.stringify(user.departments),
        created_at: user.createdAt,
        revoked_at: user.revokedAt,
      })
      .execute();
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    return this.userById(this.db, userId);
  }

  private async userById(db: Executor, userId: string): Promise<UserRecord | undefined> {
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? userFrom(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .orderBy('created_at')
      .orderBy(this.hooks.byBytes('user_id'))
      .execute();
    return rows.map(userFrom);
  }

  async revokeUser(userId: string, at: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('users')
        .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)).$castTo<string>() }))
        .where('user_id', '=', userId)
        .executeTakeFirst();
      await trx
        .updateTable('devices')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      return changed(result) > 0;
    });
  }

  async createEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    await this.db
      .insertInto('enrollment_codes')
      .values({
        code_hash: code.codeHash,
        user_id: code.userId,
        created_at: code.createdAt,
        expires_at: code.expiresAt,
      })
      .execute();
  }

  async redeemEnrollmentCode(input: RedeemInput): Promise<RedeemResult> {
    return this.db.transaction().execute(async (trx): Promise<RedeemResult> => {
      const code = await trx
        .selectFrom('enrollment_codes')
        .selectAll()
        .where('code_hash', '=', input.codeHash)
        .$if(this.hooks.locksRows, (query) => query.forUpdate())
        .executeTakeFirst();
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used', at: iso(code.used_at) };
      if (Date.parse(iso(code.expires_at)) <= Date.parse(input.now)) {
        return { ok: false, reason: 'expired', at: iso(code.expires_at) };
      }
      const user = await this.userById(trx, code.user_id);
      if (!user || user.revokedAt !== null) return { ok: false, reason: 'user-revoked' };
      const taken = await trx
        .selectFrom('devices')
        .select('device_id')
        .where('public_key', '=', input.device.publicKey)
        .where('user_id', '<>', code.user_id)
        .executeTakeFirst();
      if (taken) return { ok: false, reason: 'key-taken' };
      const used = await trx
        .updateTable('enrollment_codes')
        .set({ used_at: input.now, used_by_device: input.device.deviceId })
        .where('code_hash', '=', input.codeHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (changed(used) === 0) return { ok: false, reason: 'used' };
      const device: DeviceRecord = {
        ...input.device,
        profileId: input.device.profileId ?? null,
        userId: user.userId,
        revokedAt: null,
      };
      await trx
        .insertInto('devices')
        .values({
          device_id: device.deviceId,
          user_id: device.userId,
          name: device.name,
          token_hash: device.tokenHash,
          public_key: device.publicKey,
          profile_id: device.profileId,
          created_at: device.createdAt,
        })
        .execute();
      return { ok: true, user, device };
    });
  }

  async findDeviceByTokenHash(
    tokenHash: string,
  ): Promise<{ device: DeviceRecord; user: UserRecord } | undefined> {
    const device = await this.db
      .selectFrom('devices')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!device) return undefined;
    const user = await this.userById(this.db, device.user_id);
    return user ? { device: deviceFrom(device), user } : undefined;
  }

  async listDevices(): Promise<DeviceRecord[]> {
    const rows = await this.db
      .selectFrom('devices')
      .selectAll()
      .orderBy('created_at')
      .orderBy(this.hooks.byBytes('device_id'))
      .execute();
    return rows.map(deviceFrom);
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('devices')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(at)).$castTo<string>() }))
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async reportRevisions(reportId: string): Promise<ReportMeta[]> {
    const rows = await this.db
      .selectFrom('reports')
      .select(REPORT_META_COLUMNS)
      .where('report_id', '=', reportId)
      .orderBy('revision')
      .execute();
    return rows.map(reportMetaFrom);
  }

  async getReport(
    reportId: string,
    revision: number,
  ): Promise<{ meta: ReportMeta; bundle: Uint8Array } | undefined> {
    const row = await this.db
      .selectFrom('reports')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row ? { meta: reportMetaFrom(row), bundle: bytes(row.bundle) } : undefined;
  }

  async listReports(scope: OfficeScope, since?: string): Promise<ReportMeta[]> {
    if (scope !== 'all' && scope.length === 0) return [];
    const rows = await this.db
      .selectFrom('reports')
      .select(REPORT_META_COLUMNS)
      .$if(scope !== 'all', (query) => query.where('office', 'in', [...scope]))
      .$if(since !== undefined, (query) => query.where('received_at', '>', since ?? ''))
      .orderBy('received_at')
      .orderBy(this.hooks.byBytes('report_id'))
      .orderBy('revision')
      .execute();
    return rows.map(reportMetaFrom);
  }

  private async reportMeta(db: Executor, reportId: string, revision: number) {
    const row = await db
      .selectFrom('reports')
      .select(REPORT_META_COLUMNS)
      .where('report_id', '=', reportId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row ? reportMetaFrom(row) : undefined;
  }

  async insertReport(
    report: NewReport,
    notices?: InTransaction,
  ): Promise<InsertOutcome<ReportMeta>> {
    const { meta } = report;
    return this.db.transaction().execute(async (trx): Promise<InsertOutcome<ReportMeta>> => {
      const result = await trx
        .insertInto('reports')
        .values({ ...reportMetaRow(meta), bundle: bufferOf(report.bundle) })
        .onConflict((conflict) => conflict.columns(['report_id', 'revision']).doNothing())
        .executeTakeFirst();
      if (changed(result) === 0) {
        const existing = await this.reportMeta(trx, meta.reportId, meta.revision);
        if (!existing) throw new Error('hub store: a report conflicted but cannot be read back');
        return { inserted: false, existing };
      }
      for (const signature of report.signatures) await this.insertSignature(trx, signature);
      await notices?.(this.notifications.writerFor(trx));
      return { inserted: true };
    });
  }

  private async insertSignature(db: Executor, signature: SignatureRecord): Promise<void> {
    await db
      .insertInto('signatures')
      .values({
        report_id: signature.reportId,
        revision: signature.revision,
        idx: signature.index,
        purpose: signature.purpose,
        signer_public_key: signature.signerPublicKey,
        signed_at: signature.signedAt,
        signature_json: signature.signatureJson,
        received_at: signature.receivedAt,
        device_id: signature.deviceId,
      })
      .execute();
  }

  async signatures(reportId: string, revision: number): Promise<SignatureRecord[]> {
    const rows = await this.db
      .selectFrom('signatures')
      .selectAll()
      .where('report_id', '=', reportId)
      .where('revision', '=', revision)
      .orderBy('idx')
      .execute();
    return rows.map(signatureFrom);
  }

  async appendSignature(
    signature: SignatureRecord,
    expectedCount: number,
    reviewState: ReviewState,
    notices?: InTransaction,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('reports')
        .set((eb) => ({
          signature_count: eb('signature_count', '+', 1),
          review_state: reviewState,
        }))
        .where('report_id', '=', signature.reportId)
        .where('revision', '=', signature.revision)
        .where('signature_count', '=', expectedCount)
        .executeTakeFirst();
      if (changed(result) === 0) return false;
      await this.insertSignature(trx, { ...signature, index: expectedCount });
      await notices?.(this.notifications.writerFor(trx));
      return true;
    });
  }

  async insertProgress(
    record: ProgressRecord,
    notices?: InTransaction,
  ): Promise<InsertOutcome<ProgressRecord>> {
    const inserted = await this.db.transaction().execute(async (trx) => {
      const done = await this.insertSnapshot(trx, record);
      if (done) await notices?.(this.notifications.writerFor(trx));
      return done;
    });
    if (inserted) return { inserted: true };
    const row = await this.db
      .selectFrom('progress_snapshots')
      .selectAll()
      .where('run_id', '=', record.runId)
      .where('taken_at', '=', record.takenAt)
      .executeTakeFirst();
    if (!row) throw new Error('hub store: a snapshot conflicted but cannot be read back');
    return { inserted: false, existing: progressFrom(row) };
  }

  private async insertSnapshot(db: Executor, record: ProgressRecord): Promise<boolean> {
    const result = await db
      .insertInto('progress_snapshots')
      .values({
        run_id: record.runId,
        taken_at: record.takenAt,
        office: record.office,
        snapshot_json: record.snapshotJson,
        content_hash: record.contentHash,
        received_at: record.receivedAt,
        device_id: record.deviceId,
      })
      .onConflict((conflict) => conflict.columns(['run_id', 'taken_at']).doNothing())
      .executeTakeFirst();
    return changed(result) > 0;
  }

  async progressOffice(runId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('progress_snapshots')
      .select('office')
      .where('run_id', '=', runId)
      .limit(1)
      .executeTakeFirst();
    return row?.office;
  }

  async listProgress(scope: OfficeScope, runId?: string): Promise<ProgressRecord[]> {
    if (scope !== 'all' && scope.length === 0) return [];
    const rows = await this.db
      .selectFrom('progress_snapshots')
      .selectAll()
      .$if(scope !== 'all', (query) => query.where('office', 'in', [...scope]))
      .$if(runId !== undefined, (query) => query.where('run_id', '=', runId ?? ''))
      .orderBy(this.hooks.byBytes('run_id'))
      .orderBy(this.hooks.byBytes('taken_at'))
      .execute();
    return rows.map(progressFrom);
  }

  async insertDefinition(definition: DefinitionRecord): Promise<InsertOutcome<DefinitionRecord>> {
    const result = await this.db
      .insertInto('definitions')
      .values({
        id: definition.id,
        version: definition.version,
        hash: definition.hash,
        text: definition.text,
        published_at: definition.publishedAt,
      })
      .onConflict((conflict) => conflict.columns(['id', 'version']).doNothing())
      .executeTakeFirst();
    if (changed(result) > 0) return { inserted: true };
    const existing = await this.getDefinition(definition.id, definition.version);
    if (!existing) throw new Error('hub store: a definition conflicted but cannot be read back');
    return { inserted: false, existing };
  }

  async listDefinitions(): Promise<Omit<DefinitionRecord, 'text'>[]> {
    const rows = await this.db
      .selectFrom('definitions')
      .select(['id', 'version', 'hash', 'published_at'])
      .orderBy(this.hooks.byBytes('id'))
      .orderBy(this.hooks.byBytes('version'))
      .execute();
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      hash: row.hash,
      publishedAt: iso(row.published_at),
    }));
  }

  async getDefinition(id: string, version: string): Promise<DefinitionRecord | undefined> {
    const row = await this.db
      .selectFrom('definitions')
      .selectAll()
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? definitionFrom(row) : undefined;
  }
}
