// Runs: the rules the app enforces while an administrator ticks a checklist (pure domain core).
// Storage, UI and sync build on this public API only.
export type {
  Actor,
  ActorRole,
  AcceptedFailure,
  Answer,
  AnswerMap,
  AnswerValue,
  Assignment,
  AttachmentRef,
  ItemStatus,
  Run,
  RunState,
  ValueType,
  Waiver,
} from './model';
export { ACTOR_ROLES, ANSWER_LIMITS, ITEM_STATUSES, isResolvedStatus, openAnswer } from './model';
export type { ExpressionProblem, ItemRef, RunVisibility, WhenResult } from './visibility';
export {
  departmentTitle,
  evaluateWhen,
  findItem,
  itemIndex,
  runVisibility,
  visibleItems,
} from './visibility';
export type {
  Action,
  ActionContext,
  ActionError,
  ActionErrorCode,
  ActionResult,
  ActionType,
  EventDraft,
  EventPayload,
  EventType,
  FailingAcceptance,
  ItemEventPayload,
  ResolveConflictAction,
  RunSettingsPayload,
  UndoAction,
  WaitingItem,
} from './actions';
export { actionError } from './actions';
export { applyAction } from './apply-action';
export type { ValueCheck } from './values';
export { checkValue, needsValue } from './values';
export type { Failure, ItemEvaluation, PendingBound } from './evaluation';
export { describeCount, describeFailure, evaluateItem, formatNumber, plural } from './evaluation';
export type {
  BoundSource,
  JudgeContext,
  JudgedAnswer,
  ResolvedBound,
  ResolvedBounds,
  ThresholdSide,
} from './thresholds';
export { judgeContext, resolveBounds, resolveThreshold } from './thresholds';
export type {
  GateDecision,
  GateFailing,
  GateReason,
  GateResult,
  GateWaiver,
  GateWhy,
} from './gate';
export { evaluateGate } from './gate';
export type { ProgressCounts, RunProgress, SectionProgress } from './progress';
export { actualMinutesOf, computeProgress } from './progress';
export type {
  BlockingDependency,
  CriticalPath,
  CriticalPathItem,
  DepartmentWaits,
  WaitingDependant,
  WaitingOnAllOptions,
} from './dependencies';
export { criticalPath, waitingOn, waitingOnAll, waitingOnView } from './dependencies';
export type { ChainVerification } from './event-chain';
export { verifyChain } from './event-chain';
export { canonicalJson, sha256Hex } from './canonical';
export type { CausalClock, RunEvent } from './run-event';
export {
  GENESIS_HASH,
  RUN_EVENT_FORMAT,
  areConcurrent,
  happenedBefore,
  hashEvent,
  recordEvent,
  seenOf,
} from './run-event';
export type { ItemMerge, Merge } from './merge';
export { answerAfter, answerSubstance, mergeItem } from './merge';
export type { AddAllResult, AddOutcome } from './run-log';
export { RunLog, byCausalRank } from './run-log';
export type { ChainHead, RunLogVerification } from './verify-run-log';
export { verifyAnswersAgainstLog, verifyRunLog } from './verify-run-log';
export type { RecordContext, RecordResult } from './record-action';
export { recordAction, resolveConflict, undoLast } from './record-action';
export type { MoveToVersionAction, RunSettings } from './run-settings';
export { RUN_ITEM_ID, isRunItem, settingsOf } from './run-settings';
export type { MovePlan, MoveTarget } from './move-run';
export { moveRun, pendingRechecks, planMove } from './move-run';
export type { ParameterCheck } from './run-parameters';
export type { DepartmentLink, DepartmentState, DepartmentStatus, ReadyItem } from './team-work';
export { departmentChain, itemsOfDepartments, readyForYou } from './team-work';
export { checkRunParameters } from './run-parameters';
export type {
  DigestBlocker,
  DigestFailing,
  DigestSection,
  DigestSlip,
  Rag,
  StatusDigest,
} from './digest';
export { buildStatusDigest, ragOf } from './digest';
export { daysBetween, formatMinutes, isValidDate } from './dates';
export type { AssignAction, ItemOwner } from './assignment';
export { ASSIGNING_ROLES, assignedDepartment, isMyItem, myItemIds } from './assignment';
