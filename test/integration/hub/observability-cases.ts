// The probes and the metrics of a real hub on 127.0.0.1 (issue 12, part 3), run on SQLite and on
// PostgreSQL: liveness and readiness answer without a token and outside every budget; readiness
// says 503 with the reason when a migration is missing or the store fails; GET /metrics counts
// requests by route template and status class, ingest by outcome, the outbox per state and the
// sender's deliveries (through a real webhook receiver), and is served to loopback only unless a
// token is configured.
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollResponse } from '../../../core/sync/wire-protocol';
import {
  PATHS,
  pathOf,
  PROTOCOL_HEADER,
  WIRE_PROTOCOL_VERSION,
} from '../../../core/sync/wire-protocol';
import { createUser, issueCode } from '../../../hub/enrollment';
import { PROBE_PATHS } from '../../../hub/health/probe-routes';
import { HubMetrics } from '../../../hub/metrics/hub-metrics';
import { METRICS_PATH } from '../../../hub/metrics/metrics-routes';
import type { NotificationConfig } from '../../../hub/notifications/config';
import { NotificationService } from '../../../hub/notifications/service';
import type { HubOptions } from '../../../hub/server';
import { createHub } from '../../../hub/server';
import type { HubStore } from '../../../hub/store/hub-store';
import { hubMigrations } from '../../../hub/store/migrate';
import type { RawStoreFactory } from './notifications/notify-harness';
import { ALL_CAUSES } from './notifications/notify-harness';
import type { WebhookReceiver } from './notifications/webhook-receiver';
import { startWebhookReceiver } from './notifications/webhook-receiver';
import { snapshot } from './people';
import type { Sample } from './prometheus-text';
import { parseSamples, sampleSum } from './prometheus-text';
import { signedBundle, signerFor } from './report-fixtures';

const NOW = new Date('2025-06-02T08:00:00.000Z');
const TOKEN = 'metrics-token-0123456789abcdef';

interface ObservedHub {
  url: string;
  app: FastifyInstance;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

async function serve(store: HubStore, options: Partial<HubOptions> = {}): Promise<ObservedHub> {
  const app = createHub({ store, clock: () => NOW, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers }),
    close: () => app.close(),
  };
}

async function scrape(hub: ObservedHub): Promise<Sample[]> {
  const response = await hub.get(METRICS_PATH);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseSamples(await response.text());
}

export function observabilityCases(factory: () => RawStoreFactory): void {
  describe('liveness, readiness and metrics', () => {
    let raw: RawStoreFactory;
    let store: HubStore;
    let reopen: () => Promise<HubStore>;
    let cleanup: () => void;
    const opened: ObservedHub[] = [];

    beforeAll(async () => {
      raw = factory();
      ({ store, reopen, cleanup } = await raw.fresh());
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((hub) => hub.close()));
    });
    afterAll(async () => {
      await store.close();
      cleanup();
    });

    async function start(options: Partial<HubOptions> = {}, on = store): Promise<ObservedHub> {
      const hub = await serve(on, options);
      opened.push(hub);
      return hub;
    }

    it('answers the probes without a token and outside every budget; /v1/health keeps its budget', async () => {
      const hub = await start({ limits: { rateLimitMax: 3 } });
      for (let i = 0; i < 8; i++) {
        const live = await hub.get(PROBE_PATHS.live);
        expect(live.status).toBe(200);
        expect(await live.json()).toMatchObject({ status: 'live' });
        const ready = await hub.get(PROBE_PATHS.ready);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toMatchObject({
          status: 'ready',
          engine: raw.engine,
          migrations: hubMigrations().length,
        });
        expect((await hub.get(METRICS_PATH)).status).toBe(200);
      }
      const health = [];
      for (let i = 0; i < 5; i++) health.push((await hub.get(PATHS.health)).status);
      expect(health).toEqual([200, 200, 200, 429, 429]);
    });

    it('is not ready while a migration is missing, naming it, and ready once it is back', async () => {
      const hub = await start();
      const latest = hubMigrations().at(-1);
      if (!latest) throw new Error('no migrations');
      const name = `${String(latest.version).padStart(3, '0')}_${latest.name}`;
      await raw.raw(`UPDATE kysely_migration SET name = 'hidden_${name}' WHERE name = '${name}'`);
      try {
        const missing = await hub.get(PROBE_PATHS.ready);
        expect(missing.status).toBe(503);
        const body = (await missing.json()) as { status: string; reason: string };
        expect(body.status).toBe('not-ready');
        expect(body.reason).toContain(`lacks migrations ${name}`);
        // Liveness is not readiness: the process still answers.
        expect((await hub.get(PROBE_PATHS.live)).status).toBe(200);
      } finally {
        await raw.raw(`UPDATE kysely_migration SET name = '${name}' WHERE name = 'hidden_${name}'`);
      }
      expect((await hub.get(PROBE_PATHS.ready)).status).toBe(200);
    });

    it('is not ready when its store fails, and says why', async () => {
      const broken = await reopen();
      const hub = await start({}, broken);
      expect((await hub.get(PROBE_PATHS.ready)).status).toBe(200);
      await broken.close();
      const answer = await hub.get(PROBE_PATHS.ready);
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as { reason: string; engine: string };
      expect(body.engine).toBe(raw.engine);
      expect(body.reason).toMatch(new RegExp(`^The ${raw.engine} store failed: .+`));
      expect((await hub.get(PROBE_PATHS.live)).status).toBe(200);
    });

    it('counts requests by route template, ingest by outcome, the outbox and the deliveries', async () => {
      const metrics = new HubMetrics();
      const hub = await start({ metrics });
      const hooks: WebhookReceiver = await startWebhookReceiver();
      try {
        const office = `Metrics office ${raw.engine}`;
        const supervisor = await createUser(
          store,
          { name: 'Sam Supervisor', role: 'supervisor', supervises: [office] },
          NOW,
        );
        await store.notifications.setNotificationPreferences(
          supervisor.userId,
          {
            language: 'en',
            causes: ALL_CAUSES,
            email: null,
            webhooks: [{ format: 'generic', url: hooks.url('/metrics-case') }],
          },
          NOW.toISOString(),
        );
        const admin = await createUser(store, { name: 'Ana Admin', role: 'admin', office }, NOW);
        const signer = signerFor(`metrics-${raw.engine}`, 'Ana Admin', 'admin', office);
        const { code } = await issueCode(store, admin, NOW);
        const enrolled = await fetch(`${hub.url}${PATHS.enroll}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            code,
            publicKey: (await signer.identity()).publicKey,
            deviceName: 'metrics laptop',
          }),
        });
        expect(enrolled.status).toBe(201);
        const { deviceToken } = (await enrolled.json()) as EnrollResponse;
        const headers = {
          authorization: `Bearer ${deviceToken}`,
          [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
        };
        const reportId = `metrics-report-${raw.engine}`;
        const bundle = await signedBundle(signer, { reportId, office, adminName: 'Ana Admin' });
        const push = () =>
          fetch(`${hub.url}${PATHS.reports}`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/zip' },
            body: bundle.bytes as Uint8Array<ArrayBuffer>,
          });
        expect((await push()).status).toBe(201);
        expect((await push()).status).toBe(200);
        const progress = await fetch(`${hub.url}${PATHS.progress}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(snapshot(`metrics-run-${raw.engine}`, office, NOW.toISOString())),
        });
        expect(progress.status).toBe(201);
        const absent = pathOf(PATHS.report, { reportId: 'no-such-report', revision: 1 });
        expect((await hub.get(absent, headers)).status).toBe(404);
        expect((await hub.get('/no/such/route')).status).toBe(404);
        expect((await hub.get(PATHS.reports)).status).toBe(401);

        const before = await scrape(hub);
        const requests = (route: string, method: string, statusClass: string) =>
          sampleSum(before, 'hub_http_requests_total', {
            route,
            method,
            status_class: statusClass,
          });
        expect(requests(PATHS.reports, 'POST', '2xx')).toBe(2);
        expect(requests(PATHS.progress, 'POST', '2xx')).toBe(1);
        expect(requests(PATHS.enroll, 'POST', '2xx')).toBe(1);
        expect(requests(PATHS.report, 'GET', '4xx')).toBe(1);
        expect(requests('(unmatched)', 'GET', '4xx')).toBe(1);
        expect(requests(PATHS.reports, 'GET', '4xx')).toBe(1);
        // Route templates only: no series names a report id.
        expect(before.some((s) => Object.values(s.labels).some((v) => v.includes('no-such')))).toBe(
          false,
        );
        const ingest = (kind: string, outcome: string) =>
          sampleSum(before, 'hub_ingest_duration_seconds_count', { kind, outcome });
        expect(ingest('report', 'stored')).toBe(1);
        expect(ingest('report', 'replay')).toBe(1);
        expect(ingest('progress', 'stored')).toBe(1);
        expect(
          sampleSum(before, 'hub_http_request_duration_seconds_count', {
            route: PATHS.reports,
            method: 'POST',
          }),
        ).toBe(2);
        expect(sampleSum(before, 'hub_info', { engine: raw.engine })).toBe(1);

        // The outbox as the store counts it: the countersign-waiting and blocker-raised notices.
        const counts = await store.notifications.notificationCounts();
        expect(counts.pending).toBeGreaterThanOrEqual(2);
        expect(sampleSum(before, 'hub_notification_outbox', { state: 'pending' })).toBe(
          counts.pending,
        );
        expect(sampleSum(before, 'hub_notifications_total')).toBe(0);

        const config: NotificationConfig = {
          enabled: true,
          smtp: undefined,
          intervalMs: 60_000,
          maxAttempts: 5,
          reminderAfterMs: 24 * 3_600_000,
          digestHourUtc: 23,
          allowPrivateTargets: true,
        };
        const service = new NotificationService({
          store,
          config,
          clock: () => NOW,
          onOutcome: metrics.observeNotification,
        });
        const round = await service.tick();
        await service.stop();
        expect(round.sent).toBe(counts.pending);
        expect(hooks.received).toHaveLength(counts.pending);

        const after = await scrape(hub);
        expect(
          sampleSum(after, 'hub_notifications_total', { channel: 'generic', outcome: 'sent' }),
        ).toBe(counts.pending);
        expect(sampleSum(after, 'hub_notification_outbox', { state: 'pending' })).toBe(0);
        expect(sampleSum(after, 'hub_notification_outbox', { state: 'sent' })).toBe(
          counts.sent + counts.pending,
        );
        expect(
          sampleSum(after, 'hub_http_requests_total', {
            route: METRICS_PATH,
            status_class: '2xx',
          }),
        ).toBe(1);
      } finally {
        await hooks.close();
      }
    });

    it('serves the metrics to loopback only, or to a bearer of HUB_METRICS_TOKEN', async () => {
      const closed = await start();
      const remote = await closed.app.inject({
        method: 'GET',
        url: METRICS_PATH,
        remoteAddress: '203.0.113.7',
      });
      expect(remote.statusCode).toBe(403);
      expect(remote.json()).toMatchObject({ error: 'forbidden' });
      expect(remote.body).toMatch(/HUB_METRICS_TOKEN/);
      // Loopback through a reverse proxy on the same machine is not local.
      const proxied = await closed.get(METRICS_PATH, { 'x-forwarded-for': '203.0.113.7' });
      expect(proxied.status).toBe(403);
      const remoteWithToken = await closed.app.inject({
        method: 'GET',
        url: METRICS_PATH,
        remoteAddress: '203.0.113.7',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(remoteWithToken.statusCode).toBe(403);

      const guarded = await start({ metricsToken: TOKEN, trustProxy: true });
      const ask = (headers: Record<string, string>) =>
        guarded.app.inject({
          method: 'GET',
          url: METRICS_PATH,
          remoteAddress: '10.1.2.3',
          headers,
        });
      expect((await ask({})).statusCode).toBe(401);
      expect((await ask({ authorization: 'Bearer not-the-token-at-all' })).statusCode).toBe(401);
      expect((await ask({ authorization: `Basic ${TOKEN}` })).statusCode).toBe(401);
      const allowed = await ask({ authorization: `Bearer ${TOKEN}` });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toMatch(/^# HELP hub_http_requests_total /m);
      // Behind a trusted proxy: the client's address decides, and the token lets it in.
      const viaProxy = await guarded.get(METRICS_PATH, {
        'x-forwarded-for': '198.51.100.4',
        authorization: `Bearer ${TOKEN}`,
      });
      expect(viaProxy.status).toBe(200);
      expect((await guarded.get(METRICS_PATH)).status).toBe(200);
    });

    it('adds the process metrics when asked (the served hub does)', async () => {
      const plain = await scrape(await start());
      expect(plain.some((s) => s.name.startsWith('process_'))).toBe(false);
      const full = await scrape(await start({ metrics: new HubMetrics({ processMetrics: true }) }));
      expect(full.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
      expect(full.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
      expect(full.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    });
  });
}
