// The run screen's commands: each calls the run repository (one durable transaction per action)
// and turns a refusal into a message the user can act on. An action on an item is shown at once:
// the core works out the new answer from what the screen shows and the screen paints it while
// the repository writes (pending-answers.ts); a write that fails or is refused takes it back and
// says why.
import { applyAction, type Action, type Actor, type Answer } from '../../../core/runs';
import type { Profile } from '../../../core/people/profile';
import { services } from '../../app/services';
import type { ApplyResult } from '../../storage/run-repository';
import type { RunView } from './derive-run-view';
import {
  isShownInConflict,
  pendingOf,
  settlePending,
  showPending,
  shownViewOf,
} from './pending-answers';
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

/** The new answer as the core's rules work it out from what the screen shows; none if refused. */
function answerAfter(view: RunView, runId: string, action: Action, actor: Actor): Answer | null {
  const pending = pendingOf(runId);
  let answers: ReadonlyMap<string, Answer> = view.answers;
  if (pending.size > 0) {
    const shown = new Map(answers);
    for (const entry of pending.values()) shown.set(entry.answer.itemId, entry.answer);
    answers = shown;
  }
  const now = new Date().toISOString();
  const result = applyAction(
    { definition: view.definition, run: view.run, answers, actor, now },
    action,
  );
  return result.ok ? result.answer : null;
}

export interface RunCommandOptions {
  titleOf?: TitleOf;
  /**
   * What the screen shows now (default: what the run screen last rendered): an action on an item is
   * painted from it before it is written.
   */
  viewOf?: () => RunView | undefined;
  /** The run repository (the app's, unless a test gives another). */
  runs?: Pick<typeof services.runs, 'apply' | 'undo' | 'attach' | 'detach'>;
}

export function createRunCommands(
  runId: string,
  profile: Profile,
  options: RunCommandOptions = {},
) {
  const { titleOf, viewOf = () => shownViewOf(runId), runs = services.runs } = options;
  const actor = actorOf(profile);
  const run = async (promise: Promise<ApplyResult>, action?: Action): Promise<boolean> => {
    try {
      return report(await promise, action, titleOf);
    } catch (error) {
      useRunUiStore.getState().say('error', (error as Error).message);
      return false;
    }
  };
  const apply = async (action: Action): Promise<boolean> => {
    const view = viewOf();
    const shown =
      view && view.run.state !== 'signed' && !isShownInConflict(runId, action.itemId)
        ? answerAfter(view, runId, action, actor)
        : null;
    if (!shown) return run(runs.apply(runId, action, actor), action);
    const seq = showPending(runId, shown);
    const written = runs.apply(runId, action, actor);
    // Settled before the refusal is reported: the message and the stored state come together.
    const settled = written.then(
      (result) => {
        settlePending(
          runId,
          action.itemId,
          seq,
          result.ok ? { answer: result.answer, logVersion: result.logVersion ?? 0 } : undefined,
        );
        return result;
      },
      (error: unknown) => {
        settlePending(runId, action.itemId, seq);
        throw error;
      },
    );
    return run(settled, action);
  };
  return {
    apply,
    undo: () => run(runs.undo(runId, actor)),
    attach: (itemId: string, file: File) =>
      run(runs.attach(runId, itemId, { name: file.name, type: file.type, blob: file }, actor)),
    detach: (itemId: string, attachmentId: string) =>
      run(runs.detach(runId, itemId, attachmentId, actor)),
  };
}

export type RunCommands = ReturnType<typeof createRunCommands>;
