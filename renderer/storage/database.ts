// The IndexedDB database (Dexie). Every schema version lives in versions/ and stays declared
// forever so any older database upgrades step by step. Transactions are durable ('strict'):
// a tick the UI confirmed survives a crash or a dead battery.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Profile } from '../../core/people/profile';
import type { ChecklistDefinition, DefinitionKind } from '../../core/definitions/schema';
import type { Answer, Run } from '../../core/runs/model';
import type { RunEvent } from '../../core/runs/run-event';
import type { SignedReport, TrustedKey } from '../../core/reports/report-format';
import type { OutboxEntry } from '../../core/sync/outbox';
import { declareVersion1 } from './versions/v1';
import { declareVersion2 } from './versions/v2';
import { declareVersion3 } from './versions/v3';
import { declareVersion4, declareVersion5 } from './versions/v4';
import { declareVersion6 } from './versions/v6';
import { declareVersion7 } from './versions/v7';
import type { SharedRunRow } from './shared-run-repository';
import type { TemplateDraftRow } from './draft-repository';

export interface SettingRow {
  key: string;
  value: unknown;
}

export type DefinitionSource = 'bundled' | 'imported' | 'hub';

/** One published version of a checklist definition, kept offline with its source text. */
export interface DefinitionRow {
  /** `${id}@${version}` */
  key: string;
  id: string;
  version: string;
  title: string;
  kind: DefinitionKind;
  /** SHA-256 of the YAML text: what a run pins. */
  hash: string;
  source: DefinitionSource;
  /** The YAML exactly as published (the hash is over these bytes). */
  text: string;
  /** The validated, parsed definition (so opening a run never re-parses YAML). */
  definition: ChecklistDefinition;
  addedAt: string;
}

export interface RunRow extends Run {
  updatedAt: string;
  /**
   * +1 with every write of the run's events or state, so a copy held in memory knows when another
   * window or a sync changed the run (absent = 0).
   */
  logVersion?: number;
}

/** Evidence bytes, stored offline; the answer refers to them by id (AttachmentRef). */
export interface AttachmentRow {
  id: string;
  runId: string;
  itemId: string;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  blob: Blob;
  /** A small JPEG/PNG preview for images, made when attached. */
  thumbnail?: Blob;
  createdAt: string;
}

export type ReportSource = 'local' | 'imported' | 'hub';

/** One revision of a signed report, kept exactly as signed (canonical JSON) and parsed. */
export interface SignedReportRow {
  reportId: string;
  revision: number;
  reportHash: string;
  /** The run on this device it came from (local sign-offs); absent for imported reports. */
  runId?: string;
  source: ReportSource;
  /** Canonical JSON of the SignedReport: the bytes verification runs on. */
  json: string;
  signed: SignedReport;
  storedAt: string;
}

/**
 * Something waiting to reach the hub (core/sync/outbox.ts), written in the same transaction as what
 * it announces; IndexedDB assigns `seq` when the row is added.
 */
export type OutboxRow = Omit<OutboxEntry, 'seq'> & { seq?: number };

export const DATABASE_NAME = 'go-live-checklists';

export type GoLiveDatabase = Dexie & {
  profile: EntityTable<Profile, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
  definitions: EntityTable<DefinitionRow, 'key'>;
  runs: EntityTable<RunRow, 'id'>;
  answers: Table<Answer, [string, string]>;
  /** Every device's events of every run (schema v4). */
  runEvents: Table<RunEvent, [string, string, number]>;
  attachments: EntityTable<AttachmentRow, 'id'>;
  signedReports: Table<SignedReportRow, [string, number]>;
  outbox: EntityTable<OutboxRow, 'seq'>;
  trustedKeys: EntityTable<TrustedKey, 'publicKey'>;
  /** Drafts of templates' next versions (schema v6). */
  templateDrafts: EntityTable<TemplateDraftRow, 'definitionId'>;
  /** Runs shared with other people through the hub (schema v7). */
  sharedRuns: EntityTable<SharedRunRow, 'runId'>;
};

export function openDatabase(name: string = DATABASE_NAME): GoLiveDatabase {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as GoLiveDatabase;
  declareVersion1(db);
  declareVersion2(db);
  declareVersion3(db);
  declareVersion4(db);
  declareVersion5(db);
  declareVersion6(db);
  declareVersion7(db);
  return db;
}

let shared: GoLiveDatabase | undefined;

/** The app's database, opened once. */
export function database(): GoLiveDatabase {
  shared ??= openDatabase();
  return shared;
}
