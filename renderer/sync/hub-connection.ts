// This device's connection to a hub, kept in the settings table: the hub's address, the device
// token from enrollment and who the hub knows the user as (role, office). One hub per device.
// The token is a bearer credential: it stays in this origin's IndexedDB (as the signing key does in
// web mode) and is never shown again after enrollment.
import type { EnrolledUser } from '../../core/sync';
import type { GoLiveDatabase } from '../storage/database';

export interface HubConnection {
  hubUrl: string;
  deviceId: string;
  deviceToken: string;
  user: EnrolledUser;
  enrolledAt: string;
}

export const HUB_CONNECTION_KEY = 'sync.hub';
export const LAST_SUCCESS_KEY = 'sync.lastSuccessAt';

export type HubUrlCheck =
  { ok: true; url: string } | { ok: false; problem: 'invalid' | 'insecure' };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A hub address as typed: https anywhere; plain http only on this machine (a hub for testing),
 * because the device token and the reports would otherwise cross the network in clear text.
 */
export function normalizeHubUrl(text: string): HubUrlCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname))
    return { ok: false, problem: 'insecure' };
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'invalid' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

function isHubConnection(value: unknown): value is HubConnection {
  if (typeof value !== 'object' || value === null) return false;
  const { hubUrl, deviceId, deviceToken, user } = value as Record<string, unknown>;
  return (
    typeof hubUrl === 'string' &&
    typeof deviceId === 'string' &&
    typeof deviceToken === 'string' &&
    typeof user === 'object' &&
    user !== null
  );
}

export async function readHubConnection(db: GoLiveDatabase): Promise<HubConnection | undefined> {
  const row = await db.settings.get(HUB_CONNECTION_KEY);
  return isHubConnection(row?.value) ? row.value : undefined;
}

export async function forgetHubConnection(db: GoLiveDatabase): Promise<void> {
  await db.settings.delete(HUB_CONNECTION_KEY);
}

export async function readLastSuccess(db: GoLiveDatabase): Promise<string | undefined> {
  const row = await db.settings.get(LAST_SUCCESS_KEY);
  return typeof row?.value === 'string' ? row.value : undefined;
}

export async function saveLastSuccess(db: GoLiveDatabase, at: string): Promise<void> {
  await db.settings.put({ key: LAST_SUCCESS_KEY, value: at });
}
