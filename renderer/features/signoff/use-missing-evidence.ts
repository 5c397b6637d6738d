// The sign-off dialog's evidence files not on this device, live (a sync that brings one updates
// the list), and "Fetch them now": a sync cycle (its evidence step downloads what the hub holds),
// with the evidence step's progress while it runs and, after it, what happened to each file.
import { useCallback, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { services } from '../../app/services';
import { appSync } from '../../sync/app-sync';
import { useSyncStore } from '../../sync/use-sync-store';
import { useRunView } from '../runs/use-run-view';
import type { MissingEvidencePanelProps } from './missing-evidence-panel';
import type { LastFetch, MissingFile } from './missing-evidence';
import { attachmentsAtSignOff, evidenceRows, fetchOutcomes } from './missing-evidence';

export interface MissingEvidence extends MissingEvidencePanelProps {
  /** Missing now; undefined while loading. */
  missing: readonly MissingFile[] | undefined;
}

async function missingFiles(runId: string, files: ReturnType<typeof attachmentsAtSignOff>) {
  const held = await services.sharedRuns.evidenceOf(
    runId,
    files.map((file) => file.ref),
  );
  return files.flatMap((file, index): MissingFile[] => {
    const entry = held[index];
    if (!entry || entry.row) return [];
    return [entry.attachedBy === undefined ? file : { ...file, attachedBy: entry.attachedBy }];
  });
}

export function useMissingEvidence(runId: string): MissingEvidence {
  const view = useRunView(runId);
  const attachments = useMemo(
    () => (view ? attachmentsAtSignOff(view.visibility, view.answers) : undefined),
    [view],
  );
  const missing = useLiveQuery(
    async () => (attachments ? missingFiles(runId, attachments) : undefined),
    [runId, attachments],
  );
  const [isFetching, setFetching] = useState(false);
  const [last, setLast] = useState<LastFetch>();
  const syncProgress = useSyncStore((state) => state.progress);
  const progress =
    isFetching && syncProgress?.phase === 'evidence'
      ? { done: syncProgress.done, total: syncProgress.total }
      : null;

  const onFetch = useCallback(() => {
    const asked = missing ?? [];
    setFetching(true);
    void (async () => {
      let result: Awaited<ReturnType<typeof appSync.syncNow>> | Error;
      try {
        result = await appSync.syncNow();
      } catch (error) {
        result = error instanceof Error ? error : new Error(String(error));
      }
      const after = await missingFiles(runId, asked);
      const stillMissing = new Set(after.map((file) => file.ref.sha256));
      setLast({ asked, outcomes: fetchOutcomes(asked, stillMissing, result) });
      setFetching(false);
    })();
  }, [missing, runId]);

  const current = missing ?? [];
  return {
    missing,
    rows: evidenceRows(current, last),
    missingCount: new Set(current.map((file) => file.ref.sha256)).size,
    isFetching,
    progress,
    onFetch,
  };
}
