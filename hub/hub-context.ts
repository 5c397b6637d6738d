// What every route gets: the store, the clock (injectable so tests can expire codes) and the
// limits (injectable so tests can hit them with small requests).
import { LIMITS } from '../core/sync/wire-protocol';
import type { HubStore } from './store/hub-store';

export type Clock = () => Date;

export interface HubLimits {
  reportBundleBytes: number;
  progressSnapshotBytes: number;
  jsonBodyBytes: number;
  /** Requests per device (or per address, before enrolling) per window. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = {
  ...LIMITS,
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
};

export interface HubContext {
  store: HubStore;
  clock: Clock;
  limits: HubLimits;
}

export function nowIso(context: HubContext): string {
  return context.clock().toISOString();
}
