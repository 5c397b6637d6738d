// What the run screen shows, worked out from the stored run, template and answers by the core's
// rules (visibility, evaluations, waiting-on, gate, progress) — in full once, then item by item:
// a changed answer re-judges only that item and the items that depend on it (an item's threshold
// may name another item, and the validator makes it depend on that item), and the gate and
// progress, which look at every answer, are worked out only when something reads them.
import type { ChecklistDefinition } from '../../../core/definitions/schema';
import {
  computeProgress,
  evaluateGate,
  evaluateItem,
  judgeContext,
  runVisibility,
  waitingOnAll,
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

export interface RunRecords {
  run: RunRow;
  definition: ChecklistDefinition;
  answers: Answer[];
}

type EagerParts = Omit<RunView, 'gate' | 'progress'>;

/** The view with its gate and progress worked out on first read (then kept). */
function makeView(parts: EagerParts): RunView {
  let gate: GateResult | undefined;
  let progress: RunProgress | undefined;
  return Object.defineProperties(parts as RunView, {
    gate: {
      enumerable: true,
      get: () => (gate ??= evaluateGate(parts.definition, parts.run, parts.answers)),
    },
    progress: {
      enumerable: true,
      get: () =>
        (progress ??= computeProgress(parts.definition, parts.run, parts.answers, todayIso())),
    },
  });
}

/** The whole view, worked out from the stored records. */
export function deriveRunView({ run, definition, answers: rows }: RunRecords): RunView {
  const answers = new Map(rows.map((answer) => [answer.itemId, answer]));
  const visibility = runVisibility(definition, run);
  const judge = judgeContext(definition, run, answers, visibility);
  const evaluations = new Map<string, ItemEvaluation>();
  const waiting = waitingOnAll(definition, run, answers, { visibility });
  const refs = new Map<string, ItemRef>();
  for (const ref of visibility.visible) {
    refs.set(ref.item.id, ref);
    evaluations.set(ref.item.id, evaluateItem(ref.item, answers.get(ref.item.id), judge));
  }
  return makeView({ run, definition, answers, visibility, judge, evaluations, waiting, refs });
}

const dependantIndexes = new WeakMap<ChecklistDefinition, Map<string, string[]>>();

/** For each item, the items that depend on it. */
function dependantsOf(definition: ChecklistDefinition): Map<string, string[]> {
  let index = dependantIndexes.get(definition);
  if (!index) {
    index = new Map();
    for (const section of definition.sections) {
      for (const item of section.items) {
        for (const dependency of item.dependsOn) {
          const list = index.get(dependency) ?? [];
          list.push(item.id);
          index.set(dependency, list);
        }
      }
    }
    dependantIndexes.set(definition, index);
  }
  return index;
}

/**
 * The view with some answers replaced (a tick shown before it is written, or answers another tab
 * or a sync stored): only they and the items depending on them are judged again; every other
 * item keeps its objects, so its row need not render again.
 */
export function withAnswers(view: RunView, changed: readonly Answer[], run = view.run): RunView {
  if (changed.length === 0 && run === view.run) return view;
  const answers = new Map(view.answers);
  for (const answer of changed) answers.set(answer.itemId, answer);
  const judge = judgeContext(view.definition, run, answers, view.visibility);
  const evaluations = new Map(view.evaluations);
  const waiting = new Map(view.waiting);
  const parts: EagerParts = { ...eagerPartsOf(view), run, answers, judge, evaluations, waiting };
  const dependants = dependantsOf(view.definition);
  const affected = new Set<string>();
  for (const { itemId } of changed) {
    affected.add(itemId);
    for (const dependant of dependants.get(itemId) ?? []) affected.add(dependant);
  }
  const { visibility } = view;
  const waitingNow = waitingOnAll(view.definition, run, answers, { visibility, itemIds: affected });
  for (const itemId of affected) {
    const ref = view.refs.get(itemId);
    if (!ref) continue; // hidden in this run
    evaluations.set(itemId, evaluateItem(ref.item, answers.get(itemId), judge));
    const open = waitingNow.get(itemId);
    if (open) waiting.set(itemId, open);
    else waiting.delete(itemId);
  }
  return makeView(parts);
}

function eagerPartsOf(view: RunView): EagerParts {
  const { run, definition, answers, visibility, judge, evaluations, waiting, refs } = view;
  return { run, definition, answers, visibility, judge, evaluations, waiting, refs };
}

/** The run row without what every write moves (when and how often it was written). */
function settingsKey(run: RunRow): string {
  const { updatedAt: _updatedAt, logVersion: _logVersion, ...settings } = run;
  return JSON.stringify(settings);
}

function sameAnswer(a: Answer, b: Answer): boolean {
  return a === b || (a.updatedAt === b.updatedAt && JSON.stringify(a) === JSON.stringify(b));
}

/**
 * The view after the stored records were read again (Dexie's liveQuery re-reads on every write):
 * the same view when nothing changed, the changed answers applied item by item when only answers
 * changed, the whole view again when the run's settings, its template or the set of items did.
 */
export function nextRunView(previous: RunView | undefined, records: RunRecords): RunView {
  if (
    !previous ||
    previous.definition !== records.definition ||
    settingsKey(previous.run) !== settingsKey(records.run) ||
    records.answers.length < previous.answers.size
  ) {
    return deriveRunView(records);
  }
  const changed: Answer[] = [];
  for (const answer of records.answers) {
    const before = previous.answers.get(answer.itemId);
    if (!before || !sameAnswer(before, answer)) changed.push(answer);
  }
  if (records.answers.length !== previous.answers.size + countNew(previous, changed)) {
    return deriveRunView(records);
  }
  const isSameRow =
    previous.run.updatedAt === records.run.updatedAt &&
    previous.run.logVersion === records.run.logVersion;
  return withAnswers(previous, changed, isSameRow ? previous.run : records.run);
}

function countNew(previous: RunView, changed: readonly Answer[]): number {
  return changed.filter((answer) => !previous.answers.has(answer.itemId)).length;
}
