// Everything the run screen shows, live from IndexedDB: the run, its definition and answers, and
// what the core derives from them (derive-run-view.ts), with the answers still being written shown
// on top (pending-answers.ts). Dexie's liveQuery re-reads on every write, here or in another tab or
// by a sync, so a change anywhere shows here; a re-read that finds nothing new changes nothing,
// and one that finds a few new answers re-judges only those items.
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import type { Answer } from '../../../core/runs';
import type { GoLiveDatabase } from '../../storage/database';
import { definitionKeyOf, logVersionOf } from '../../storage/run-repository';
import { services } from '../../app/services';
import { markOnce } from '../../app/startup-marks';
import { nextRunView, withAnswers, type RunRecords, type RunView } from './derive-run-view';
import { forgetStored, isStored, NO_PENDING, usePendingAnswers } from './pending-answers';

export { deriveRunView } from './derive-run-view';
export type { RunView } from './derive-run-view';

/** What one screen's live query keeps between re-reads: the template and the last view. */
interface Memory {
  template?: { key: string; definition: ChecklistDefinition };
  view?: RunView;
}

/** Reads the run's records; the template only once (a published version never changes). */
function readRecords(
  db: GoLiveDatabase,
  runId: string,
  memory: Memory,
): Promise<RunRecords | null> {
  return db.transaction('r', db.runs, db.definitions, db.answers, async () => {
    const run = await db.runs.get(runId);
    if (!run) return null;
    const key = definitionKeyOf(run);
    let definition = memory.template?.key === key ? memory.template.definition : undefined;
    if (!definition) {
      definition = (await db.definitions.get(key))?.definition;
      if (!definition) return null;
      memory.template = { key, definition };
    }
    const answers = await db.answers.where('runId').equals(runId).toArray();
    return { run, definition, answers };
  });
}

/** The view after a re-read: the same object when nothing changed (nothing renders again). */
async function readView(
  db: GoLiveDatabase,
  runId: string,
  memory: Memory,
): Promise<RunView | null> {
  const records = await readRecords(db, runId, memory);
  markOnce('run:read');
  memory.view = records ? nextRunView(memory.view, records) : undefined;
  markOnce('run:derived');
  return memory.view ?? null;
}

/** `undefined` while loading, `null` when the run does not exist. */
export function useRunView(
  runId: string,
  db: GoLiveDatabase = services.db,
): RunView | null | undefined {
  const [memory] = useState<Memory>(() => ({}));
  const stored = useLiveQuery(() => readView(db, runId, memory), [db, runId, memory]);

  const pending = usePendingAnswers((state) => (state.runId === runId ? state.byItem : NO_PENDING));
  const logVersion = stored ? logVersionOf(stored.run) : undefined;
  useEffect(() => {
    if (logVersion !== undefined) forgetStored(runId, logVersion);
  }, [runId, logVersion]);

  return useMemo(() => {
    if (!stored || pending.size === 0) return stored;
    const version = logVersionOf(stored.run);
    const shown: Answer[] = [];
    for (const entry of pending.values()) if (!isStored(entry, version)) shown.push(entry.answer);
    return withAnswers(stored, shown);
  }, [stored, pending]);
}
