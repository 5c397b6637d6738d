// Sends every signed report revision in IndexedDB to main's second copy on disk
// (electron/main/report-mirror.ts): the ones the copy lacks at start, then each one stored or
// countersigned while the app runs (a Dexie liveQuery on signedReports, so no storage code has to
// remember to call it). One revision at a time; a failure is reported and retried at the next
// change or start. Web mode skips all this (use-report-mirror.ts): it keeps no second copy.
import { liveQuery } from 'dexie';
import type { AppBridge, MirrorSignedReportResult } from '../../../electron/common/ipc-contract';
import type { GoLiveDatabase, SignedReportRow } from '../../storage/database';

export type MirrorBridge = Pick<
  AppBridge,
  'mirrorSignedReport' | 'listMirroredReports' | 'readMirroredAttachment'
>;

/** `${reportId}@${revision}`: one revision in IndexedDB and in the copy. */
export function revisionKey(reportId: string, revision: number): string {
  return `${reportId}@${revision}`;
}

/** How many signatures each revision's copy on disk holds (what need not be sent again). */
export type KeptCopies = Map<string, number>;

/** The evidence the report refers to that this device holds, as bytes. */
async function evidenceOf(db: GoLiveDatabase, row: SignedReportRow) {
  const hashes = new Set(
    row.signed.body.sections.flatMap((section) =>
      section.items.flatMap((item) => item.attachments.map((ref) => ref.sha256)),
    ),
  );
  if (hashes.size === 0) return [];
  const rows = await db.attachments
    .where('sha256')
    .anyOf([...hashes])
    .toArray();
  const attachments: { sha256: string; bytes: Uint8Array }[] = [];
  const seen = new Set<string>();
  for (const attachment of rows) {
    if (seen.has(attachment.sha256)) continue;
    seen.add(attachment.sha256);
    attachments.push({
      sha256: attachment.sha256,
      bytes: new Uint8Array(await attachment.blob.arrayBuffer()),
    });
  }
  return attachments;
}

export async function mirrorRow(
  db: GoLiveDatabase,
  bridge: MirrorBridge,
  row: SignedReportRow,
): Promise<MirrorSignedReportResult> {
  return bridge.mirrorSignedReport({
    reportId: row.reportId,
    revision: row.revision,
    json: row.json,
    attachments: await evidenceOf(db, row),
  });
}

export interface MirrorWatcher {
  stop(): void;
  /** Resolves when the rows at start and every change seen so far are mirrored (tests). */
  idle(): Promise<void>;
}

/**
 * Mirrors each revision whose copy is missing or holds fewer signatures than `kept` says, now and
 * whenever signedReports changes. `kept` is updated as copies are written.
 */
export function watchSignedReports(
  db: GoLiveDatabase,
  bridge: MirrorBridge,
  kept: KeptCopies,
  onFailure: (row: SignedReportRow, error: unknown) => void,
): MirrorWatcher {
  let queue: Promise<void> = Promise.resolve();
  const failed = new Set<string>();

  const mirrorMissing = (rows: SignedReportRow[]) => {
    queue = queue.then(async () => {
      for (const row of rows) {
        const key = revisionKey(row.reportId, row.revision);
        const signatures = row.signed.signatures.length;
        if ((kept.get(key) ?? 0) >= signatures) continue;
        try {
          await mirrorRow(db, bridge, row);
          kept.set(key, signatures);
          failed.delete(key);
        } catch (error) {
          // Reported once per revision, not at every change of the table.
          if (!failed.has(key)) onFailure(row, error);
          failed.add(key);
        }
      }
    });
  };

  // Resolved by the first answer of the query (the rows there are at start), or its failure.
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const subscription = liveQuery(() => db.signedReports.toArray()).subscribe({
    next: (rows) => {
      mirrorMissing(rows);
      markStarted();
    },
    error: (error: unknown) => {
      console.error('watching signed reports failed', error);
      markStarted();
    },
  });
  return {
    stop: () => subscription.unsubscribe(),
    idle: async () => {
      await started;
      // A change may queue more work while the queue drains: wait until it stays put.
      let seen: Promise<void>;
      do {
        seen = queue;
        await seen;
      } while (seen !== queue);
    },
  };
}
