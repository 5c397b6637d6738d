// A hub database as the hub before Kysely left it: its own migrator created schema_migrations,
// applied 001_initial.sql of the engine (kept in legacy/, byte for byte as released) in a
// transaction and recorded version 1 there; then some data, written with the earlier store's own
// statements. The upgrade tests open such a database with today's store.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawDatabase } from './raw-database';

const LEGACY_DIR = path.join(import.meta.dirname, 'legacy');

/** The earlier migrator's bookkeeping table, as each engine's runner created it. */
const BOOKKEEPING = {
  sqlite:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  postgres:
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)',
};

export function legacyInitialSql(engine: 'sqlite' | 'postgres'): string {
  return readFileSync(path.join(LEGACY_DIR, `001_initial.${engine}.sql`), 'utf8');
}

/**
 * What the earlier migrator did on a new database; `recorded` lets a test fake other histories
 * (nothing recorded: it stopped before applying 001; another version: a hub this one never was).
 */
export async function createLegacySchema(
  raw: RawDatabase,
  recorded: { version: number; name: string }[] = [{ version: 1, name: 'initial' }],
): Promise<void> {
  await raw.exec(BOOKKEEPING[raw.engine]);
  if (recorded.length === 0) return;
  await raw.exec(raw.engine === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  await raw.exec(legacyInitialSql(raw.engine));
  for (const migration of recorded) {
    await raw.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      migration.version,
      migration.name,
      '2025-01-01T00:00:00.000Z',
    ]);
  }
  await raw.exec('COMMIT');
}

/** Every byte value, so a bundle that comes back altered in any way is noticed. */
export const LEGACY_BUNDLE = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);

export const LEGACY = {
  head: {
    userId: 'u-head',
    name: 'Hal Head',
    role: 'head',
    office: null,
    supervises: [],
    createdAt: '2025-01-02T08:00:00.000Z',
    revokedAt: null,
  },
  supervisor: {
    userId: 'u-sup',
    name: 'Sam Süpervisor',
    role: 'supervisor',
    office: null,
    supervises: ['Berlin', 'Madrid'],
    createdAt: '2025-01-02T09:00:00.000Z',
    revokedAt: null,
  },
  admin: {
    userId: 'u-admin',
    name: 'Ana Admin',
    role: 'admin',
    office: 'Berlin',
    supervises: [],
    createdAt: '2025-01-02T10:00:00.000Z',
    revokedAt: null,
  },
  adminDevice: {
    deviceId: 'd-admin',
    userId: 'u-admin',
    name: 'Ana laptop',
    tokenHash: 'token-hash-admin',
    publicKey: 'public-key-admin',
    createdAt: '2025-01-03T10:00:00.000Z',
    revokedAt: null,
  },
  oldDevice: {
    deviceId: 'd-old',
    userId: 'u-admin',
    name: 'Ana old laptop',
    tokenHash: 'token-hash-old',
    publicKey: 'public-key-old',
    createdAt: '2025-01-02T11:00:00.000Z',
    revokedAt: '2025-01-03T09:00:00.000Z',
  },
  report: {
    reportId: 'r-berlin',
    revision: 1,
    reportHash: 'report-hash-1',
    jsonHash: 'json-hash-1',
    office: 'Berlin',
    runName: 'Berlin office opening',
    definitionId: 'new-office',
    definitionVersion: '1.0.0',
    decision: 'go-with-waivers',
    signedAt: '2025-01-04T12:00:00+02:00',
    receivedAt: '2025-01-04T10:00:01.000Z',
    reviewState: 'signed',
    signatureCount: 1,
    deviceId: 'd-admin',
  },
  signature: {
    reportId: 'r-berlin',
    revision: 1,
    index: 0,
    purpose: 'sign-off',
    signerPublicKey: 'public-key-admin',
    signedAt: '2025-01-04T12:00:00+02:00',
    signatureJson: '{"purpose":"sign-off"}',
    receivedAt: '2025-01-04T10:00:01.000Z',
    deviceId: null,
  },
  progress: {
    runId: 'run-berlin',
    takenAt: '2025-01-04T09:30:00.000+01:00',
    office: 'Berlin',
    snapshotJson: '{"done":3,"total":9}',
    contentHash: 'content-hash-1',
    receivedAt: '2025-01-04T08:31:00.000Z',
    deviceId: 'd-admin',
  },
  definition: {
    id: 'new-office',
    version: '1.0.0',
    hash: 'definition-hash-1',
    text: 'title: Neue Niederlassung — ñ\n',
    publishedAt: '2025-01-01T12:00:00.000Z',
  },
  usedCode: {
    codeHash: 'code-hash-used',
    userId: 'u-admin',
    createdAt: '2025-01-02T10:00:00.000Z',
    expiresAt: '2025-01-09T10:00:00.000Z',
    usedAt: '2025-01-03T10:00:00.000Z',
  },
  openCode: {
    codeHash: 'code-hash-open',
    userId: 'u-sup',
    createdAt: '2025-01-02T09:00:00.000Z',
    expiresAt: '2099-01-01T00:00:00.000Z',
  },
} as const;

/** The data above, written with the earlier store's statements (its INSERTs, its column order). */
export async function writeLegacyData(raw: RawDatabase): Promise<void> {
  for (const user of [LEGACY.head, LEGACY.supervisor, LEGACY.admin]) {
    await raw.run(
      'INSERT INTO users (user_id, name, role, office, supervises, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
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
  for (const code of [LEGACY.usedCode, LEGACY.openCode]) {
    await raw.run(
      'INSERT INTO enrollment_codes (code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      [code.codeHash, code.userId, code.createdAt, code.expiresAt],
    );
  }
  for (const device of [LEGACY.oldDevice, LEGACY.adminDevice]) {
    await raw.run(
      'INSERT INTO devices (device_id, user_id, name, token_hash, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        device.deviceId,
        device.userId,
        device.name,
        device.tokenHash,
        device.publicKey,
        device.createdAt,
      ],
    );
  }
  await raw.run('UPDATE devices SET revoked_at = ? WHERE device_id = ?', [
    LEGACY.oldDevice.revokedAt,
    LEGACY.oldDevice.deviceId,
  ]);
  await raw.run(
    'UPDATE enrollment_codes SET used_at = ?, used_by_device = ? WHERE code_hash = ? AND used_at IS NULL',
    [LEGACY.usedCode.usedAt, LEGACY.adminDevice.deviceId, LEGACY.usedCode.codeHash],
  );
  const r = LEGACY.report;
  await raw.run(
    `INSERT INTO reports (report_id, revision, report_hash, json_hash, office, run_name, definition_id,
       definition_version, decision, signed_at, received_at, review_state, signature_count, device_id,
       bundle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      r.reportId,
      r.revision,
      r.reportHash,
      r.jsonHash,
      r.office,
      r.runName,
      r.definitionId,
      r.definitionVersion,
      r.decision,
      r.signedAt,
      r.receivedAt,
      r.reviewState,
      r.signatureCount,
      r.deviceId,
      Buffer.from(LEGACY_BUNDLE),
    ],
  );
  const s = LEGACY.signature;
  await raw.run(
    `INSERT INTO signatures (report_id, revision, idx, purpose, signer_public_key, signed_at,
       signature_json, received_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      s.reportId,
      s.revision,
      s.index,
      s.purpose,
      s.signerPublicKey,
      s.signedAt,
      s.signatureJson,
      s.receivedAt,
      s.deviceId,
    ],
  );
  const p = LEGACY.progress;
  await raw.run(
    `INSERT INTO progress_snapshots (run_id, taken_at, office, snapshot_json, content_hash,
       received_at, device_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [p.runId, p.takenAt, p.office, p.snapshotJson, p.contentHash, p.receivedAt, p.deviceId],
  );
  const d = LEGACY.definition;
  await raw.run(
    'INSERT INTO definitions (id, version, hash, text, published_at) VALUES (?, ?, ?, ?, ?)',
    [d.id, d.version, d.hash, d.text, d.publishedAt],
  );
}
