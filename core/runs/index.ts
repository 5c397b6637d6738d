// Runs: the rules the app enforces while an administrator ticks a checklist (pure domain core).
// Storage, UI and sync build on this public API only.
export type {
  Actor,
  ActorRole,
  Answer,
  AnswerMap,
  AnswerValue,
  AttachmentRef,
  ItemStatus,
  Run,
  RunState,
  ValueType,
  Waiver,
} from './model';
export { ANSWER_LIMITS, ITEM_STATUSES, isResolvedStatus, openAnswer } from './model';
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
  UndoAction,
  WaitingItem,
} from './actions';
export { actionError } from './actions';
export { applyAction } from './apply-action';
export type { ValueCheck } from './values';
export { checkValue, needsValue } from './values';
export type { ItemEvaluation } from './evaluation';
export { describeCount, evaluateItem, plural } from './evaluation';
export type { GateDecision, GateReason, GateResult, GateWaiver, GateWhy } from './gate';
export { evaluateGate } from './gate';
export type { ProgressCounts, RunProgress, SectionProgress } from './progress';
export { actualMinutesOf, computeProgress } from './progress';
export type {
  BlockingDependency,
  CriticalPath,
  CriticalPathItem,
  DepartmentWaits,
  WaitingDependant,
} from './dependencies';
export { criticalPath, waitingOn, waitingOnView } from './dependencies';
export type { ChainedEvent, ChainVerification } from './event-chain';
export {
  GENESIS_HASH,
  canonicalJson,
  chainEvent,
  hashEvent,
  sha256Hex,
  verifyAnswersAgainstEvents,
  verifyChain,
} from './event-chain';
export type { UndoContext, UndoResult } from './undo';
export { undoLastAction } from './undo';
export type { DigestLabels, Rag, StatusDigest } from './digest';
export { DEFAULT_DIGEST_LABELS, buildStatusDigest, ragOf } from './digest';
export { daysBetween, formatMinutes, isValidDate } from './dates';
