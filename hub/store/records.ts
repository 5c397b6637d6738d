// Maps the tables' rows (schema.ts) to the store's records. PostgreSQL returns timestamptz as Date,
// SQLite returns text: both end up as ISO 8601 strings here, and bytes as a plain Uint8Array view,
// so the store returns identical records on both engines.
import type { Selectable } from 'kysely';
import type {
  DefinitionRecord,
  DeviceRecord,
  ProgressRecord,
  ReportMeta,
  SignatureRecord,
  UserRecord,
} from './hub-store';
import type {
  DefinitionsTable,
  DevicesTable,
  ProgressSnapshotsTable,
  ReportsTable,
  SignaturesTable,
  UsersTable,
} from './schema';

export function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

export function bytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** What a driver binds as binary: both take a Buffer (better-sqlite3 refuses a bare Uint8Array). */
export function bufferOf(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A JSON array of text stored in a column ([] for anything else). */
export function textList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

export function userFrom(row: Selectable<UsersTable>): UserRecord {
  const supervises: unknown = JSON.parse(row.supervises);
  return {
    userId: row.user_id,
    name: row.name,
    role: row.role as UserRecord['role'],
    office: row.office,
    supervises: Array.isArray(supervises) ? supervises.map(String) : [],
    departments: textList(row.departments),
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export function deviceFrom(row: Selectable<DevicesTable>): DeviceRecord {
  return {
    deviceId: row.device_id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    publicKey: row.public_key,
    profileId: row.profile_id,
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

/** Columns of the reports table without the bundle. */
export const REPORT_META_COLUMNS = [
  'report_id',
  'revision',
  'report_hash',
  'json_hash',
  'office',
  'run_name',
  'definition_id',
  'definition_version',
  'decision',
  'signed_at',
  'received_at',
  'review_state',
  'signature_count',
  'device_id',
] as const satisfies readonly (keyof ReportsTable)[];

export type ReportMetaRow = Pick<Selectable<ReportsTable>, (typeof REPORT_META_COLUMNS)[number]>;

export function reportMetaFrom(row: ReportMetaRow): ReportMeta {
  return {
    reportId: row.report_id,
    revision: Number(row.revision),
    reportHash: row.report_hash,
    jsonHash: row.json_hash,
    office: row.office,
    runName: row.run_name,
    definitionId: row.definition_id,
    definitionVersion: row.definition_version,
    decision: row.decision as ReportMeta['decision'],
    signedAt: row.signed_at,
    receivedAt: iso(row.received_at),
    reviewState: row.review_state as ReportMeta['reviewState'],
    signatureCount: Number(row.signature_count),
    deviceId: row.device_id,
  };
}

export function reportMetaRow(meta: ReportMeta): ReportMetaRow & { received_at: string } {
  return {
    report_id: meta.reportId,
    revision: meta.revision,
    report_hash: meta.reportHash,
    json_hash: meta.jsonHash,
    office: meta.office,
    run_name: meta.runName,
    definition_id: meta.definitionId,
    definition_version: meta.definitionVersion,
    decision: meta.decision,
    signed_at: meta.signedAt,
    received_at: meta.receivedAt,
    review_state: meta.reviewState,
    signature_count: meta.signatureCount,
    device_id: meta.deviceId,
  };
}

export function signatureFrom(row: Selectable<SignaturesTable>): SignatureRecord {
  return {
    reportId: row.report_id,
    revision: Number(row.revision),
    index: Number(row.idx),
    purpose: row.purpose as SignatureRecord['purpose'],
    signerPublicKey: row.signer_public_key,
    signedAt: row.signed_at,
    signatureJson: row.signature_json,
    receivedAt: iso(row.received_at),
    deviceId: row.device_id,
  };
}

export function progressFrom(row: Selectable<ProgressSnapshotsTable>): ProgressRecord {
  return {
    runId: row.run_id,
    takenAt: row.taken_at,
    office: row.office,
    snapshotJson: row.snapshot_json,
    contentHash: row.content_hash,
    receivedAt: iso(row.received_at),
    deviceId: row.device_id,
  };
}

export function definitionFrom(row: Selectable<DefinitionsTable>): DefinitionRecord {
  return {
    id: row.id,
    version: row.version,
    hash: row.hash,
    text: row.text,
    publishedAt: iso(row.published_at),
  };
}
