// The hub's trust list (core's TrustList): one entry per enrolled signing key, with its user's
// name, role, office and supervised offices, which core's verifier binds sign-offs and
// countersigns to. Engineers never sign: their keys are left out. A key of a revoked device or user stays listed with revokedAt, the moment the
// hub stopped trusting it: signatures made before it stand, later ones are refused (core's
// verify-signatures.ts says how "before" is judged). A key on several devices is listed once,
// revoked only when every device holding it is, and then at the latest of those revocations.
// The hub verifies every report and signature against this.
import type { SignerRole, TrustedKey, TrustList } from '../core/reports/index';
import type { HubRole } from '../core/sync/wire-protocol';
import type { DeviceRecord, HubStore, UserRecord } from './store/hub-store';

/** When this device's key stopped being trusted: the earlier of its own and its user's revocation. */
function revokedAtOf(user: UserRecord, device: DeviceRecord): string | null {
  const times = [user.revokedAt, device.revokedAt].filter((time): time is string => time !== null);
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/** Whether `next` should replace `known` for the same key: an active device wins; else the later revocation. */
function trustsLonger(known: TrustedKey, next: string | null): boolean {
  if (known.revokedAt === undefined) return false;
  return next === null || Date.parse(next) > Date.parse(known.revokedAt);
}

/** The role a user signs with; undefined for a role that never signs (engineers). */
function signerRoleOf(role: HubRole): SignerRole | undefined {
  return role === 'engineer' ? undefined : role;
}

function entry(
  user: UserRecord,
  role: SignerRole,
  publicKey: string,
  revokedAt: string | null,
): TrustedKey {
  const key: TrustedKey = { publicKey, name: user.name, role };
  if (user.office !== null) key.office = user.office;
  if (user.role === 'supervisor') key.supervises = [...user.supervises];
  if (revokedAt !== null) key.revokedAt = revokedAt;
  return key;
}

export async function buildTrustList(store: HubStore): Promise<TrustList> {
  const users = new Map((await store.listUsers()).map((user) => [user.userId, user]));
  const keys = new Map<string, TrustedKey>();
  for (const device of await store.listDevices()) {
    const user = users.get(device.userId);
    const role = user && signerRoleOf(user.role);
    if (!user || !role) continue;
    const revokedAt = revokedAtOf(user, device);
    const known = keys.get(device.publicKey);
    if (known && !trustsLonger(known, revokedAt)) continue;
    keys.set(device.publicKey, entry(user, role, device.publicKey, revokedAt));
  }
  return { format: 'go-live-trust-list', formatVersion: 1, keys: [...keys.values()] };
}
