// What a run is checked against: the definition version it pins and the parameters it was started
// with. Both can change once while the run is in progress: when a new version of the template is
// published mid-run (the weekend story: published Thursday, run started Friday on the old one), the
// owner moves the run to it. The move is one event in the run's history, on the run itself rather
// than an item (RUN_ITEM_ID): answers carry over by item id; the items whose meaning changed are
// named for a re-check; answers of removed items stay in the history. Moves merge like answers
// (merge.ts): the run's settings are those of the latest move, and two concurrent moves to
// different versions are a conflict for a person to resolve.
import type { ParameterValues } from '../definitions/schema';
import type { RecheckEntry } from '../definitions/migrate-answers';
import type { Run } from './model';

/** The pseudo item id of events about the run itself (item ids are kebab-case: no clash). */
export const RUN_ITEM_ID = '@run';

export interface RunSettings {
  definitionId: string;
  definitionVersion: string;
  /** Hash of the definition text the run is checked against. */
  definitionHash: string;
  parameters: ParameterValues;
}

/** Recorded when the run moves to another version of its template. */
export interface MoveToVersionAction {
  type: 'moveToVersion';
  itemId: typeof RUN_ITEM_ID;
  /** The version moved from (the settings before the first move are not in any event). */
  from: { definitionVersion: string; definitionHash: string };
  /** Answers whose item changed what counts as done, with why: to be checked again. */
  recheck: RecheckEntry[];
  /** Items that are not in the new version: their answers stay in the history only. */
  removed: string[];
  /** Items new in this version. */
  added: string[];
}

export function settingsOf(run: Pick<Run, keyof RunSettings>): RunSettings {
  const { definitionId, definitionVersion, definitionHash, parameters } = run;
  return { definitionId, definitionVersion, definitionHash, parameters };
}

export function isRunItem(itemId: string): boolean {
  return itemId === RUN_ITEM_ID;
}
