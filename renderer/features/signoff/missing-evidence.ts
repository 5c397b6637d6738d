// Which evidence files the sign-off would sign without, and what fetching them did. The report lists
// the attachments of the visible items' answers (core/reports/build-report.ts); those whose bytes
// are on no attachment row of this device (a shared run's file still on another laptop) are
// declared not included. The dialog names them before the signature, with the item and who
// attached them, and after "Fetch them now" (a sync: its evidence step downloads what the hub
// holds) says per file what happened.
import type { SyncCycleResult } from '../../../core/sync';
import type { Answer, AttachmentRef, RunVisibility } from '../../../core/runs';

export interface SignOffAttachment {
  itemId: string;
  itemTitle: string;
  ref: AttachmentRef;
}

export interface MissingFile extends SignOffAttachment {
  /** Who attached it (from the run's events), when known. */
  attachedBy?: string;
}

/** Every attachment the report would list, item by item in the report's order. */
export function attachmentsAtSignOff(
  visibility: Pick<RunVisibility, 'visible'>,
  answers: ReadonlyMap<string, Answer>,
): SignOffAttachment[] {
  return visibility.visible.flatMap(({ item }) =>
    (answers.get(item.id)?.attachments ?? []).map((ref) => ({
      itemId: item.id,
      itemTitle: item.title,
      ref,
    })),
  );
}

/** The SHA-256s of the missing files, once each: what the signer accepts to sign without. */
export function missingHashes(files: readonly MissingFile[]): string[] {
  return [...new Set(files.map((file) => file.ref.sha256))];
}

/**
 * arrived: on this device now. not-on-hub: the sync ran but the hub does not hold it (its laptop
 * has not uploaded it). failed: the sync did not finish. no-sync: no sync ran (no hub connection).
 */
export type FetchOutcome =
  | { kind: 'arrived' }
  | { kind: 'not-on-hub' }
  | { kind: 'failed'; message: string }
  | { kind: 'no-sync' };

/**
 * Per file (by SHA-256): what the fetch did, from the sync's result (an Error when the app failed
 * to run it) and what is still missing.
 */
export function fetchOutcomes(
  asked: readonly MissingFile[],
  stillMissing: ReadonlySet<string>,
  result: SyncCycleResult | Error | undefined,
): Map<string, FetchOutcome> {
  const outcomes = new Map<string, FetchOutcome>();
  for (const { ref } of asked) {
    let outcome: FetchOutcome;
    if (!stillMissing.has(ref.sha256)) outcome = { kind: 'arrived' };
    else if (result === undefined) outcome = { kind: 'no-sync' };
    else if (result instanceof Error) outcome = { kind: 'failed', message: result.message };
    else if (result.outcome === 'ok') outcome = { kind: 'not-on-hub' };
    else {
      const why =
        result.message ??
        result.problems.find((problem) => problem.includes(ref.sha256.slice(0, 12)));
      outcome = { kind: 'failed', message: why ?? result.outcome };
    }
    outcomes.set(ref.sha256, outcome);
  }
  return outcomes;
}

/** The last fetch: the files it was asked for and what it did for each. */
export interface LastFetch {
  asked: readonly MissingFile[];
  outcomes: ReadonlyMap<string, FetchOutcome>;
}

/**
 * The rows the dialog lists: after a fetch, the files it was asked for with what happened (a
 * fetched file stays listed, saying so), then any file missing since; before one, the missing files.
 * `missing` is what is missing now.
 */
export function evidenceRows(
  missing: readonly MissingFile[],
  last: LastFetch | undefined,
): { file: MissingFile; outcome?: FetchOutcome }[] {
  if (!last) return missing.map((file) => ({ file }));
  const key = (file: MissingFile) => `${file.itemId}:${file.ref.id}`;
  const asked = new Set(last.asked.map(key));
  const stillMissing = new Set(missing.map((file) => file.ref.sha256));
  return [
    ...last.asked.map((file) => {
      // A file that arrived since (a background sync) says so, whatever the fetch found.
      const outcome: FetchOutcome | undefined = stillMissing.has(file.ref.sha256)
        ? last.outcomes.get(file.ref.sha256)
        : { kind: 'arrived' };
      return outcome ? { file, outcome } : { file };
    }),
    ...missing.filter((file) => !asked.has(key(file))).map((file) => ({ file })),
  ];
}
