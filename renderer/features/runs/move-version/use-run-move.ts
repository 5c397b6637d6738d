// What the run screen needs to offer a move to a newer template version and to follow it up,
// live from IndexedDB: the newer versions of the run's template on this device, the preview of a
// move (core/runs planMove over the run's verified history), and after a move, which carried
// answers still wait to be checked again (pendingRechecks) and which move set the run's version.
import { useLiveQuery } from 'dexie-react-hooks';
import { compareSemver } from '../../../../core/definitions';
import type { ParameterValues } from '../../../../core/definitions/schema';
import {
  pendingRechecks,
  planMove,
  RUN_ITEM_ID,
  settingsOf,
  type MovePlan,
  type RunEvent,
  type RunSettings,
} from '../../../../core/runs';
import type { RecheckEntry } from '../../../../core/definitions';
import { services } from '../../../app/services';
import type { DefinitionRow, RunRow } from '../../../storage/database';

/** Versions of the run's template newer than the run's, newest first; `undefined` while loading. */
export function useNewerVersions(run: RunRow): DefinitionRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = await services.definitions.versionsOf(run.definitionId);
    return rows.filter((row) => compareSemver(row.version, run.definitionVersion) > 0);
  }, [run.definitionId, run.definitionVersion]);
}

export interface MoveRecord {
  fromVersion: string | undefined;
  toVersion: string;
  at: string;
  by: string;
}

export interface RunMoveState {
  /** Carried answers the latest move named, not touched since. */
  rechecks: RecheckEntry[];
  /** The latest move of the run, when it moved. */
  lastMove: MoveRecord | undefined;
}

function moveRecord(event: RunEvent): MoveRecord {
  const after = event.payload.after as RunSettings;
  const before = event.payload.before as RunSettings | undefined;
  // The version moved from: named by the move itself where the event says it.
  const action = event.payload.action as { from?: { definitionVersion?: string } };
  return {
    fromVersion: action.from?.definitionVersion ?? before?.definitionVersion,
    toVersion: after.definitionVersion,
    at: event.at,
    by: event.actor.name,
  };
}

/** `undefined` while loading. */
export function useRunMoveState(runId: string): RunMoveState | undefined {
  return useLiveQuery(async () => {
    // The history only, not verified (the run screen verifies it once, when idle): this query
    // runs again after every tick.
    const loaded = await services.runs.history(runId);
    if (!loaded) return { rechecks: [], lastMove: undefined };
    const moves = loaded.log
      .eventsOfItem(RUN_ITEM_ID)
      .filter((event) => event.type === 'moveToVersion');
    const latest = moves.at(-1);
    return {
      rechecks: pendingRechecks(loaded.log),
      lastMove: latest === undefined ? undefined : moveRecord(latest),
    };
  }, [runId]);
}

/** The preview of moving the run to `target` with these parameters (read once, not live). */
export async function previewMove(
  runId: string,
  target: DefinitionRow,
  parameters: ParameterValues,
): Promise<MovePlan | undefined> {
  const loaded = await services.runs.load(runId);
  if (!loaded) return undefined;
  return planMove({ definition: loaded.definition, settings: settingsOf(loaded.run) }, loaded.log, {
    definition: target.definition,
    hash: target.hash,
    parameters,
  });
}
