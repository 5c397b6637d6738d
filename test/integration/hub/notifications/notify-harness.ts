// The notification tests' world: a real hub over a real store (SQLite file or a PostgreSQL
// database), a real SMTP server and a webhook receiver on 127.0.0.1, the hub's notification
// service on the hub's clock, the people of the hub tests plus a supervisor of Madrid, and raw
// SQL on the same database for the tests that break it on purpose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { NotificationPreferences } from '../../../../core/sync/wire-protocol';
import type { NotificationConfig } from '../../../../hub/notifications/config';
import { NotificationService } from '../../../../hub/notifications/service';
import { openPostgresStore, openSqliteStore } from '../../../../hub/store/open-store';
import type { Person, StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import type { People } from '../people';
import { enrollPeople, MADRID } from '../people';
import type { PostgresCluster } from '../postgres-cluster';
import type { SmtpCapture } from './smtp-capture';
import { startSmtpCapture } from './smtp-capture';
import type { WebhookReceiver } from './webhook-receiver';
import { startWebhookReceiver } from './webhook-receiver';

/** A store factory that can also run SQL on the database it opened last. */
export interface RawStoreFactory extends StoreFactory {
  raw(statement: string): Promise<void>;
  /** Where the last fresh store lives (a file or a URL), to open it again. */
  location(): string;
}

export function rawSqliteFactory(): RawStoreFactory {
  let file = '';
  return {
    engine: 'sqlite',
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), 'hub-notify-'));
      file = path.join(dir, 'hub.sqlite');
      const opened = file;
      return {
        store: await openSqliteStore(opened),
        reopen: () => openSqliteStore(opened),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
    async raw(statement) {
      const database = new Database(file);
      try {
        database.exec(statement);
      } finally {
        database.close();
      }
    },
    location: () => file,
  };
}

export function rawPostgresFactory(cluster: PostgresCluster): RawStoreFactory {
  let url = '';
  return {
    engine: 'postgres',
    async fresh() {
      url = await cluster.createDatabase();
      const opened = url;
      return {
        store: await openPostgresStore(opened),
        reopen: () => openPostgresStore(opened),
        cleanup: () => undefined,
      };
    },
    async raw(statement) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    location: () => url,
  };
}

export interface NotifyWorld {
  hub: TestHub;
  people: People & { supervisorB: Person };
  smtp: SmtpCapture;
  hooks: WebhookReceiver;
  service: NotificationService;
  config: NotificationConfig;
  /** Saves preferences as the operator's CLI does (internal webhook targets allowed). */
  choose(person: Person, preferences: Partial<NotificationPreferences>): Promise<void>;
  close(): Promise<void>;
}

export const ALL_CAUSES: NotificationPreferences['causes'] = [
  'blocker-raised',
  'go-live-slipped',
  'countersign-waiting',
  'countersign-reminder',
  'sent-back',
  'daily-digest',
];

export async function startNotifyWorld(factory: StoreFactory): Promise<NotifyWorld> {
  const hub = await startTestHub(factory);
  const people = await enrollPeople(hub);
  const supervisorB = await hub.enroll('supervisor-b', 'Mia Supervisor', 'supervisor', undefined, [
    MADRID,
  ]);
  const smtp = await startSmtpCapture();
  const hooks = await startWebhookReceiver();
  const config: NotificationConfig = {
    enabled: true,
    smtp: { url: smtp.url, from: 'Go-live hub <hub@golive.example>', timeoutMs: 2_000 },
    intervalMs: 60_000,
    maxAttempts: 5,
    reminderAfterMs: 24 * 3_600_000,
    // Past the world's clock (08:00 UTC), so only the digest case, moving the clock, gets digests.
    digestHourUtc: 23,
    allowPrivateTargets: true,
  };
  const service = new NotificationService({ store: hub.store, config, clock: hub.now });
  return {
    hub,
    people: { ...people, supervisorB },
    smtp,
    hooks,
    service,
    config,
    async choose(person, preferences) {
      await hub.store.notifications.setNotificationPreferences(
        person.user.userId,
        {
          language: 'en',
          causes: ALL_CAUSES,
          email: null,
          webhooks: [],
          ...preferences,
        },
        hub.now().toISOString(),
      );
    },
    async close() {
      await service.stop();
      await smtp.stop();
      await hooks.close();
      await hub.close();
    },
  };
}
