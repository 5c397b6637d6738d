// The hub's store on SQLite (better-sqlite3): one file, WAL journal, foreign keys on. The default
// engine: nothing to install. Calls are synchronous underneath, wrapped in the async HubStore
// contract shared with postgres-store.ts; the behaviour must stay identical to it.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
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
import { migrationFiles } from './migration-files';
import type { Row } from './rows';
import {
  bytes,
  COUNTED_TABLES,
  definitionFrom,
  deviceFrom,
  progressFrom,
  REPORT_META_COLUMNS,
  reportMetaFrom,
  signatureFrom,
  userFrom,
} from './rows';

function applyMigrations(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  for (const file of migrationFiles('sqlite')) {
    // IMMEDIATE takes the write lock first, so two hubs opening one file cannot both apply it.
    const apply = db.transaction(() => {
      const done = db
        .prepare('SELECT 1 FROM schema_migrations WHERE version = ?')
        .get(file.version);
      if (done) return;
      db.exec(file.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        file.version,
        file.name,
        new Date().toISOString(),
      );
    });
    apply.immediate();
  }
}

/** A placeholder list for `IN (…)`. */
function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

class SqliteHubStore implements HubStore {
  readonly engine = 'sqlite';

  constructor(private readonly db: Database.Database) {}

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.db.prepare(sql).run(...params).changes;
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  async appliedMigrations(): Promise<AppliedMigration[]> {
    return this.all('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').map(
      (row) => ({
        version: Number(row.version),
        name: String(row.name),
        appliedAt: String(row.applied_at),
      }),
    );
  }

  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      out[table] = Number(this.one(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0);
    }
    return out;
  }

  async createUser(user: UserRecord): Promise<void> {
    this.run(
      'INSERT INTO users (user_id, name, role, office, supervises, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      user.userId,
      user.name,
      user.role,
      user.office,
      JSON.stringify(user.supervises),
      user.createdAt,
      user.revokedAt,
    );
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const row = this.one('SELECT * FROM users WHERE user_id = ?', userId);
    return row ? userFrom(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return this.all('SELECT * FROM users ORDER BY created_at, user_id').map(userFrom);
  }

  async revokeUser(userId: string, at: string): Promise<boolean> {
    return this.db.transaction(() => {
      const changed = this.run(
        'UPDATE users SET revoked_at = COALESCE(revoked_at, ?) WHERE user_id = ?',
        at,
        userId,
      );
      this.run(
        'UPDATE devices SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
        at,
        userId,
      );
      return changed > 0;
    })();
  }

  async createEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    this.run(
      'INSERT INTO enrollment_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      code.codeHash,
      code.userId,
      code.createdAt,
      code.expiresAt,
    );
  }

  async redeemEnrollmentCode(input: RedeemInput): Promise<RedeemResult> {
    return this.db
      .transaction((): RedeemResult => {
        const code = this.one('SELECT * FROM enrollment_codes WHERE code_hash = ?', input.codeHash);
        if (!code) return { ok: false, reason: 'unknown' };
        if (code.used_at !== null) return { ok: false, reason: 'used', at: String(code.used_at) };
        if (Date.parse(String(code.expires_at)) <= Date.parse(input.now)) {
          return { ok: false, reason: 'expired', at: String(code.expires_at) };
        }
        const userRow = this.one('SELECT * FROM users WHERE user_id = ?', code.user_id);
        if (!userRow || userRow.revoked_at !== null) return { ok: false, reason: 'user-revoked' };
        const taken = this.one(
          'SELECT 1 FROM devices WHERE public_key = ? AND user_id <> ?',
          input.device.publicKey,
          code.user_id,
        );
        if (taken) return { ok: false, reason: 'key-taken' };
        const used = this.run(
          'UPDATE enrollment_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
          input.now,
          input.device.deviceId,
          input.codeHash,
        );
        if (used === 0) return { ok: false, reason: 'used' };
        const device: DeviceRecord = {
          ...input.device,
          userId: userFrom(userRow).userId,
          revokedAt: null,
        };
        this.run(
          'INSERT INTO devices (device_id, user_id, name, token_hash, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          device.deviceId,
          device.userId,
          device.name,
          device.tokenHash,
          device.publicKey,
          device.createdAt,
        );
        return { ok: true, user: userFrom(userRow), device };
      })
      .immediate();
  }

  async findDeviceByTokenHash(
    tokenHash: string,
  ): Promise<{ device: DeviceRecord; user: UserRecord } | undefined> {
    const device = this.one('SELECT * FROM devices WHERE token_hash = ?', tokenHash);
    if (!device) return undefined;
    const user = this.one('SELECT * FROM users WHERE user_id = ?', device.user_id);
    return user ? { device: deviceFrom(device), user: userFrom(user) } : undefined;
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return this.all('SELECT * FROM devices ORDER BY created_at, device_id').map(deviceFrom);
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return (
      this.run(
        'UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE device_id = ?',
        at,
        deviceId,
      ) > 0
    );
  }

  async reportRevisions(reportId: string): Promise<ReportMeta[]> {
    return this.all(
      `SELECT ${REPORT_META_COLUMNS} FROM reports WHERE report_id = ? ORDER BY revision`,
      reportId,
    ).map(reportMetaFrom);
  }

  async getReport(
    reportId: string,
    revision: number,
  ): Promise<{ meta: ReportMeta; bundle: Uint8Array } | undefined> {
    const row = this.one(
      'SELECT * FROM reports WHERE report_id = ? AND revision = ?',
      reportId,
      revision,
    );
    return row ? { meta: reportMetaFrom(row), bundle: bytes(row.bundle) } : undefined;
  }

  async listReports(scope: OfficeScope, since?: string): Promise<ReportMeta[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope !== 'all') {
      where.push(`office IN (${placeholders(scope.length)})`);
      params.push(...scope);
    }
    if (since !== undefined) {
      where.push('received_at > ?');
      params.push(since);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.all(
      `SELECT ${REPORT_META_COLUMNS} FROM reports ${clause} ORDER BY received_at, report_id, revision`,
      ...params,
    ).map(reportMetaFrom);
  }

  async insertReport(report: NewReport): Promise<InsertOutcome<ReportMeta>> {
    const { meta } = report;
    return this.db
      .transaction((): InsertOutcome<ReportMeta> => {
        const inserted = this.run(
          `INSERT INTO reports (${REPORT_META_COLUMNS}, bundle) VALUES (${placeholders(15)})
           ON CONFLICT (report_id, revision) DO NOTHING`,
          meta.reportId,
          meta.revision,
          meta.reportHash,
          meta.jsonHash,
          meta.office,
          meta.runName,
          meta.definitionId,
          meta.definitionVersion,
          meta.decision,
          meta.signedAt,
          meta.receivedAt,
          meta.reviewState,
          meta.signatureCount,
          meta.deviceId,
          report.bundle,
        );
        if (inserted === 0) {
          const row = this.one(
            `SELECT ${REPORT_META_COLUMNS} FROM reports WHERE report_id = ? AND revision = ?`,
            meta.reportId,
            meta.revision,
          );
          if (!row) throw new Error('hub store: a report conflicted but cannot be read back');
          return { inserted: false, existing: reportMetaFrom(row) };
        }
        for (const signature of report.signatures) this.insertSignature(signature);
        return { inserted: true };
      })
      .immediate();
  }

  private insertSignature(signature: SignatureRecord): void {
    this.run(
      `INSERT INTO signatures (report_id, revision, idx, purpose, signer_public_key, signed_at,
         signature_json, received_at, device_id) VALUES (${placeholders(9)})`,
      signature.reportId,
      signature.revision,
      signature.index,
      signature.purpose,
      signature.signerPublicKey,
      signature.signedAt,
      signature.signatureJson,
      signature.receivedAt,
      signature.deviceId,
    );
  }

  async signatures(reportId: string, revision: number): Promise<SignatureRecord[]> {
    return this.all(
      'SELECT * FROM signatures WHERE report_id = ? AND revision = ? ORDER BY idx',
      reportId,
      revision,
    ).map(signatureFrom);
  }

  async appendSignature(
    signature: SignatureRecord,
    expectedCount: number,
    reviewState: ReviewState,
  ): Promise<boolean> {
    return this.db
      .transaction((): boolean => {
        const updated = this.run(
          `UPDATE reports SET signature_count = signature_count + 1, review_state = ?
           WHERE report_id = ? AND revision = ? AND signature_count = ?`,
          reviewState,
          signature.reportId,
          signature.revision,
          expectedCount,
        );
        if (updated === 0) return false;
        this.insertSignature({ ...signature, index: expectedCount });
        return true;
      })
      .immediate();
  }

  async insertProgress(record: ProgressRecord): Promise<InsertOutcome<ProgressRecord>> {
    const inserted = this.run(
      `INSERT INTO progress_snapshots (run_id, taken_at, office, snapshot_json, content_hash,
         received_at, device_id) VALUES (${placeholders(7)})
       ON CONFLICT (run_id, taken_at) DO NOTHING`,
      record.runId,
      record.takenAt,
      record.office,
      record.snapshotJson,
      record.contentHash,
      record.receivedAt,
      record.deviceId,
    );
    if (inserted > 0) return { inserted: true };
    const row = this.one(
      'SELECT * FROM progress_snapshots WHERE run_id = ? AND taken_at = ?',
      record.runId,
      record.takenAt,
    );
    if (!row) throw new Error('hub store: a snapshot conflicted but cannot be read back');
    return { inserted: false, existing: progressFrom(row) };
  }

  async progressOffice(runId: string): Promise<string | undefined> {
    const row = this.one('SELECT office FROM progress_snapshots WHERE run_id = ? LIMIT 1', runId);
    return row ? String(row.office) : undefined;
  }

  async listProgress(scope: OfficeScope, runId?: string): Promise<ProgressRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope !== 'all') {
      where.push(`office IN (${placeholders(scope.length)})`);
      params.push(...scope);
    }
    if (runId !== undefined) {
      where.push('run_id = ?');
      params.push(runId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    return this.all(
      `SELECT * FROM progress_snapshots ${clause} ORDER BY run_id, taken_at`,
      ...params,
    ).map(progressFrom);
  }

  async insertDefinition(definition: DefinitionRecord): Promise<InsertOutcome<DefinitionRecord>> {
    const inserted = this.run(
      `INSERT INTO definitions (id, version, hash, text, published_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id, version) DO NOTHING`,
      definition.id,
      definition.version,
      definition.hash,
      definition.text,
      definition.publishedAt,
    );
    if (inserted > 0) return { inserted: true };
    const existing = await this.getDefinition(definition.id, definition.version);
    if (!existing) throw new Error('hub store: a definition conflicted but cannot be read back');
    return { inserted: false, existing };
  }

  async listDefinitions(): Promise<Omit<DefinitionRecord, 'text'>[]> {
    return this.all(
      'SELECT id, version, hash, published_at FROM definitions ORDER BY id, version',
    ).map((row) => {
      const { text: _text, ...rest } = definitionFrom(row);
      return rest;
    });
  }

  async getDefinition(id: string, version: string): Promise<DefinitionRecord | undefined> {
    const row = this.one('SELECT * FROM definitions WHERE id = ? AND version = ?', id, version);
    return row ? definitionFrom(row) : undefined;
  }
}

/** Opens (creating when needed) the hub's SQLite file and applies missing migrations. */
export function openSqliteStore(file: string): HubStore {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteHubStore(db);
}
