// The hub's trust list (core's TrustList): one entry per enrolled signing key, with its user's
// name, role, office and supervised offices. A key of a revoked device or user stays listed with
// revokedAt, so apps learn of the revocation; a key on several devices is listed once (revoked only
// when every device holding it is). The hub verifies every report and signature against this.
import type { TrustedKey, TrustList } from '../core/reports/index';
import type { HubStore, UserRecord } from './store/hub-store';

function entry(user: UserRecord, publicKey: string, revokedAt: string | null): TrustedKey {
  const key: TrustedKey = { publicKey, name: user.name, role: user.role };
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
    if (!user) continue;
    const revokedAt = user.revokedAt ?? device.revokedAt;
    const known = keys.get(device.publicKey);
    if (known && (known.revokedAt === undefined || revokedAt !== null)) continue;
    keys.set(device.publicKey, entry(user, device.publicKey, revokedAt));
  }
  return { format: 'go-live-trust-list', formatVersion: 1, keys: [...keys.values()] };
}
