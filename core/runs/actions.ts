// The actions an administrator can take on an item of a run, the errors that refuse them, and
// the event each accepted action leaves in the run's log. Every event carries the answer before
// and after, so any action can be undone and the answers can be rebuilt and checked from the log.
// When adding an action: handle it in apply-action.ts and describe it in the renderer's history.
import type { ChecklistDefinition } from '../definitions/schema';
import type { Failure } from './evaluation';
import type { AssignAction } from './assignment';
import type { MoveToVersionAction, RunSettings } from './run-settings';
import type { WaiverStatement } from './waiver-decision';
import type {
  Actor,
  Answer,
  AnswerMap,
  AnswerValue,
  AttachmentRef,
  ItemStatus,
  Run,
} from './model';

/**
 * Marking an item done while its value fails its rule (or changing a done item's value to a failing
 * one) is refused unless the action says so: `acceptFailing: true` with the reason, which is
 * recorded in the answer (acceptedFailure) and, with the action, in the event.
 */
export interface FailingAcceptance {
  acceptFailing?: boolean;
  /** setStatus: the N/A or blocked reason; with acceptFailing, why it is done although failing. */
  reason?: string;
}

export type Action =
  | ({ type: 'setStatus'; itemId: string; status: ItemStatus } & FailingAcceptance)
  /** `null` clears the value (refused while the item is done). */
  | ({ type: 'setValue'; itemId: string; value: AnswerValue | null } & FailingAcceptance)
  | { type: 'setNotes'; itemId: string; notes: string }
  | { type: 'setRollbackPlan'; itemId: string; rollbackPlan: string }
  | { type: 'waive'; itemId: string; justification: string }
  | { type: 'removeWaiver'; itemId: string }
  /** A supervisor approves or refuses the waiver on record (waiver-decision.ts). */
  | { type: 'decideWaiver'; itemId: string; statement: WaiverStatement; signature: string }
  | { type: 'attach'; itemId: string; attachment: AttachmentRef }
  | { type: 'detach'; itemId: string; attachmentId: string }
  /** Starts the item's timer (actual time against the estimate). */
  | { type: 'start'; itemId: string }
  /** The run's owner hands the item to another department or person (assignment.ts). */
  | AssignAction;

export type ActionType = Action['type'];

/** Recorded when an event is undone: which event, by its place and hash in the chain. */
export interface UndoAction {
  type: 'undo';
  itemId: string;
  undoneSeq: number;
  undoneHash: string;
}

/** Recorded when a person chooses which of two concurrent answers stands (core/runs/merge.ts). */
export interface ResolveConflictAction {
  type: 'resolveConflict';
  itemId: string;
  /** Hash of the head whose answer is kept. */
  keep: string;
  /** Hashes of every conflicting head the person saw. */
  heads: string[];
}

export type EventType = ActionType | 'undo' | 'resolveConflict' | 'moveToVersion';

/** An event about the run itself (run-settings.ts): a move to another template version. */
export interface RunSettingsPayload {
  action: MoveToVersionAction | ResolveConflictAction;
  /** The settings of the latest move before this one; null before any move. */
  before: RunSettings | null;
  after: RunSettings;
}

/** What an item event carries: the answer before and after. */
export interface ItemEventPayload {
  action: Action | UndoAction | ResolveConflictAction;
  /** null when the item had no answer yet. */
  before: Answer | null;
  after: Answer;
}

export type EventPayload = ItemEventPayload | RunSettingsPayload;

/** An event before it is chained (see event-chain.ts). */
export interface EventDraft {
  runId: string;
  type: EventType;
  itemId: string;
  payload: EventPayload;
  /** ISO 8601 timestamp. */
  at: string;
  actor: Actor;
}

export type ActionErrorCode =
  | 'run-frozen'
  | 'unknown-item'
  | 'item-hidden'
  | 'reason-required'
  | 'dependencies-open'
  | 'value-required'
  /** Done with a failing value, without acceptFailing (details.failing says why it fails). */
  | 'value-failing'
  | 'invalid-value'
  | 'rollback-plan-required'
  | 'evidence-required'
  | 'not-blocking'
  | 'justification-required'
  | 'no-waiver'
  | 'waiver-decision-invalid'
  | 'invalid-attachment'
  | 'unknown-attachment'
  | 'already-started'
  | 'text-too-long'
  | 'wrong-run'
  | 'conflict-unresolved'
  | 'no-conflict'
  | 'nothing-to-undo'
  | 'undo-superseded'
  | 'move-refused'
  /** A reassignment by someone who is not the run's owner, or to nowhere (assignment.ts). */
  | 'assign-refused'
  | 'unknown-action';

/** An item the action is waiting on (details of 'dependencies-open'). */
export interface WaitingItem {
  itemId: string;
  title: string;
  sectionId: string;
  department: string;
  status: ItemStatus;
}

export interface ActionError {
  code: ActionErrorCode;
  /** Plain English; says what to do next. */
  message: string;
  details?: {
    waitingOn?: WaitingItem[];
    failing?: { failure: string; failureDetail: Failure };
  };
}

/** Everything an action is judged against. Time and actor come in: the core reads no clock. */
export interface ActionContext {
  definition: ChecklistDefinition;
  run: Run;
  answers: AnswerMap;
  actor: Actor;
  /** ISO 8601 timestamp of the action. */
  now: string;
}

export type ActionResult =
  { ok: true; answer: Answer; event: EventDraft } | { ok: false; error: ActionError };

/** Builds an ActionError. */
export function actionError(
  code: ActionErrorCode,
  message: string,
  details?: ActionError['details'],
): ActionError {
  return details ? { code, message, details } : { code, message };
}

/** An error when `text` is longer than `limit`. */
export function tooLong(text: string, limit: number, what: string): ActionError | undefined {
  return text.length > limit
    ? actionError(
        'text-too-long',
        `The ${what} is too long (${text.length} characters; at most ${limit}).`,
      )
    : undefined;
}
