// Single-file backups: everything on this device (profile, templates, runs with their answers,
// event logs and evidence) in one .zip that a person can copy to a USB stick, and the restore
// that checks the whole file first (backup-validate.ts) and then merges it without silently
// overwriting newer local work (backup-merge.ts). Format: backup-format.ts.
import { strToU8, zipSync, type Zippable } from 'fflate';
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
} from './backup-format';
import { mergeBackup, type RestoreReport } from './backup-merge';
import { validateBackup } from './backup-validate';
import type { GoLiveDatabase } from './database';
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

export async function exportBackup(db: GoLiveDatabase, now: Date = new Date()): Promise<Blob> {
  const tables = [db.profile, db.definitions, db.runs, db.answers, db.events, db.attachments];
  // One read transaction: a consistent snapshot. Bytes are read after it (non-IndexedDB awaits).
  const snapshot = await db.transaction('r', tables, async () => ({
    profile: await db.profile.toArray(),
    definitions: await db.definitions.toArray(),
    runs: await db.runs.toArray(),
    answers: await db.answers.toArray(),
    events: await db.events.toArray(),
    attachments: await db.attachments.toArray(),
  }));
  const files: Zippable = {};
  const attachments: AttachmentEntry[] = [];
  for (const { blob, thumbnail, ...meta } of snapshot.attachments) {
    // Evidence is mostly photos and archives: stored, not compressed again.
    files[ATTACHMENTS_DIR + meta.id] = [await bytesOf(blob), { level: 0 }];
    if (thumbnail) files[THUMBNAILS_DIR + meta.id] = [await bytesOf(thumbnail), { level: 0 }];
    attachments.push(thumbnail ? { ...meta, thumbnailType: thumbnail.type || 'image/jpeg' } : meta);
  }
  const data: BackupData = {
    profile: snapshot.profile,
    definitions: snapshot.definitions.map(({ definition: _parsed, ...entry }) => entry),
    runs: snapshot.runs,
    answers: snapshot.answers,
    events: snapshot.events,
    attachments,
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
