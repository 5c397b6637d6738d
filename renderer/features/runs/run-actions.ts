// The run screen's commands: each calls the run repository (one durable transaction per action)
// and turns a refusal into a message the user can act on.
import type { Action, Actor } from '../../../core/runs';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';
import type { ApplyResult } from '../../storage/run-repository';
import { useRunUiStore } from './use-run-ui-store';
import { isFailingAction, useFailingAnswerStore } from './use-failing-answer-store';
import i18next from 'i18next';
import { refusalText } from './refusal-text';

export function actorOf(profile: Profile): Actor {
  return { id: profile.id, name: profile.name, role: profile.role };
}

/** The item an action was about: its title names it in a translated refusal. */
type TitleOf = (itemId: string) => string | undefined;

function report(result: ApplyResult, action?: Action, titleOf?: TitleOf): boolean {
  if (result.ok) {
    useRunUiStore.getState().clearMessage();
    return true;
  }
  // A failing value is a choice to make, not an error: failing-answer-dialog.tsx asks for it.
  const failing = result.error.code === 'value-failing' ? result.error.details?.failing : undefined;
  if (failing && action && isFailingAction(action)) {
    useFailingAnswerStore.getState().ask({ action, ...failing });
    return false;
  }
  // The core's message names what to do (and what an item waits on), said in the user's language.
  const itemId = action && 'itemId' in action ? action.itemId : undefined;
  const title = itemId === undefined ? undefined : titleOf?.(itemId);
  useRunUiStore.getState().say('error', refusalText(i18next.t, result.error, title));
  return false;
}

export function createRunCommands(runId: string, profile: Profile, titleOf?: TitleOf) {
  const actor = actorOf(profile);
  const run = async (promise: Promise<ApplyResult>, action?: Action): Promise<boolean> => {
    try {
      return report(await promise, action, titleOf);
    } catch (error) {
      useRunUiStore.getState().say('error', (error as Error).message);
      return false;
    }
  };
  return {
    apply: (action: Action) => run(services.runs.apply(runId, action, actor), action),
    undo: () => run(services.runs.undo(runId, actor)),
    attach: (itemId: string, file: File) =>
      run(
        services.runs.attach(
          runId,
          itemId,
          { name: file.name, type: file.type, blob: file },
          actor,
        ),
      ),
    detach: (itemId: string, attachmentId: string) =>
      run(services.runs.detach(runId, itemId, attachmentId, actor)),
  };
}

export type RunCommands = ReturnType<typeof createRunCommands>;
