// The hub's storage contract: users and their enrollment codes and devices, received report
// revisions (the bytes as received, never rewritten) with their signatures, progress snapshots and
// published definitions. One implementation (kysely-store.ts) serves SQLite and PostgreSQL, and
// one test suite runs against both. Idempotency rests on the tables' unique keys: inserts report
// whether they inserted, and callers re-read on a conflict, never check-then-insert. Adding a
// method: implement it in kysely-store.ts (engine differences only through dialect-hooks.ts) and
// add it to the suite in test/integration/hub/.
import type { HubRole } from '../../core/sync/wire-protocol';
import type { InTransaction, NotificationStore } from '../notifications/notification-store';
import type { SharedRunStore } from '../shared-runs/run-store';

export interface UserRecord {
  userId: string;
  name: string;
  role: HubRole;
  /** The office an administrator works for (supervisors may have one too; heads have none). */
  office: string | null;
  /** Offices a supervisor oversees; empty for other roles. */
  supervises: string[];
  /** Template departments an engineer belongs to; empty for other roles. */
  departments: string[];
  createdAt: string;
  revokedAt: string | null;
}

export interface EnrollmentCodeRecord {
  /** SHA-256 hex of the normalised code: the code itself is never stored. */
  codeHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface DeviceRecord {
  deviceId: string;
  userId: string;
  name: string;
  /** SHA-256 hex of the bearer token: the token itself is never stored. */
  tokenHash: string;
  /** base64url Ed25519 public key of the signing key on this device. */
  publicKey: string;
  /**
   * The app's local profile id the device enrolled with: events it recorded before enrolling
   * carry it as their actor (shared runs accept it as this person).
   */
  profileId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export type RedeemResult =
  | { ok: true; user: UserRecord; device: DeviceRecord }
  | {
      ok: false;
      reason: 'unknown' | 'used' | 'expired' | 'user-revoked' | 'key-taken';
      at?: string;
    };

export interface RedeemInput {
  codeHash: string;
  now: string;
  /** profileId may be left out: the app did not send one. */
  device: Omit<DeviceRecord, 'userId' | 'revokedAt' | 'profileId'> &
    Partial<Pick<DeviceRecord, 'profileId'>>;
}

export type ReviewState = 'signed' | 'countersigned' | 'sent-back';

/** A stored report revision without its bytes. */
export interface ReportMeta {
  reportId: string;
  revision: number;
  /** reportHash of the body (what signatures cover). */
  reportHash: string;
  /** SHA-256 hex of report.json as received: what makes a re-post "the same bytes". */
  jsonHash: string;
  office: string;
  runName: string;
  definitionId: string;
  definitionVersion: string;
  decision: 'go' | 'go-with-waivers' | 'no-go';
  signedAt: string;
  receivedAt: string;
  reviewState: ReviewState;
  /** Signatures now on the report (the received ones plus those posted since). */
  signatureCount: number;
  deviceId: string;
}

export interface SignatureRecord {
  reportId: string;
  revision: number;
  /** Position in the report's signatures array. */
  index: number;
  purpose: 'sign-off' | 'countersign' | 'send-back';
  signerPublicKey: string;
  signedAt: string;
  /** Canonical JSON of the Signature. */
  signatureJson: string;
  receivedAt: string;
  /** The device that posted it separately; null when it came inside the bundle. */
  deviceId: string | null;
}

export interface NewReport {
  meta: ReportMeta;
  /** The bundle bytes exactly as received. */
  bundle: Uint8Array;
  signatures: SignatureRecord[];
}

export type InsertOutcome<T> = { inserted: true } | { inserted: false; existing: T };

export interface ProgressRecord {
  runId: string;
  takenAt: string;
  office: string;
  /** Canonical JSON of the ProgressSnapshot. */
  snapshotJson: string;
  /** SHA-256 hex of snapshotJson. */
  contentHash: string;
  receivedAt: string;
  deviceId: string;
}

export interface DefinitionRecord {
  id: string;
  version: string;
  hash: string;
  text: string;
  publishedAt: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

/** Which offices a reader may see: every office, or those listed. */
export type OfficeScope = 'all' | readonly string[];

export interface HubStore {
  readonly engine: 'sqlite' | 'postgres';
  close(): Promise<void>;
  appliedMigrations(): Promise<AppliedMigration[]>;
  /** Row counts per table (tests compare them before and after). */
  counts(): Promise<Record<string, number>>;

  createUser(user: UserRecord): Promise<void>;
  getUser(userId: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Revokes the user and every device of theirs; false when there is no such user. */
  revokeUser(userId: string, at: string): Promise<boolean>;

  createEnrollmentCode(code: EnrollmentCodeRecord): Promise<void>;
  /** Uses the code once (atomically) and records the device. */
  redeemEnrollmentCode(input: RedeemInput): Promise<RedeemResult>;

  /** The device holding this token, with its user, revoked or not. */
  findDeviceByTokenHash(
    tokenHash: string,
  ): Promise<{ device: DeviceRecord; user: UserRecord } | undefined>;
  listDevices(): Promise<DeviceRecord[]>;
  revokeDevice(deviceId: string, at: string): Promise<boolean>;

  /** Revisions of one report, oldest first. */
  reportRevisions(reportId: string): Promise<ReportMeta[]>;
  getReport(
    reportId: string,
    revision: number,
  ): Promise<{ meta: ReportMeta; bundle: Uint8Array } | undefined>;
  listReports(scope: OfficeScope, since?: string): Promise<ReportMeta[]>;
  /**
   * Inserts unless (reportId, revision) exists; then returns the stored revision. `notices` runs
   * in the insert's transaction, only when it inserted (notifications, hub/notifications).
   */
  insertReport(report: NewReport, notices?: InTransaction): Promise<InsertOutcome<ReportMeta>>;
  signatures(reportId: string, revision: number): Promise<SignatureRecord[]>;
  /**
   * Appends a signature when the report still has `expectedCount` signatures (false otherwise:
   * someone else appended first; re-read and decide again). `notices`: as insertReport's.
   */
  appendSignature(
    signature: SignatureRecord,
    expectedCount: number,
    reviewState: ReviewState,
    notices?: InTransaction,
  ): Promise<boolean>;

  /** `notices`: as insertReport's. */
  insertProgress(
    record: ProgressRecord,
    notices?: InTransaction,
  ): Promise<InsertOutcome<ProgressRecord>>;
  /** The office of the run's snapshots, when the hub has any. */
  progressOffice(runId: string): Promise<string | undefined>;
  listProgress(scope: OfficeScope, runId?: string): Promise<ProgressRecord[]>;

  insertDefinition(definition: DefinitionRecord): Promise<InsertOutcome<DefinitionRecord>>;
  listDefinitions(): Promise<Omit<DefinitionRecord, 'text'>[]>;
  getDefinition(id: string, version: string): Promise<DefinitionRecord | undefined>;

  /** Notification preferences, the outbox and its scans (hub/notifications). */
  readonly notifications: NotificationStore;

  /** Shared runs: their members, device chains and events (hub/shared-runs). */
  readonly sharedRuns: SharedRunStore;
}
