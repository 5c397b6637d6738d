// Starts the hub: the store from the environment (store/open-store.ts), the server on
// HUB_HOST:HUB_PORT (default 127.0.0.1:8787), and a clean shutdown on SIGINT/SIGTERM.
// The program's entry is cli.ts (`serve` is its default command); this module only exports, so
// the built bundle (cli/build-hub.mjs), where every module shares one file name, starts it once.
import { HubMetrics } from './metrics/hub-metrics';
import { notificationConfig } from './notifications/config';
import { NotificationService } from './notifications/service';
import { createHub } from './server';
import { openStoreFromEnv, storeLocation } from './store/open-store';

export const DEFAULT_HUB_PORT = 8787;

function port(env: NodeJS.ProcessEnv): number {
  const text = env.HUB_PORT?.trim();
  if (text === undefined || text === '') return DEFAULT_HUB_PORT;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new Error(`HUB_PORT must be a port number (0-65535), not "${text}".`);
  }
  return value;
}

/** HUB_TRUST_PROXY: unset or 0 (no proxy), 1 (trust any), or the proxy's addresses, comma-separated. */
function trustProxy(env: NodeJS.ProcessEnv): boolean | string {
  const text = env.HUB_TRUST_PROXY?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (text === '1') return true;
  return text;
}

/**
 * HUB_RATE_LIMIT_PER_MINUTE: requests per device (or per address and group before enrolling) per
 * minute, counted by each instance on its own (hub/rate-limits.ts says why). Default 600.
 */
function rateLimitPerMinute(env: NodeJS.ProcessEnv): number | undefined {
  const text = env.HUB_RATE_LIMIT_PER_MINUTE?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new Error(
      `HUB_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not "${text}".`,
    );
  }
  return value;
}

/** HUB_METRICS_TOKEN: lets a scraper other than loopback read GET /metrics (16+ characters). */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.HUB_METRICS_TOKEN?.trim();
  if (token === undefined || token === '') return undefined;
  if (token.length < 16 || /\s/.test(token)) {
    throw new Error('HUB_METRICS_TOKEN must be at least 16 characters without spaces.');
  }
  return token;
}

export async function startHub(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const location = storeLocation(env);
  const notify = notificationConfig(env);
  const token = metricsToken(env);
  const perMinute = rateLimitPerMinute(env);
  const store = await openStoreFromEnv(env);
  const metrics = new HubMetrics({ processMetrics: true });
  const app = createHub({
    store,
    logger: env.HUB_LOG === '1',
    trustProxy: trustProxy(env),
    allowPrivateWebhookTargets: notify.allowPrivateTargets,
    metrics,
    ...(token === undefined ? {} : { metricsToken: token }),
    ...(perMinute === undefined
      ? {}
      : { limits: { rateLimitMax: perMinute, rateLimitWindowMs: 60_000 } }),
  });
  const host = env.HUB_HOST?.trim() || '127.0.0.1';
  try {
    await app.listen({ host, port: port(env) });
  } catch (error) {
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port(env);
  console.log(
    `hub: listening on http://${host}:${actualPort} (${location.engine}: ${location.where})`,
  );
  console.log(`hub: API document at http://${host}:${actualPort}/openapi.json; Ctrl+C stops it.`);
  console.log(
    `hub: probes at /v1/health/live and /v1/health/ready; metrics at /metrics (${token === undefined ? 'loopback only' : 'loopback, or with HUB_METRICS_TOKEN'}).`,
  );
  // Notifications: reminders, digests and the outbox, in the background (hub/notifications).
  const notifications = new NotificationService({
    store,
    config: notify,
    onOutcome: metrics.observeNotification,
    onError: (error) => {
      console.error(
        `hub: notifications: ${error instanceof Error ? error.message : String(error)}`,
      );
    },
  });
  if (notify.enabled) notifications.start();
  console.log(
    `hub: notifications ${notify.enabled ? 'on' : 'off (HUB_NOTIFY=0)'}; e-mail ${notify.smtp ? 'via HUB_SMTP_URL' : 'not configured'}.`,
  );
  const stop = (): void => {
    console.log('hub: stopping…');
    void app
      .close()
      .then(() => notifications.stop())
      .then(() => store.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
