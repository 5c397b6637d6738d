// The two races that need two processes: one enrollment code redeemed on both instances at the
// same moment (from two addresses, as two laptops would), and one outbox delivered by both
// instances' senders at once (a slow receiver keeps their rounds overlapping).
import { PATHS } from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import { rowsFor } from '../../../hub/notifications/fan-out';
import { BLOCKER, prefs } from '../hub/notifications/fixtures';
import type { WebhookReceiver } from '../hub/notifications/webhook-receiver';
import { sampleSum } from '../hub/prometheus-text';
import { signerFor } from '../hub/report-fixtures';
import type { ReplicaHubs } from './replica-hubs';
import { postJsonFrom } from './replica-hubs';

export interface EnrollmentRace {
  codes: number;
  /** Codes that enrolled exactly one device. */
  once: number;
  /** Codes that enrolled no device, or two. */
  wrong: number;
  /** What the losers were told, by status. */
  loserStatuses: Record<number, number>;
}

export async function raceEnrollments(hubs: ReplicaHubs, codes: number): Promise<EnrollmentRace> {
  const result: EnrollmentRace = { codes, once: 0, wrong: 0, loserStatuses: {} };
  const now = new Date();
  for (let i = 0; i < codes; i++) {
    const user = await createUser(
      hubs.store,
      { name: `Racer ${i}`, role: 'admin', office: 'Race office' },
      now,
    );
    const { code } = await issueCode(hubs.store, user, now);
    const answers = await Promise.all(
      hubs.urls.map(async (url, instance) => {
        const signer = signerFor(`race-${i}-${instance}`, `Racer ${i}`, 'admin', 'Race office');
        const body = {
          code,
          publicKey: (await signer.identity()).publicKey,
          deviceName: `racer ${i} laptop ${instance}`,
        };
        // Each laptop its own address, so no address's wrong-code budget is what decides.
        return postJsonFrom(`${url}${PATHS.enroll}`, body, `127.0.200.${2 * i + instance + 2}`);
      }),
    );
    const devices = (await hubs.store.listDevices()).filter((d) => d.userId === user.userId);
    const winners = answers.filter((answer) => answer.status === 201);
    if (winners.length === 1 && devices.length === 1) result.once += 1;
    else result.wrong += 1;
    for (const answer of answers.filter((one) => one.status !== 201)) {
      result.loserStatuses[answer.status] = (result.loserStatuses[answer.status] ?? 0) + 1;
    }
  }
  return result;
}

export interface SenderRace {
  written: number;
  received: number;
  distinct: number;
  /** Notifications received that are not rows of the outbox, or received twice. */
  duplicated: number;
  lost: number;
  /** Sent, per instance, from each instance's hub_notifications_total. */
  sentPerInstance: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function raceSenders(
  hubs: ReplicaHubs,
  hooks: WebhookReceiver,
  count: number,
): Promise<SenderRace> {
  const sent = async () =>
    Promise.all(
      hubs.urls.map(async (_url, index) =>
        sampleSum(await hubs.scrape(index), 'hub_notifications_total', { outcome: 'sent' }),
      ),
    );
  const before = await sent();
  const now = new Date();
  const user = await createUser(hubs.store, { name: 'Hal Head', role: 'head' }, now);
  const recipient = {
    user,
    preferences: prefs({ webhooks: [{ format: 'generic', url: hooks.url('/sender-race') }] }),
  };
  const at = now.toISOString();
  const rows = Array.from({ length: count }, (_, n) =>
    rowsFor(recipient, { ...BLOCKER, takenAt: `race-${n}` }, `sender-race:${n}`, at),
  ).flat();
  // A receiver taking 20 ms per answer: a round of 20 lasts longer than the senders' interval.
  hooks.delay.ms = 20;
  try {
    await hubs.store.notifications.withNotificationWriter((writer) => writer.enqueue(rows, at));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const counts = await hubs.store.notifications.notificationCounts();
      if (counts.pending === 0 && counts.sending === 0) break;
      await sleep(200);
    }
  } finally {
    hooks.delay.ms = 0;
  }
  const after = await sent();
  const keys = hooks.received
    .filter((hook) => hook.path === '/sender-race')
    .map((hook) => String(hook.headers['idempotency-key']));
  const ids = new Set(rows.map((row) => row.id));
  const distinct = new Set(keys);
  const states = (await hubs.store.notifications.listNotifications({ limit: 100_000 })).filter(
    (row) => ids.has(row.id),
  );
  return {
    written: rows.length,
    received: keys.length,
    distinct: distinct.size,
    duplicated: keys.length - distinct.size + [...distinct].filter((key) => !ids.has(key)).length,
    lost:
      [...ids].filter((id) => !distinct.has(id)).length +
      states.filter((row) => row.state !== 'sent').length,
    sentPerInstance: after.map((value, index) => value - (before[index] ?? 0)),
  };
}
