// Moving a run in progress to another version of its template (run-settings.ts says why and how it
// merges). planMove is the preview the owner sees item by item: what carries over by id, what is
// new, what is gone (its answer stays in the history) and which carried answers must be checked
// again, with why (core/definitions/migrate-answers.ts). moveRun records the move as one event on
// the run; it is refused once the run is signed, for another template, for the version the run is
// already on, while two moves conflict, and when the new version's parameters are not all given.
import type { ChecklistDefinition, ParameterValues } from '../definitions/schema';
import { migrateAnswers, type RecheckEntry } from '../definitions/migrate-answers';
import { actionError } from './actions';
import type { RunEvent } from './run-event';
import { happenedBefore, recordEvent } from './run-event';
import type { RunLog } from './run-log';
import { checkRunParameters } from './run-parameters';
import type { RecordContext, RecordResult } from './record-action';
import type { MoveToVersionAction, RunSettings } from './run-settings';
import { RUN_ITEM_ID, settingsOf } from './run-settings';

export interface MoveTarget {
  definition: ChecklistDefinition;
  /** Hash of the target version's text. */
  hash: string;
  /** The run's parameters under the new version (new required ones must be given). */
  parameters: ParameterValues;
}

export interface MovePlan {
  from: RunSettings;
  to: RunSettings;
  /** Answered items that exist in both versions. */
  carried: string[];
  recheck: RecheckEntry[];
  /** Answered items that are not in the new version. */
  removed: string[];
  /** Items only in the new version. */
  added: string[];
  /** Problems with the parameters under the new version; the move is refused while any remain. */
  parameterProblems: string[];
}

function itemIds(definition: ChecklistDefinition): Set<string> {
  return new Set(definition.sections.flatMap((section) => section.items.map((item) => item.id)));
}

export function planMove(
  current: { definition: ChecklistDefinition; settings: RunSettings },
  log: RunLog,
  target: MoveTarget,
): MovePlan {
  const checked = checkRunParameters(target.definition, target.parameters);
  const migration = migrateAnswers(current.definition, target.definition, log.answers(), {
    parameters: checked.values,
  });
  const before = itemIds(current.definition);
  return {
    from: current.settings,
    to: {
      definitionId: target.definition.id,
      definitionVersion: target.definition.version,
      definitionHash: target.hash,
      parameters: checked.values,
    },
    carried: [...migration.carried.keys()],
    recheck: migration.recheck,
    removed: migration.dropped,
    added: [...itemIds(target.definition)].filter((id) => !before.has(id)),
    parameterProblems: checked.problems,
  };
}

export function moveRun(context: RecordContext, target: MoveTarget): RecordResult {
  const { definition, run, log, chain, actor, now } = context;
  const refuse = (message: string): RecordResult => ({
    ok: false,
    error: actionError('move-refused', message),
  });
  if (run.state === 'signed') {
    return refuse('This run is signed off: a signed run stays on the version it was signed on.');
  }
  if (target.definition.id !== definition.id) {
    return refuse(`A run of "${definition.title}" can only move to another version of it.`);
  }
  const settings = log.settings();
  if (settings.conflict) {
    return refuse('Two moves of this run conflict: choose which one stands first.');
  }
  const current = settings.answer ?? settingsOf(run);
  if (target.hash === current.definitionHash) {
    return refuse(`The run is already on version ${target.definition.version}.`);
  }
  const plan = planMove({ definition, settings: current }, log, target);
  if (plan.parameterProblems.length > 0) {
    return refuse(
      `Check the run's details for the new version: ${plan.parameterProblems.join('; ')}.`,
    );
  }
  const action: MoveToVersionAction = {
    type: 'moveToVersion',
    itemId: RUN_ITEM_ID,
    from: { definitionVersion: current.definitionVersion, definitionHash: current.definitionHash },
    recheck: plan.recheck,
    removed: plan.removed,
    added: plan.added,
  };
  const event = recordEvent(
    {
      runId: run.id,
      type: 'moveToVersion',
      itemId: RUN_ITEM_ID,
      payload: { action, before: settings.answer, after: plan.to },
      at: now,
      actor,
    },
    chain,
    log.head(chain),
    log.frontier(),
  );
  return { ok: true, event };
}

/** The move that set the run's current settings (a resolution points at the move it kept). */
function currentMove(log: RunLog): RunEvent | undefined {
  const head = log.settings().heads[0];
  if (!head || head.payload.action.type !== 'resolveConflict') return head;
  const keep = head.payload.action.keep;
  return log.eventsOfItem(RUN_ITEM_ID).find((event) => event.hash === keep);
}

/**
 * The carried answers still to be checked again since the run last moved: those the move named,
 * not touched since (an event on the item after the move clears it).
 */
export function pendingRechecks(log: RunLog): RecheckEntry[] {
  const move = currentMove(log);
  if (!move || move.payload.action.type !== 'moveToVersion') return [];
  const touchedSince = (itemId: string) =>
    log.eventsOfItem(itemId).some((event) => happenedBefore(move, event));
  return move.payload.action.recheck.filter((entry) => !touchedSince(entry.itemId));
}
