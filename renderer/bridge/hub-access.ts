// Before this page may talk to a hub, the desktop app's CSP must name it (electron/main/
// hub-origin.ts): main asks the user, then the page reloads to load with the new policy. The
// enrollment the user started survives the reload in sessionStorage for a short while (the
// one-time code included, as it is useless once used and gone with the tab), and the hub panel
// picks it up again. In web mode the bridge allows at once and nothing reloads.
import type { AppBridge, DialogLanguage } from '../../electron/common/ipc-contract';
import { hubOriginOf } from '../../electron/common/content-security-policy';

const PENDING_KEY = 'golive.pendingEnrollment';
/** A pending enrollment older than this is dropped rather than resumed unasked. */
export const PENDING_ENROLLMENT_MAX_AGE_MS = 2 * 60 * 1000;

export interface PendingEnrollment {
  hubUrl: string;
  code: string;
}

export type HubAccess = 'ready' | 'refused' | 'reloading';

export interface HubAccessDependencies {
  bridge: Pick<AppBridge, 'setHubOrigin'>;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  reload?: () => void;
  now?: () => number;
}

function pageLanguage(): DialogLanguage {
  return typeof document !== 'undefined' && document.documentElement.lang === 'es' ? 'es' : 'en';
}

function storageOf(deps: Pick<HubAccessDependencies, 'storage'>) {
  return deps.storage ?? globalThis.sessionStorage;
}

/**
 * Makes sure the page may connect to `hubUrl` before enrolling there: 'ready' to go on now,
 * 'refused' when the user said no in main's confirmation, 'reloading' when the page reloads to
 * apply the new policy (the enrollment is kept and resumed by takePendingEnrollment). An address
 * that cannot be a hub is 'ready': the enrollment itself says what is wrong with it.
 */
export async function prepareHubAccess(
  deps: HubAccessDependencies,
  enrollment: PendingEnrollment,
): Promise<HubAccess> {
  if (hubOriginOf(enrollment.hubUrl) === null) return 'ready';
  const result = await deps.bridge.setHubOrigin({
    hubUrl: enrollment.hubUrl.trim(),
    language: pageLanguage(),
  });
  if (!result.isAllowed) return 'refused';
  if (!result.isReloadRequired) return 'ready';
  const now = deps.now ?? Date.now;
  storageOf(deps).setItem(PENDING_KEY, JSON.stringify({ ...enrollment, at: now() }));
  (deps.reload ?? (() => globalThis.location.reload()))();
  return 'reloading';
}

/** The enrollment a reload interrupted, once (it is removed as it is read); null when none. */
export function takePendingEnrollment(
  deps: Pick<HubAccessDependencies, 'storage' | 'now'> = {},
): PendingEnrollment | null {
  const storage = storageOf(deps);
  const text = storage.getItem(PENDING_KEY);
  if (text === null) return null;
  storage.removeItem(PENDING_KEY);
  try {
    const value = JSON.parse(text) as { hubUrl?: unknown; code?: unknown; at?: unknown };
    const age = (deps.now ?? Date.now)() - Number(value.at);
    if (
      typeof value.hubUrl === 'string' &&
      typeof value.code === 'string' &&
      age >= 0 &&
      age <= PENDING_ENROLLMENT_MAX_AGE_MS
    ) {
      return { hubUrl: value.hubUrl, code: value.code };
    }
  } catch {
    // Not ours, or damaged: dropped.
  }
  return null;
}

/** After a disconnect: the hub is no longer allowed from the next page load on. */
export async function forgetHubAccess(deps: Pick<HubAccessDependencies, 'bridge'>): Promise<void> {
  await deps.bridge.setHubOrigin({ hubUrl: null });
}
