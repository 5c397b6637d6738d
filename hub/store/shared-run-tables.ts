// The shared runs' tables as Kysely sees them (migrations 003_shared_runs, 004_run_evidence): the
// runs people share, their members, each device chain's head and the device it is bound to, the
// events, append only, numbered per run by `cursor` in the order the hub received them, and the
// evidence files the events name, with their bytes once uploaded. Part of HubDatabase.
import type { ColumnType } from 'kysely';
import type { Moment } from './schema';

export interface SharedRunsTable {
  run_id: string;
  name: string;
  kind: string;
  office: string;
  definition_id: string;
  definition_version: string;
  definition_hash: string;
  /** JSON object of the run's parameters. */
  parameters: string;
  planned_go_live: string;
  /** As the owner's device sent it. */
  created_at: string;
  owner_id: string;
  /** JSON object: department id to 'YYYY-MM-DD'. */
  plan: string;
  updated_at: Moment;
  /** The cursor of the run's last event (0 before any). */
  last_cursor: number;
}

export interface RunMembersTable {
  run_id: string;
  user_id: string;
  /** JSON array of department ids. */
  departments: string;
  added_at: Moment;
  /** Set when the owner removed the member; cleared when they are added again. */
  removed_at: ColumnType<Date | string | null, string | null | undefined, string | null>;
}

export interface RunChainsTable {
  run_id: string;
  chain: string;
  device_id: string;
  user_id: string;
  length: number;
  head: string;
}

export interface RunEventsTable {
  run_id: string;
  cursor: number;
  chain: string;
  seq: number;
  hash: string;
  type: string;
  actor_id: string;
  /** Canonical JSON of the event as received (its hash covers all of it but `hash`). */
  event_json: string;
  device_id: string;
  received_at: ColumnType<Date | string, string, never>;
}

/** Migration 004_run_evidence: evidence files the run's events name, and their bytes once uploaded. */
export interface RunEvidenceTable {
  run_id: string;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256: string;
  /** As the first accepted event naming the file said (bigint: a string from PostgreSQL). */
  size: ColumnType<number | string, number, never>;
  named_at: ColumnType<Date | string, string, never>;
  /** Null until a device uploads them. */
  bytes: ColumnType<Uint8Array | null, Buffer | null | undefined, Buffer>;
  uploaded_by: string | null;
  uploaded_at: ColumnType<Date | string | null, string | null | undefined, string>;
}

export interface SharedRunTables {
  shared_runs: SharedRunsTable;
  run_members: RunMembersTable;
  run_chains: RunChainsTable;
  run_events: RunEventsTable;
  run_evidence: RunEvidenceTable;
}
