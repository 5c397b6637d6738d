// The operator's notification commands (`npm run hub -- …`, hub/cli.ts):
//   notifications [--state pending|sending|sent|failed] [--limit N]   the outbox, newest last
//   notifications retry <id>                                           a failed one, due now
//   notification-preferences --user <id> [--language en|es] [--email <address>|--no-email]
//       [--causes a,b] [--webhook <format>=<url> …] [--no-webhooks]    show, or change and show
// Preferences set here pass the same checks as the hub's route, with the hub's own target policy
// (HUB_NOTIFY_ALLOW_PRIVATE_TARGETS).
import { parseArgs } from 'node:util';
import type { NotificationPreferences } from '../../core/sync/wire-protocol';
import { WEBHOOK_FORMATS } from '../../core/sync/wire-protocol';
import type { HubStore } from '../store/hub-store';
import { notificationConfig } from './config';
import type { OutboxState } from './outbox';
import { OUTBOX_STATES } from './outbox';
import { checkPreferences, readPreferences } from './preferences';

export class NotificationUsageError extends Error {}

export async function notificationsCommand(store: HubStore, args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { state: { type: 'string' }, limit: { type: 'string' } },
  });
  if (positionals[0] === 'retry') {
    const id = positionals[1];
    if (id === undefined) throw new NotificationUsageError('notifications retry needs an id');
    if (!(await store.notifications.retryNotification(id, new Date().toISOString()))) {
      throw new NotificationUsageError(`there is no failed notification ${id}`);
    }
    console.log(`Notification ${id} is due again.`);
    return;
  }
  const state = values.state as OutboxState | undefined;
  if (state !== undefined && !OUTBOX_STATES.includes(state)) {
    throw new NotificationUsageError(`--state is one of ${OUTBOX_STATES.join(', ')}`);
  }
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new NotificationUsageError('--limit is a whole number');
  }
  const counts = await store.notifications.notificationCounts();
  console.log(OUTBOX_STATES.map((name) => `${name}: ${counts[name]}`).join(', '));
  const rows = await store.notifications.listNotifications({
    ...(state === undefined ? {} : { states: [state] }),
    limit,
  });
  for (const row of rows) {
    const error = row.lastError === null ? '' : `  (${row.lastError})`;
    console.log(
      `${row.id}  ${row.state.padEnd(7)} ${row.attempts}x  ${row.format.padEnd(7)} ${row.target}  ${row.subject}${error}`,
    );
  }
}

export async function preferencesCommand(store: HubStore, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      language: { type: 'string' },
      email: { type: 'string' },
      'no-email': { type: 'boolean' },
      causes: { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'no-webhooks': { type: 'boolean' },
    },
  });
  if (values.user === undefined) {
    throw new NotificationUsageError('notification-preferences needs --user <user id>');
  }
  const user = await store.getUser(values.user);
  if (!user) throw new NotificationUsageError(`there is no user ${values.user}`);
  const current = (await readPreferences(store.notifications, user.userId)).preferences;
  const changes = [
    values.language,
    values.email,
    values['no-email'],
    values.causes,
    values.webhook,
    values['no-webhooks'],
  ].some((value) => value !== undefined);
  if (changes) {
    const webhooks = (values.webhook ?? []).map((text) => {
      const at = text.indexOf('=');
      const format = text.slice(0, at);
      if (at < 0 || !(WEBHOOK_FORMATS as readonly string[]).includes(format)) {
        throw new NotificationUsageError(
          `--webhook is <format>=<url> with format ${WEBHOOK_FORMATS.join(', ')}: "${text}"`,
        );
      }
      return { format, url: text.slice(at + 1) };
    });
    const next = {
      ...current,
      ...(values.language === undefined ? {} : { language: values.language }),
      ...(values.email === undefined ? {} : { email: values.email }),
      ...(values['no-email'] === true ? { email: null } : {}),
      ...(values.causes === undefined
        ? {}
        : {
            causes: values.causes
              .split(',')
              .map((cause) => cause.trim())
              .filter(Boolean),
          }),
      ...(values['no-webhooks'] === true ? { webhooks: [] } : {}),
      ...(webhooks.length > 0 ? { webhooks: [...current.webhooks, ...webhooks] } : {}),
    };
    const policy = { allowPrivate: notificationConfig().allowPrivateTargets };
    let checked: NotificationPreferences;
    try {
      checked = checkPreferences(next, policy);
    } catch (error) {
      const details = (error as { details?: string[] }).details ?? [];
      throw new NotificationUsageError(
        [(error as Error).message, ...details.map((detail) => `  ${detail}`)].join('\n'),
      );
    }
    await store.notifications.setNotificationPreferences(
      user.userId,
      checked,
      new Date().toISOString(),
    );
  }
  const shown = await readPreferences(store.notifications, user.userId);
  console.log(
    `${user.name} (${user.userId})${shown.stored ? '' : ' has not chosen yet; defaults:'}`,
  );
  console.log(JSON.stringify(shown.preferences, null, 2));
}
