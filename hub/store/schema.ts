// The hub's tables as Kysely sees them, one interface per table with the column names of the
// database. Written once for both engines: a moment is ISO 8601 text in SQLite and a timestamptz
// (read back as a Date) in PostgreSQL, and rows.ts turns both into the store's ISO strings.
// Changing a table: add a migration in migrations/ and change the interface here.
import type { ColumnType } from 'kysely';
import type { NotificationTables } from './notification-tables';
import type { SharedRunTables } from './shared-run-tables';

/** A moment in time: written as ISO 8601 text, read back as text (SQLite) or Date (PostgreSQL). */
export type Moment = ColumnType<Date | string, string, string>;
export type OptionalMoment = ColumnType<Date | string | null, string | null | undefined, string>;
/** Raw bytes: BLOB (SQLite) or BYTEA (PostgreSQL); both drivers take and give Buffers. */
export type Bytes = ColumnType<Uint8Array, Buffer, never>;

export interface UsersTable {
  user_id: string;
  name: string;
  role: string;
  office: string | null;
  /** JSON array of office names. */
  supervises: string;
  created_at: Moment;
  revoked_at: OptionalMoment;
  /** JSON array of template department ids (engineers). */
  departments: ColumnType<string, string | undefined, string>;
}

export interface EnrollmentCodesTable {
  code_hash: string;
  user_id: string;
  created_at: Moment;
  expires_at: Moment;
  used_at: OptionalMoment;
  used_by_device: ColumnType<string | null, string | null | undefined, string>;
}

export interface DevicesTable {
  device_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  public_key: string;
  created_at: Moment;
  revoked_at: OptionalMoment;
  /** The app's local profile id the device enrolled with (events recorded before carry it). */
  profile_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReportsTable {
  report_id: string;
  revision: number;
  report_hash: string;
  json_hash: string;
  bundle: Bytes;
  office: string;
  run_name: string;
  definition_id: string;
  definition_version: string;
  decision: string;
  /** As the device wrote it (signatures cover it), hence text in both engines. */
  signed_at: string;
  received_at: Moment;
  review_state: string;
  signature_count: number;
  device_id: string;
}

export interface SignaturesTable {
  report_id: string;
  revision: number;
  idx: number;
  purpose: string;
  signer_public_key: string;
  signed_at: string;
  signature_json: string;
  received_at: Moment;
  device_id: string | null;
}

export interface ProgressSnapshotsTable {
  run_id: string;
  /** The text the device sent: (run_id, taken_at) is the snapshot's idempotency key. */
  taken_at: string;
  office: string;
  snapshot_json: string;
  content_hash: string;
  received_at: Moment;
  device_id: string;
}

export interface DefinitionsTable {
  id: string;
  version: string;
  hash: string;
  text: string;
  published_at: Moment;
}

export interface HubDatabase extends NotificationTables, SharedRunTables {
  users: UsersTable;
  enrollment_codes: EnrollmentCodesTable;
  devices: DevicesTable;
  reports: ReportsTable;
  signatures: SignaturesTable;
  progress_snapshots: ProgressSnapshotsTable;
  definitions: DefinitionsTable;
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
  'shared_runs',
  'run_members',
  'run_chains',
  'run_events',
  'run_evidence',
] as const satisfies readonly (keyof HubDatabase)[];
