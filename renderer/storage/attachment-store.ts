// Evidence files before they are stored: the size limit, the SHA-256 fingerprint and the
// thumbnail, all computed outside any IndexedDB transaction (they await non-IndexedDB promises,
// which would let a Dexie transaction commit early). The run repository stores the row; the
// shared-run repository stores the rows of files that arrived from another laptop. Also which
// files' bytes this device holds, for the repositories that ask.
import type { AttachmentRef } from '../../core/runs/model';
import type { AttachmentRow, GoLiveDatabase } from './database';
import { makeThumbnail } from './thumbnails';

/** Largest evidence file accepted: a phone photo or a config export, not a video or a disk image. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface AttachmentFile {
  name: string;
  type: string;
  blob: Blob;
}

export type PreparedAttachment =
  | { ok: true; row: AttachmentRow; ref: AttachmentRef }
  | { ok: false; error: { code: 'attachment-too-large'; message: string } };

/** Lowercase hex SHA-256 of the bytes. */
export async function sha256OfBytes(bytes: BufferSource): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export async function sha256OfBlob(blob: Blob): Promise<string> {
  return sha256OfBytes(await blob.arrayBuffer());
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export async function prepareAttachment(
  file: AttachmentFile,
  place: { runId: string; itemId: string },
  now: Date,
): Promise<PreparedAttachment> {
  const size = file.blob.size;
  if (size > MAX_ATTACHMENT_BYTES) {
    return {
      ok: false,
      error: {
        code: 'attachment-too-large',
        message: `"${file.name}" is ${megabytes(size)}; attachments can be at most ${megabytes(MAX_ATTACHMENT_BYTES)}. Attach a smaller file (a screenshot, a compressed photo or an excerpt).`,
      },
    };
  }
  const mimeType = file.type || file.blob.type || 'application/octet-stream';
  const sha256 = await sha256OfBlob(file.blob);
  const thumbnail = await makeThumbnail(file.blob, mimeType);
  const name = file.name.trim();
  const ref: AttachmentRef = { id: crypto.randomUUID(), name, mimeType, size, sha256 };
  const row: AttachmentRow = {
    ...ref,
    runId: place.runId,
    itemId: place.itemId,
    blob: file.blob,
    ...(thumbnail ? { thumbnail } : {}),
    createdAt: now.toISOString(),
  };
  return { ok: true, row, ref };
}

/**
 * The row of an evidence file that arrived from another laptop of a shared run: the bytes were
 * checked against `ref.sha256` by the sync; the thumbnail is made here, as when it was attached.
 */
export async function receivedAttachment(
  ref: AttachmentRef,
  place: { runId: string; itemId: string },
  bytes: Uint8Array<ArrayBuffer>,
  now: Date,
): Promise<AttachmentRow> {
  const blob = new Blob([bytes], { type: ref.mimeType });
  const thumbnail = await makeThumbnail(blob, ref.mimeType);
  return {
    ...ref,
    runId: place.runId,
    itemId: place.itemId,
    blob,
    ...(thumbnail ? { thumbnail } : {}),
    createdAt: now.toISOString(),
  };
}

/** Of these SHA-256s, those whose bytes some attachment row on this device holds (any run's). */
export async function heldEvidence(
  db: GoLiveDatabase,
  sha256s: Iterable<string>,
): Promise<Set<string>> {
  const rows = await db.attachments
    .where('sha256')
    .anyOf([...new Set(sha256s)])
    .toArray();
  return new Set(rows.map((row) => row.sha256));
}
