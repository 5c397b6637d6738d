// Maps database rows (the same column names in both engines) to the store's records. PostgreSQL
// returns timestamptz as Date and BYTEA as Buffer, SQLite returns text and Buffer: both end up as
// ISO 8601 strings and Uint8Array here, so the two stores return identical records.
import type {
  DefinitionRecord,
  DeviceRecord,
  ProgressRecord,
  ReportMeta,
  SignatureRecord,
  UserRecord,
} from './hub-store';

export type Row = Record<string, unknown>;

export function iso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function text(value: unknown): string {
  return String(value);
}

export function bytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new Error('hub store: expected binary data');
}

export function userFrom(row: Row): UserRecord {
  const supervises: unknown = JSON.parse(text(row.supervises));
  return {
    userId: text(row.user_id),
    name: text(row.name),
    role: text(row.role) as UserRecord['role'],
    office: row.office === null ? null : text(row.office),
    supervises: Array.isArray(supervises) ? supervises.map(String) : [],
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export function deviceFrom(row: Row): DeviceRecord {
  return {
    deviceId: text(row.device_id),
    userId: text(row.user_id),
    name: text(row.name),
    tokenHash: text(row.token_hash),
    publicKey: text(row.public_key),
    createdAt: iso(row.created_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

/** Columns of the reports table without the bundle. */
export const REPORT_META_COLUMNS =
  'report_id, revision, report_hash, json_hash, office, run_name, definition_id, ' +
  'definition_version, decision, signed_at, received_at, review_state, signature_count, device_id';

export function reportMetaFrom(row: Row): ReportMeta {
  return {
    reportId: text(row.report_id),
    revision: Number(row.revision),
    reportHash: text(row.report_hash),
    jsonHash: text(row.json_hash),
    office: text(row.office),
    runName: text(row.run_name),
    definitionId: text(row.definition_id),
    definitionVersion: text(row.definition_version),
    decision: text(row.decision) as ReportMeta['decision'],
    signedAt: text(row.signed_at),
    receivedAt: iso(row.received_at),
    reviewState: text(row.review_state) as ReportMeta['reviewState'],
    signatureCount: Number(row.signature_count),
    deviceId: text(row.device_id),
  };
}

export function signatureFrom(row: Row): SignatureRecord {
  return {
    reportId: text(row.report_id),
    revision: Number(row.revision),
    index: Number(row.idx),
    purpose: text(row.purpose) as SignatureRecord['purpose'],
    signerPublicKey: text(row.signer_public_key),
    signedAt: text(row.signed_at),
    signatureJson: text(row.signature_json),
    receivedAt: iso(row.received_at),
    deviceId: row.device_id === null ? null : text(row.device_id),
  };
}

export function progressFrom(row: Row): ProgressRecord {
  return {
    runId: text(row.run_id),
    takenAt: text(row.taken_at),
    office: text(row.office),
    snapshotJson: text(row.snapshot_json),
    contentHash: text(row.content_hash),
    receivedAt: iso(row.received_at),
    deviceId: text(row.device_id),
  };
}

export function definitionFrom(row: Row): DefinitionRecord {
  return {
    id: text(row.id),
    version: text(row.version),
    hash: text(row.hash),
    text: row.text === undefined ? '' : text(row.text),
    publishedAt: iso(row.published_at),
  };
}

/** The tables counts() reports, in this order. */
export const COUNTED_TABLES = [
  'users',
  'enrollment_codes',
  'devices',
  'reports',
  'signatures',
  'progress_snapshots',
  'definitions',
] as const;
