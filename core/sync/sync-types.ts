// The vocabulary of a sync cycle shared by its phases and its callers: the settings, the phases
// reported as progress, the outcome and the result a cycle returns, and the lastError values the
// engine writes itself.
import type { SharedRunsOutcome } from './sync-shared-runs';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF } from './backoff';

export interface SyncConfig {
  backoff: BackoffPolicy;
  /** The health probe: short, it only asks "are you there?". */
  probeTimeoutMs: number;
  /** Every other request, plus bundleMsPerMegabyte for report bundles. */
  requestTimeoutMs: number;
  bundleMsPerMegabyte: number;
  /** This many attempts in a row without an answer end the cycle: the hub went away. */
  maxConsecutiveUnanswered: number;
}

export const DEFAULT_SYNC_CONFIG: SyncConfig = {
  backoff: DEFAULT_BACKOFF,
  probeTimeoutMs: 5_000,
  requestTimeoutMs: 30_000,
  bundleMsPerMegabyte: 2_000,
  maxConsecutiveUnanswered: 3,
};

/**
 * What a cycle is busy with, for progress. 'runs': shared runs (this device's run events pushed,
 * runs and their events pulled). When adding a phase, also add its text to the Sync screen
 * (renderer/i18n/locales/{en,es}/sync.ts, `phase`).
 */
export type SyncPhase =
  'probe' | 'push' | 'trust-list' | 'definitions' | 'reports' | 'runs' | 'evidence';

export interface SyncProgress {
  phase: SyncPhase;
  /** Items handled so far in this phase, of `total`. */
  done: number;
  total: number;
}

/**
 * ok: reached the hub, every due entry was delivered or refused for good, every pull done.
 * partial: reached the hub, but something will be retried. offline: the hub did not answer.
 * unauthorized / incompatible: the device must be enrolled again / the app or hub updated.
 * rate-limited: the hub asked to slow down (Retry-After honoured per entry).
 */
export type SyncOutcome =
  'ok' | 'partial' | 'offline' | 'unauthorized' | 'incompatible' | 'rate-limited';

export interface SyncCycleResult {
  outcome: SyncOutcome;
  startedAt: string;
  finishedAt: string;
  /** Why the cycle stopped (the hub's words when it gave any). */
  message?: string;
  pushed: {
    /** Delivered now (replays included). */
    sent: number;
    /** Of those, the hub had already stored (a lost answer before). */
    replayed: number;
    /** Refused for good by the hub. */
    failed: number;
    /** To be tried again. */
    retrying: number;
    /**
     * Not tried: an earlier revision of the same report (or, for a signature, its revision or an
     * earlier signature on it) is not delivered yet.
     */
    held: number;
  };
  pulled: {
    trustKeys?: number;
    definitions: string[];
    reports: string[];
  };
  /** Shared runs, when the device takes part in any (sync-shared-runs.ts). */
  runs?: SharedRunsOutcome;
  /** Things pulled but not kept (a definition that does not validate, a report that does not verify). */
  problems: string[];
}

/** lastError values the engine writes itself (the UI translates them); the hub's messages are kept as sent. */
export const ENGINE_ERRORS = {
  timeout: '[timeout]',
  network: '[network]',
  badReceipt: '[bad-receipt]',
  missingReport: '[missing-report]',
  badPayload: '[bad-payload]',
  http: (status: number) => `[http ${status}]`,
} as const;
