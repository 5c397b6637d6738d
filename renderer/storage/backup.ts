// Single-file backups: everything on this device (profile, templates, runs with their answers,
// event logs and evidence, signed reports exactly as signed, trusted keys, and where each report
// stands with the hub) in one .zip that a person can copy to a USB stick, and the restore
// that checks the whole file first (backup-validate.ts) and then merges it without silently
// overwriting newer local work (backup-merge.ts). Format: backup-format.ts.
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { TrustedKey } from '../../core/reports/report-format';
import {
  ATTACHMENTS_DIR,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATA_FILE,
  MANIFEST_FILE,
  THUMBNAILS_DIR,
  type AttachmentEntry,
  type BackupData,
  type BackupManifest,
  type OutboxEntry,
} from './backup-format';
import { mergeBackup, type RestoreReport } from './backup-merge';
import { validateBackup } from './backup-validate';
import type { GoLiveDatabase, OutboxRow } from './database';
import { StorageFailure, toStorageError } from './storage-errors';

export type { RestoreReport };

/** The backup file was refused as a whole; nothing was written. */
export class BackupRefusedError extends Error {
  readonly reasons: string[];

  constructor(reasons: string[]) {
    super(`The backup was not restored (nothing was changed): ${reasons.join(' ')}`);
    this.name = 'BackupRefusedError';
    this.reasons = reasons;
  }
}

async function bytesOf(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

/**
 * The fields of a report's outbox row the format knows (the sync engine may keep more on a row;
 * the restore's strict schema would refuse them), without the local sequence number.
 */
function outboxEntryOf(row: OutboxRow): OutboxEntry {
  const entry: OutboxEntry = {
    kind: 'report',
    key: row.key,
    state: row.state,
    createdAt: row.createdAt,
    attempts: row.attempts,
  };
  if (row.lastAttemptAt !== undefined) entry.lastAttemptAt = row.lastAttemptAt;
  if (row.lastError !== undefined) entry.lastError = row.lastError;
  if (row.nextAttemptAt !== undefined) entry.nextAttemptAt = row.nextAttemptAt;
  if (row.sentAt !== undefined) entry.sentAt = row.sentAt;
  if (row.receipt !== undefined) entry.receipt = row.receipt;
  return entry;
}

/** The fields of a trusted key the trust list format knows. */
function trustedKeyOf({
  publicKey,
  name,
  role,
  office,
  supervises,
  revokedAt,
}: TrustedKey): TrustedKey {
  const key: TrustedKey = { publicKey, name, role };
  if (office !== undefined) key.office = office;
  if (supervises !== undefined) key.supervises = supervises;
  if (revokedAt !== undefined) key.revokedAt = revokedAt;
  return key;
}

export async function exportBackup(db: GoLiveDatabase, now: Date = new Date()): Promise<Blob> {
  const tables = [
    db.profile,
    db.definitions,
    db.runs,
    db.answers,
    db.runEvents,
    db.attachments,
    db.signedReports,
    db.trustedKeys,
    db.outbox,
  ];
  // One read transaction: a consistent snapshot. Bytes are read after it (non-IndexedDB awaits).
  // Every table is read in primary-key order, so the same data always gives the same bytes.
  const snapshot = await db.transaction('r', tables, async () => ({
    profile: await db.profile.toArray(),
    definitions: await db.definitions.toArray(),
    runs: await db.runs.toArray(),
    answers: await db.answers.toArray(),
    events: await db.runEvents.toArray(),
    attachments: await db.attachments.toArray(),
    signedReports: await db.signedReports.toArray(),
    trustedKeys: await db.trustedKeys.toArray(),
    outbox: await db.outbox.where('kind').equals('report').toArray(),
  }));
  const files: Zippable = {};
  const attachments: AttachmentEntry[] = [];
  for (const { blob, thumbnail, ...meta } of snapshot.attachments) {
    // Evidence is mostly photos and archives: stored, not compressed again.
    files[ATTACHMENTS_DIR + meta.id] = [await bytesOf(blob), { level: 0 }];
    if (thumbnail) files[THUMBNAILS_DIR + meta.id] = [await bytesOf(thumbnail), { level: 0 }];
    attachments.push(thumbnail ? { ...meta, thumbnailType: thumbnail.type || 'image/jpeg' } : meta);
  }
  const reportKeys = new Set(snapshot.signedReports.map((r) => `${r.reportId}@${r.revision}`));
  const data: BackupData = {
    profile: snapshot.profile,
    definitions: snapshot.definitions.map(({ definition: _parsed, ...entry }) => entry),
    runs: snapshot.runs,
    answers: snapshot.answers,
    events: snapshot.events,
    attachments,
    // The JSON exactly as signed; the parsed copy is rebuilt from it on restore.
    signedReports: snapshot.signedReports.map(({ signed: _parsed, ...entry }) => entry),
    trustedKeys: snapshot.trustedKeys.map(trustedKeyOf),
    // Progress snapshots are left out: the app queues a fresh one from the run when it changes.
    // An entry whose report is gone could not be restored (nothing to send): left out too.
    outbox: snapshot.outbox.filter((row) => reportKeys.has(row.key)).map(outboxEntryOf),
  };
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now.toISOString(),
    counts: {
      definitions: data.definitions.length,
      runs: data.runs.length,
      answers: data.answers.length,
      events: data.events.length,
      attachments: attachments.length,
      signedReports: data.signedReports.length,
      trustedKeys: data.trustedKeys.length,
      outbox: data.outbox.length,
    },
  };
  files[MANIFEST_FILE] = strToU8(JSON.stringify(manifest, null, 2));
  files[DATA_FILE] = strToU8(JSON.stringify(data));
  const zipped = zipSync(files, { level: 6, mtime: now });
  return new Blob([zipped as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
}

/** Suggested file name: go-live-backup-2025-05-31.zip */
export function backupFileName(now: Date = new Date()): string {
  return `go-live-backup-${now.toISOString().slice(0, 10)}.zip`;
}

/**
 * Checks the whole file, then merges it. Throws BackupRefusedError (with every reason) when the
 * file is invalid, and StorageFailure when the device is full; in both cases nothing is written.
 */
export async function restoreBackup(
  db: GoLiveDatabase,
  file: Blob,
  now: Date = new Date(),
): Promise<RestoreReport> {
  const outcome = await validateBackup(file, now.toISOString());
  if (!outcome.ok) throw new BackupRefusedError(outcome.reasons);
  try {
    return await mergeBackup(db, outcome.backup);
  } catch (error) {
    const storage = toStorageError(error);
    throw storage ? new StorageFailure(storage) : error;
  }
}
