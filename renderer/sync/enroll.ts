// Connecting this device to a hub: the one-time code and the user's public signing key go to the
// hub; the device token, the user's hub identity and the trust list come back and are stored in
// one transaction (a token without its trust list is never kept).
import type { EnrollOutcome } from '../../core/sync';
import { enrollDevice } from '../../core/sync';
import type { GoLiveDatabase } from '../storage/database';
import { createFetchTransport } from './fetch-transport';
import type { HubConnection } from './hub-connection';
import { HUB_CONNECTION_KEY, normalizeHubUrl } from './hub-connection';

export interface ConnectInput {
  db: GoLiveDatabase;
  hubUrl: string;
  code: string;
  deviceName: string;
  /**
   * The local profile's id: the actor of every event this device records, also those recorded
   * before enrolling, so the hub takes this device's shared-run events as this person's.
   */
  profileId?: string;
  /** The bridge's getSigningKey: the key the user signs reports with. */
  getSigningKey: () => Promise<{ publicKey: string }>;
  fetch?: typeof fetch;
  now?: Date;
}

export type ConnectOutcome =
  | { ok: true; connection: HubConnection }
  | Extract<EnrollOutcome, { ok: false }>
  | { ok: false; reason: 'invalid-url' | 'insecure-url'; message: string };

export async function connectToHub(input: ConnectInput): Promise<ConnectOutcome> {
  const checked = normalizeHubUrl(input.hubUrl);
  if (!checked.ok) {
    return checked.problem === 'insecure'
      ? { ok: false, reason: 'insecure-url', message: input.hubUrl }
      : { ok: false, reason: 'invalid-url', message: input.hubUrl };
  }
  const { publicKey } = await input.getSigningKey();
  const transport = createFetchTransport({
    baseUrl: checked.url,
    ...(input.fetch ? { fetch: input.fetch } : {}),
  });
  const outcome = await enrollDevice(transport, {
    code: input.code,
    publicKey,
    deviceName: input.deviceName.slice(0, 120),
    ...(input.profileId === undefined ? {} : { profileId: input.profileId }),
  });
  if (!outcome.ok) return outcome;
  const { enrolled } = outcome;
  const connection: HubConnection = {
    hubUrl: checked.url,
    deviceId: enrolled.deviceId,
    deviceToken: enrolled.deviceToken,
    user: enrolled.user,
    enrolledAt: (input.now ?? new Date()).toISOString(),
  };
  const { db } = input;
  await db.transaction('rw', [db.settings, db.trustedKeys], async () => {
    await db.settings.put({ key: HUB_CONNECTION_KEY, value: connection });
    await db.trustedKeys.clear();
    await db.trustedKeys.bulkPut(enrolled.trustList.keys);
  });
  return { ok: true, connection };
}
