// What every route gets: the store, the clock (injectable so tests can expire codes and end
// lockouts) and the limits (injectable so tests can hit them with small requests).
import { LIMITS, SHARED_RUN_LIMITS } from '../core/sync/wire-protocol';
import type { TargetPolicy } from './notifications/target-policy';
import type { HubStore } from './store/hub-store';

export type Clock = () => Date;

export interface HubLimits {
  reportBundleBytes: number;
  progressSnapshotBytes: number;
  /** Any other JSON body (a countersign or send-back: a signature whose comment may be long). */
  jsonBodyBytes: number;
  /** POST /v1/enroll: a code, a public key and a device name (well under 2 KiB). */
  enrollBodyBytes: number;
  /** POST /v1/runs/:runId/events: up to 500 events of one device log. */
  pushEventsBytes: number;
  /**
   * Requests per window per device; before enrolling, per address and per group (health checks,
   * enrollment, everything else), so health checks never use up enrollment's budget.
   */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Failed device-token authentications (401) per address per window; then 429 until it ends. */
  authFailureMax: number;
  authFailureWindowMs: number;
  /**
   * Wrong enrollment codes per address per window; then a lockout (429) of one window, doubling
   * with each lockout that follows, up to enrollLockoutMaxMs.
   */
  enrollFailureMax: number;
  enrollFailureWindowMs: number;
  enrollLockoutMaxMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  ...LIMITS,
  enrollBodyBytes: 16 * 1024,
  pushEventsBytes: SHARED_RUN_LIMITS.pushBytes,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
  authFailureMax: 30,
  authFailureWindowMs: 10 * 60_000,
  enrollFailureMax: 10,
  enrollFailureWindowMs: 15 * 60_000,
  enrollLockoutMaxMs: 24 * 3_600_000,
};

export interface HubContext {
  store: HubStore;
  clock: Clock;
  limits: HubLimits;
  /** Where users' webhooks may point (notifications/target-policy.ts). */
  notificationTargets: TargetPolicy;
}

export function nowIso(context: HubContext): string {
  return context.clock().toISOString();
}
