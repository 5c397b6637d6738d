// Everything the run screen shows, live from IndexedDB: the run, its definition and answers, and
// what the core derives from them (visibility, gate, progress, evaluations, waiting-on). Dexie's
// liveQuery re-runs on every write, so a tick anywhere shows everywhere at once.
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import {
  computeProgress,
  evaluateGate,
  evaluateItem,
  judgeContext,
  runVisibility,
  waitingOn,
  type Answer,
  type GateResult,
  type ItemEvaluation,
  type ItemRef,
  type JudgeContext,
  type RunProgress,
  type RunVisibility,
  type WaitingItem,
} from '../../../core/runs';
import type { RunRow } from '../../storage/database';
import { services } from '../../app/services';
import { todayIso } from './dates';

export interface RunView {
  run: RunRow;
  definition: ChecklistDefinition;
  answers: Map<string, Answer>;
  visibility: RunVisibility;
  gate: GateResult;
  progress: RunProgress;
  evaluations: Map<string, ItemEvaluation>;
  /** What thresholds are judged against in this run (parameters, other answers, visibility). */
  judge: JudgeContext;
  /** Unresolved dependencies of each visible item that has any. */
  waiting: Map<string, WaitingItem[]>;
  refs: Map<string, ItemRef>;
}

interface RunRecords {
  run: RunRow;
  definition: ChecklistDefinition;
  answers: Answer[];
}

/** `undefined` while loading, `null` when the run does not exist. */
export function useRunView(runId: string): RunView | null | undefined {
  const { db } = services;
  const records = useLiveQuery(
    () =>
      db.transaction(
        'r',
        db.runs,
        db.definitions,
        db.answers,
        async (): Promise<RunRecords | null> => {
          const run = await db.runs.get(runId);
          if (!run) return null;
          const row = await db.definitions.get(`${run.definitionId}@${run.definitionVersion}`);
          if (!row) return null;
          const answers = await db.answers.where('runId').equals(runId).toArray();
          return { run, definition: row.definition, answers };
        },
      ),
    [runId],
  );

  return useMemo(() => (records ? deriveRunView(records) : records), [records]);
}

export function deriveRunView({ run, definition, answers: rows }: RunRecords): RunView {
  const answers = new Map(rows.map((answer) => [answer.itemId, answer]));
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const evaluations = new Map<string, ItemEvaluation>();
  const waiting = new Map<string, WaitingItem[]>();
  const refs = new Map<string, ItemRef>();
  for (const ref of visibility.visible) {
    refs.set(ref.item.id, ref);
    evaluations.set(ref.item.id, evaluateItem(ref.item, answers.get(ref.item.id), judge));
    if (ref.item.dependsOn.length > 0) {
      const open = waitingOn(definition, run, answers, ref.item.id);
      if (open.length > 0) waiting.set(ref.item.id, open);
    }
  }
  return {
    run,
    definition,
    answers,
    visibility,
    gate: evaluateGate(definition, run, answers),
    progress: computeProgress(definition, run, answers, todayIso()),
    evaluations,
    judge,
    waiting,
    refs,
  };
}
