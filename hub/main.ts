// Starts the hub: the store from the environment (store/open-store.ts), the server on
// HUB_HOST:HUB_PORT (default 127.0.0.1:8787), and a clean shutdown on SIGINT/SIGTERM.
// The program's entry is cli.ts (`serve` is its default command); this module only exports, so
// the built bundle (cli/build-hub.mjs), where every module shares one file name, starts it once.
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

export async function startHub(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const location = storeLocation(env);
  const notify = notificationConfig(env);
  const store = await openStoreFromEnv(env);
  const app = createHub({
    store,
    logger: env.HUB_LOG === '1',
    trustProxy: trustProxy(env),
    allowPrivateWebhookTargets: notify.allowPrivateTargets,
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
  // Notifications: reminders, digests and the outbox, in the background (hub/notifications).
  const notifications = new NotificationService({
    store,
    config: notify,
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
