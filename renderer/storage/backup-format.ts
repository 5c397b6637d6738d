// The backup file format (one .zip): manifest.json, data.json, attachments/<id> (the evidence
// bytes) and thumbnails/<id>. Zod schemas check every row of a file before anything is restored.
// BACKUP_FORMAT_VERSION must change when this layout or a row shape changes incompatibly; when a
// shape in core/runs/model.ts or event-chain.ts changes, update the schemas here (tsc checks that
// they still produce the core types, not that they accept every new optional field). When a new
// table joins the database (versions/), decide whether backups carry it and bump the version.
//
// Versions: 1 = profile, definitions, runs, answers, events, attachments (database schema v2).
// 2 = version 1 plus signedReports (each report's canonical JSON exactly as signed), trustedKeys
// and the outbox's report entries (database schema v3).
// 3 = version 2 with every device's events of each run: each event names its device chain (and,
// since shared runs, carries its causal clock) (database schema v4). Versions 1 and 2 are still
// restored: their events had no chain; backup-validate.ts gives them LEGACY_CHAIN.
import { z } from 'zod';
import { DEFINITION_KINDS } from '../../core/definitions/schema';
import { profileSchema } from '../../core/people/profile';
import { MAX_REPORT_JSON_BYTES } from '../../core/reports';
import { trustedKeySchema } from '../../core/reports/trust-list';
import type { RunEvent } from '../../core/runs';
import {
  actorSchema,
  answerSchema,
  runEventSchema,
  singleLogEventSchema,
} from '../../core/runs/run-event-schema';
import type { OutboxRow, RunRow, SignedReportRow } from './database';

export const BACKUP_FORMAT = 'go-live-backup';
/** What exportBackup writes. */
export const BACKUP_FORMAT_VERSION = 3;
/** What restoreBackup reads. */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [1, 2, 3];
/** The chain given to events of version 1 and 2 files (one log per run, recorded before chains). */
export const LEGACY_CHAIN = 'legacy';
export const MANIFEST_FILE = 'manifest.json';
export const DATA_FILE = 'data.json';
export const ATTACHMENTS_DIR = 'attachments/';
export const THUMBNAILS_DIR = 'thumbnails/';

const id = z.string().min(1).max(200);
/** Attachment ids name files inside the zip: no slashes, no dots. */
const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a plain id');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
const timestamp = z.iso.datetime();

// action: checked by the chain's hashes, not re-typed here.
/** An event of a version 1 or 2 file: no chain (one log per run). */
export const legacyEventSchema = singleLogEventSchema as unknown as z.ZodType<
  Omit<RunEvent, 'chain'>
>;
export const eventSchema = runEventSchema as unknown as z.ZodType<RunEvent>;

export const runSchema: z.ZodType<RunRow> = z.strictObject({
  id,
  definitionId: id,
  definitionVersion: z.string().min(1).max(50),
  definitionHash: sha256,
  kind: z.enum(DEFINITION_KINDS),
  name: z.string().min(1).max(500),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  plannedGoLive: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdAt: timestamp,
  createdBy: actorSchema,
  state: z.enum(['in-progress', 'signed']),
  updatedAt: timestamp,
  logVersion: z.number().int().nonnegative().optional(),
});

/** A definition row without its parsed definition: restore re-validates the text. */
export const definitionEntrySchema = z.strictObject({
  key: z.string().min(3).max(200),
  id,
  version: z.string().min(1).max(50),
  title: z.string().max(500),
  kind: z.enum(DEFINITION_KINDS),
  hash: sha256,
  source: z.enum(['bundled', 'imported', 'hub']),
  text: z.string(),
  addedAt: timestamp,
});
export type DefinitionEntry = z.infer<typeof definitionEntrySchema>;

/** An attachment row without its bytes (those are attachments/<id> in the zip). */
export const attachmentEntrySchema = z.strictObject({
  id: fileId,
  runId: id,
  itemId: id,
  name: z.string().min(1).max(500),
  mimeType: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  sha256,
  createdAt: timestamp,
  /** Set when thumbnails/<id> holds a preview of this type. */
  thumbnailType: z.string().max(100).optional(),
});
export type AttachmentEntry = z.infer<typeof attachmentEntrySchema>;

/**
 * A signed report row without its parsed report: restore parses and verifies `json` again. `json`
 * is kept verbatim (canonical JSON, the bytes the signatures cover).
 */
export const signedReportEntrySchema: z.ZodType<Omit<SignedReportRow, 'signed'>> = z.strictObject({
  reportId: id,
  revision: z.number().int().positive(),
  reportHash: sha256,
  runId: id.optional(),
  source: z.enum(['local', 'imported', 'hub']),
  json: z.string().min(2).max(MAX_REPORT_JSON_BYTES),
  storedAt: timestamp,
});
export type SignedReportEntry = z.infer<typeof signedReportEntrySchema>;

/**
 * An outbox entry for a signed report, without its local sequence number (restore appends it).
 * Progress snapshots are not backed up: they are derived from the run and queued again.
 */
export const outboxEntrySchema: z.ZodType<Omit<OutboxRow, 'seq'>> = z.strictObject({
  kind: z.literal('report'),
  key: z.string().min(3).max(300),
  state: z.enum(['pending', 'sent', 'failed']),
  createdAt: timestamp,
  attempts: z.number().int().nonnegative(),
  lastAttemptAt: timestamp.optional(),
  // No length limits on the hub's texts: a limit here could make this device's own backup
  // unrestorable.
  lastError: z.string().optional(),
  nextAttemptAt: timestamp.optional(),
  sentAt: timestamp.optional(),
  receipt: z.string().optional(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;

const count = z.number().int().nonnegative();

const countsV1Schema = z.strictObject({
  definitions: count,
  runs: count,
  answers: count,
  events: count,
  attachments: count,
});

const countsSchema = z.strictObject({
  ...countsV1Schema.shape,
  signedReports: count,
  trustedKeys: count,
  outbox: count,
});
export type BackupCounts = z.infer<typeof countsSchema>;

export const manifestV1Schema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(1),
  exportedAt: timestamp,
  counts: countsV1Schema,
});
export type BackupManifestV1 = z.infer<typeof manifestV1Schema>;

export const manifestV2Schema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(2),
  exportedAt: timestamp,
  counts: countsSchema,
});

export const manifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  exportedAt: timestamp,
  counts: countsSchema,
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export const dataV1Schema = z.strictObject({
  profile: z.array(profileSchema).max(1),
  definitions: z.array(definitionEntrySchema),
  runs: z.array(runSchema),
  answers: z.array(answerSchema),
  events: z.array(legacyEventSchema),
  attachments: z.array(attachmentEntrySchema),
});

export const dataV2Schema = z.strictObject({
  ...dataV1Schema.shape,
  signedReports: z.array(signedReportEntrySchema),
  trustedKeys: z.array(trustedKeySchema),
  outbox: z.array(outboxEntrySchema),
});

export const dataSchema = z.strictObject({
  ...dataV2Schema.shape,
  events: z.array(eventSchema),
});
export type BackupData = z.infer<typeof dataSchema>;

/** "data.json: runs.0.name: Too small..." for the first few problems. */
export function describeZodError(file: string, error: z.ZodError, limit = 5): string[] {
  return error.issues.slice(0, limit).map((issue) => {
    const at = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${file}: ${at}${issue.message}`;
  });
}
