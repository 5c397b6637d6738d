// The notification cases on PostgreSQL (a throwaway cluster, a database per case), and what only
// PostgreSQL can show: two senders of two hub instances racing on one outbox deliver each
// notification once (claims with FOR UPDATE SKIP LOCKED). Skipped with a printed reason when
// PostgreSQL is not installed, failing on CI instead (postgres-cluster.ts).
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryChannel } from '../../../../hub/notifications/channels/delivery';
import { WebhookChannel } from '../../../../hub/notifications/channels/webhook';
import { rowsFor } from '../../../../hub/notifications/fan-out';
import { NotificationSender } from '../../../../hub/notifications/sender';
import type { HubStore } from '../../../../hub/store/hub-store';
import { openPostgresStore } from '../../../../hub/store/open-store';
import type { PostgresCluster } from '../postgres-cluster';
import { startPostgresCluster } from '../postgres-cluster';
import { BLOCKER, prefs } from './fixtures';
import { notificationCases } from './notification-cases';
import { rawPostgresFactory, startNotifyWorld } from './notify-harness';

const started = await startPostgresCluster();
let cluster: PostgresCluster | undefined;
if (started.ok) cluster = started.cluster;
else console.log(`notifications on PostgreSQL: skipped: ${started.reason}`);

afterAll(async () => {
  await cluster?.stop();
});

function factory() {
  if (!cluster) throw new Error('no PostgreSQL cluster');
  return rawPostgresFactory(cluster);
}

describe.skipIf(cluster === undefined)('notifications on PostgreSQL', () => {
  notificationCases(factory);

  it('three senders on two instances racing over one outbox deliver each notification once', async () => {
    const raw = factory();
    const world = await startNotifyWorld(raw);
    let second: HubStore | undefined;
    try {
      const { hub, hooks, people } = world;
      second = await openPostgresStore(raw.location());
      // 150 events x one webhook each for the head, written as the causes write them.
      const recipient = {
        user: people.head.user,
        preferences: prefs({ webhooks: [{ format: 'generic', url: hooks.url('/race') }] }),
      };
      const at = hub.now().toISOString();
      const rows = Array.from({ length: 150 }, (_, n) =>
        rowsFor(recipient, { ...BLOCKER, takenAt: `t${n}` }, `race:${n}`, at),
      ).flat();
      await hub.store.notifications.withNotificationWriter((writer) => writer.enqueue(rows, at));
      // The race must really happen, whatever the machine's load: each sender's first delivery
      // waits (once, at most 10 s) until a second sender is delivering too, so the senders hold
      // claimed rows at the same time. A claim that handed the others nothing while one sender held
      // its rows would leave one sender sending everything, and the count below says so.
      const delivering = new Set<string>();
      let overlapping: () => void = () => undefined;
      const overlap = new Promise<void>((resolve) => (overlapping = resolve));
      const deadline = new Promise((resolve) => setTimeout(resolve, 10_000));
      const waitForOverlap = (id: string) => {
        if (delivering.has(id)) return undefined;
        delivering.add(id);
        if (delivering.size > 1) overlapping();
        return Promise.race([overlap, deadline]);
      };
      const sender = (store: HubStore, id: string) => {
        const webhook = new WebhookChannel({ policy: { allowPrivate: true } });
        const held: DeliveryChannel = {
          deliver: async (row) => {
            await waitForOverlap(id);
            return webhook.deliver(row);
          },
        };
        return new NotificationSender({
          store: store.notifications,
          webhook: held,
          clock: hub.now,
          instanceId: id,
          batchSize: 10,
        });
      };
      // A receiver taking 10 ms per answer keeps the senders busy at the same time, and the second
      // instance is connected before the race starts.
      hooks.delay.ms = 10;
      await second.notifications.notificationCounts();
      // Two senders in one instance (one pool) and one in another: each claims in turn.
      const senders = [
        sender(hub.store, 'instance-a-1'),
        sender(hub.store, 'instance-a-2'),
        sender(second, 'instance-b'),
      ];
      const rounds = await Promise.all(senders.map((one) => one.drain()));
      expect(rounds.reduce((sum, round) => sum + round.sent, 0)).toBe(150);
      expect(rounds.filter((round) => round.sent > 0).length).toBeGreaterThan(1);
      const keys = hooks.received.map((hook) => hook.headers['idempotency-key']);
      expect(keys).toHaveLength(150);
      expect(new Set(keys).size).toBe(150);
      expect(new Set(keys)).toEqual(new Set(rows.map((row) => row.id)));
      expect(await hub.store.notifications.notificationCounts()).toMatchObject({
        sent: 150,
        pending: 0,
        sending: 0,
      });
    } finally {
      await second?.close();
      await world.close();
    }
  });
});
