// The hub's store on PostgreSQL (pg Pool), chosen with HUB_DATABASE_URL=postgres://…: for a hub
// shared by many offices, or run next to an existing database. Same behaviour as sqlite-store.ts
// (one test suite runs against both): text is ordered with COLLATE "C" so both engines list rows in
// the same order, and unique keys with ON CONFLICT DO NOTHING make concurrent duplicates safe.
import pg from 'pg';
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
  iso,
  progressFrom,
  REPORT_META_COLUMNS,
  reportMetaFrom,
  signatureFrom,
  userFrom,
} from './rows';

type Queryable = pg.Pool | pg.PoolClient;

async function rows(db: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> {
  const result = await db.query(sql, params);
  return result.rows as Row[];
}

async function changes(db: Queryable, sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.query(sql, params);
  return result.rowCount ?? 0;
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Serialises migrations across hubs starting at once on one database. */
const MIGRATION_LOCK = 7_402_318_551;

async function applyMigrations(pool: pg.Pool): Promise<void> {
  for (const file of migrationFiles('postgres')) {
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
      );
      const done = await rows(client, 'SELECT 1 FROM schema_migrations WHERE version = $1', [
        file.version,
      ]);
      if (done.length > 0) return;
      await client.query(file.sql);
      await client.query(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
        [file.version, file.name, new Date().toISOString()],
      );
    });
  }
}

function scopeClause(scope: OfficeScope, params: unknown[]): string | undefined {
  if (scope === 'all') return undefined;
  params.push([...scope]);
  return `office = ANY($${params.length}::text[])`;
}

class PostgresHubStore implements HubStore {
  readonly engine = 'postgres';

  constructor(private readonly pool: pg.Pool) {}

  close(): Promise<void> {
    return this.pool.end();
  }

  async appliedMigrations(): Promise<AppliedMigration[]> {
    return (
      await rows(
        this.pool,
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
      )
    ).map((row) => ({
      version: Number(row.version),
      name: String(row.name),
      appliedAt: iso(row.applied_at),
    }));
  }

  async counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const [row] = await rows(this.pool, `SELECT count(*)::int AS n FROM ${table}`);
      out[table] = Number(row?.n ?? 0);
    }
    return out;
  }

  async createUser(user: UserRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO users (user_id, name, role, office, supervises, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [
        user.userId,
        user.name,
        user.role,
        user.office,
        JSON.stringify(user.supervises),
        user.createdAt,
        user.revokedAt,
      ],
    );
  }

  async getUser(userId: string): Promise<UserRecord | undefined> {
    const [row] = await rows(this.pool, 'SELECT * FROM users WHERE user_id = $1', [userId]);
    return row ? userFrom(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (
      await rows(this.pool, 'SELECT * FROM users ORDER BY created_at, user_id COLLATE "C"')
    ).map(userFrom);
  }

  async revokeUser(userId: string, at: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const changed = await changes(
        client,
        'UPDATE users SET revoked_at = COALESCE(revoked_at, $1) WHERE user_id = $2',
        [at, userId],
      );
      await client.query(
        'UPDATE devices SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL',
        [at, userId],
      );
      return changed > 0;
    });
  }

  async createEnrollmentCode(code: EnrollmentCodeRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO enrollment_codes (code_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [code.codeHash, code.userId, code.createdAt, code.expiresAt],
    );
  }

  async redeemEnrollmentCode(input: RedeemInput): Promise<RedeemResult> {
    return inTransaction(this.pool, async (client): Promise<RedeemResult> => {
      const [code] = await rows(
        client,
        'SELECT * FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
        [input.codeHash],
      );
      if (!code) return { ok: false, reason: 'unknown' };
      if (code.used_at !== null) return { ok: false, reason: 'used', at: iso(code.used_at) };
      if (Date.parse(iso(code.expires_at)) <= Date.parse(input.now)) {
        return { ok: false, reason: 'expired', at: iso(code.expires_at) };
      }
      const [userRow] = await rows(client, 'SELECT * FROM users WHERE user_id = $1', [
        code.user_id,
      ]);
      if (!userRow || userRow.revoked_at !== null) return { ok: false, reason: 'user-revoked' };
      const taken = await rows(
        client,
        'SELECT 1 FROM devices WHERE public_key = $1 AND user_id <> $2',
        [input.device.publicKey, code.user_id],
      );
      if (taken.length > 0) return { ok: false, reason: 'key-taken' };
      const used = await changes(
        client,
        'UPDATE enrollment_codes SET used_at = $1, used_by_device = $2 WHERE code_hash = $3 AND used_at IS NULL',
        [input.now, input.device.deviceId, input.codeHash],
      );
      if (used === 0) return { ok: false, reason: 'used' };
      const user = userFrom(userRow);
      const device: DeviceRecord = { ...input.device, userId: user.userId, revokedAt: null };
      await client.query(
        'INSERT INTO devices (device_id, user_id, name, token_hash, public_key, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [
          device.deviceId,
          device.userId,
          device.name,
          device.tokenHash,
          device.publicKey,
          device.createdAt,
        ],
      );
      return { ok: true, user, device };
    });
  }

  async findDeviceByTokenHash(
    tokenHash: string,
  ): Promise<{ device: DeviceRecord; user: UserRecord } | undefined> {
    const [device] = await rows(this.pool, 'SELECT * FROM devices WHERE token_hash = $1', [
      tokenHash,
    ]);
    if (!device) return undefined;
    const [user] = await rows(this.pool, 'SELECT * FROM users WHERE user_id = $1', [
      device.user_id,
    ]);
    return user ? { device: deviceFrom(device), user: userFrom(user) } : undefined;
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return (
      await rows(this.pool, 'SELECT * FROM devices ORDER BY created_at, device_id COLLATE "C"')
    ).map(deviceFrom);
  }

  async revokeDevice(deviceId: string, at: string): Promise<boolean> {
    return (
      (await changes(
        this.pool,
        'UPDATE devices SET revoked_at = COALESCE(revoked_at, $1) WHERE device_id = $2',
        [at, deviceId],
      )) > 0
    );
  }

  async reportRevisions(reportId: string): Promise<ReportMeta[]> {
    return (
      await rows(
        this.pool,
        `SELECT ${REPORT_META_COLUMNS} FROM reports WHERE report_id = $1 ORDER BY revision`,
        [reportId],
      )
    ).map(reportMetaFrom);
  }

  async getReport(
    reportId: string,
    revision: number,
  ): Promise<{ meta: ReportMeta; bundle: Uint8Array } | undefined> {
    const [row] = await rows(
      this.pool,
      'SELECT * FROM reports WHERE report_id = $1 AND revision = $2',
      [reportId, revision],
    );
    return row ? { meta: reportMetaFrom(row), bundle: bytes(row.bundle) } : undefined;
  }

  async listReports(scope: OfficeScope, since?: string): Promise<ReportMeta[]> {
    const params: unknown[] = [];
    const where = [scopeClause(scope, params)];
    if (since !== undefined) {
      params.push(since);
      where.push(`received_at > $${params.length}::timestamptz`);
    }
    const conditions = where.filter((c) => c !== undefined);
    const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return (
      await rows(
        this.pool,
        `SELECT ${REPORT_META_COLUMNS} FROM reports ${clause}
         ORDER BY received_at, report_id COLLATE "C", revision`,
        params,
      )
    ).map(reportMetaFrom);
  }

  async insertReport(report: NewReport): Promise<InsertOutcome<ReportMeta>> {
    const { meta } = report;
    return inTransaction(this.pool, async (client): Promise<InsertOutcome<ReportMeta>> => {
      const inserted = await changes(
        client,
        `INSERT INTO reports (${REPORT_META_COLUMNS}, bundle)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (report_id, revision) DO NOTHING`,
        [
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
          Buffer.from(report.bundle.buffer, report.bundle.byteOffset, report.bundle.byteLength),
        ],
      );
      if (inserted === 0) {
        const [row] = await rows(
          client,
          `SELECT ${REPORT_META_COLUMNS} FROM reports WHERE report_id = $1 AND revision = $2`,
          [meta.reportId, meta.revision],
        );
        if (!row) throw new Error('hub store: a report conflicted but cannot be read back');
        return { inserted: false, existing: reportMetaFrom(row) };
      }
      for (const signature of report.signatures) await this.insertSignature(client, signature);
      return { inserted: true };
    });
  }

  private async insertSignature(client: Queryable, signature: SignatureRecord): Promise<void> {
    await client.query(
      `INSERT INTO signatures (report_id, revision, idx, purpose, signer_public_key, signed_at,
         signature_json, received_at, device_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        signature.reportId,
        signature.revision,
        signature.index,
        signature.purpose,
        signature.signerPublicKey,
        signature.signedAt,
        signature.signatureJson,
        signature.receivedAt,
        signature.deviceId,
      ],
    );
  }

  async signatures(reportId: string, revision: number): Promise<SignatureRecord[]> {
    return (
      await rows(
        this.pool,
        'SELECT * FROM signatures WHERE report_id = $1 AND revision = $2 ORDER BY idx',
        [reportId, revision],
      )
    ).map(signatureFrom);
  }

  async appendSignature(
    signature: SignatureRecord,
    expectedCount: number,
    reviewState: ReviewState,
  ): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const updated = await changes(
        client,
        `UPDATE reports SET signature_count = signature_count + 1, review_state = $1
         WHERE report_id = $2 AND revision = $3 AND signature_count = $4`,
        [reviewState, signature.reportId, signature.revision, expectedCount],
      );
      if (updated === 0) return false;
      await this.insertSignature(client, { ...signature, index: expectedCount });
      return true;
    });
  }

  async insertProgress(record: ProgressRecord): Promise<InsertOutcome<ProgressRecord>> {
    const inserted = await changes(
      this.pool,
      `INSERT INTO progress_snapshots (run_id, taken_at, office, snapshot_json, content_hash,
         received_at, device_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, taken_at) DO NOTHING`,
      [
        record.runId,
        record.takenAt,
        record.office,
        record.snapshotJson,
        record.contentHash,
        record.receivedAt,
        record.deviceId,
      ],
    );
    if (inserted > 0) return { inserted: true };
    const [row] = await rows(
      this.pool,
      'SELECT * FROM progress_snapshots WHERE run_id = $1 AND taken_at = $2',
      [record.runId, record.takenAt],
    );
    if (!row) throw new Error('hub store: a snapshot conflicted but cannot be read back');
    return { inserted: false, existing: progressFrom(row) };
  }

  async progressOffice(runId: string): Promise<string | undefined> {
    const [row] = await rows(
      this.pool,
      'SELECT office FROM progress_snapshots WHERE run_id = $1 LIMIT 1',
      [runId],
    );
    return row ? String(row.office) : undefined;
  }

  async listProgress(scope: OfficeScope, runId?: string): Promise<ProgressRecord[]> {
    const params: unknown[] = [];
    const where = [scopeClause(scope, params)];
    if (runId !== undefined) {
      params.push(runId);
      where.push(`run_id = $${params.length}`);
    }
    const conditions = where.filter((c) => c !== undefined);
    const clause = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    return (
      await rows(
        this.pool,
        `SELECT * FROM progress_snapshots ${clause}
         ORDER BY run_id COLLATE "C", taken_at COLLATE "C"`,
        params,
      )
    ).map(progressFrom);
  }

  async insertDefinition(definition: DefinitionRecord): Promise<InsertOutcome<DefinitionRecord>> {
    const inserted = await changes(
      this.pool,
      `INSERT INTO definitions (id, version, hash, text, published_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id, version) DO NOTHING`,
      [definition.id, definition.version, definition.hash, definition.text, definition.publishedAt],
    );
    if (inserted > 0) return { inserted: true };
    const existing = await this.getDefinition(definition.id, definition.version);
    if (!existing) throw new Error('hub store: a definition conflicted but cannot be read back');
    return { inserted: false, existing };
  }

  async listDefinitions(): Promise<Omit<DefinitionRecord, 'text'>[]> {
    return (
      await rows(
        this.pool,
        'SELECT id, version, hash, published_at FROM definitions ORDER BY id COLLATE "C", version COLLATE "C"',
      )
    ).map((row) => {
      const { text: _text, ...rest } = definitionFrom(row);
      return rest;
    });
  }

  async getDefinition(id: string, version: string): Promise<DefinitionRecord | undefined> {
    const [row] = await rows(
      this.pool,
      'SELECT * FROM definitions WHERE id = $1 AND version = $2',
      [id, version],
    );
    return row ? definitionFrom(row) : undefined;
  }
}

/** Connects to PostgreSQL and applies missing migrations. */
export async function openPostgresStore(url: string): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the hub: the pool replaces it.
  pool.on('error', () => undefined);
  try {
    await applyMigrations(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresHubStore(pool);
}
