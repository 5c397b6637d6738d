// The public API of sync: the wire protocol shared with the hub, one sync cycle (probe, push the
// outbox, pull), enrollment, backoff and scheduling rules, and progress snapshots. Pure: the
// transport, the stores, the clock and the random source are injected by the adapters
// (renderer/sync/ in the app). Import from here, not from the modules.
export * from './wire-protocol';
export { DEFAULT_BACKOFF, fullJitterDelay, parseRetryAfter, retryDelay } from './backoff';
export type { BackoffPolicy } from './backoff';
export {
  isDue,
  parseReportOutboxKey,
  parseSignatureOutboxKey,
  reportOutboxKey,
  signatureOutboxKey,
} from './outbox';
export type {
  FailedUpdate,
  OutboxEntry,
  OutboxKind,
  OutboxState,
  OutboxStore,
  RetryUpdate,
  SentUpdate,
} from './outbox';
export { reviewStateOf } from './sync-stores';
export type {
  DefinitionAddResult,
  DefinitionSink,
  HeldReport,
  HubDefinition,
  LocalReportBundle,
  PulledReport,
  ReportBundleSource,
  ReportInbox,
  ReviewState,
  HeldSharedRun,
  RunEvidenceFiles,
  SharedRunReceipt,
  SharedRunStore,
  TrustStore,
} from './sync-stores';
export { hubMessage, jsonBody, readError, readJson, readText, TransportError } from './transport';
export type { HubRequest, HubResponse, Transport, TransportErrorKind } from './transport';
export { runSyncCycle } from './sync-engine';
export { syncSharedRuns } from './sync-shared-runs';
export { listPeople, setRunPlan, shareRun, updateMembers } from './shared-runs-client';
export type { TeamOutcome } from './shared-runs-client';
export type { SharedRunsOutcome } from './sync-shared-runs';
export type { EvidenceOutcome } from './sync-run-evidence';
export { evidenceNamedBy } from './evidence-refs';
export type { SyncEngineDeps } from './sync-engine';
export { DEFAULT_SYNC_CONFIG, ENGINE_ERRORS } from './sync-types';
export type {
  SyncConfig,
  SyncCycleResult,
  SyncOutcome,
  SyncPhase,
  SyncProgress,
} from './sync-types';
export { CycleHalt, createCycleContext } from './cycle-context';
export type { CycleContext, CycleContextDeps } from './cycle-context';
export { enrollDevice } from './enroll';
export type { EnrollOutcome } from './enroll';
export { DEFAULT_SCHEDULE, nextCycleDelay } from './schedule';
export type { SchedulePolicy, ScheduleInput } from './schedule';
export { createSyncScheduler } from './scheduler';
export type { SchedulerDeps, SyncScheduler } from './scheduler';
export { buildProgressSnapshot } from './progress-snapshot';
export type { SnapshotInput, SnapshotResult } from './progress-snapshot';
