// The notifications' settings, from the environment (docs/hub.md and hub/README.md list them):
//   HUB_SMTP_URL                      smtp://user:password@host:587 or smtps://…:465; unset: no e-mail
//   HUB_MAIL_FROM                     From header, default "Go-live hub <golive-hub@localhost>"
//   HUB_NOTIFY                        0: this instance sends nothing (another instance does)
//   HUB_NOTIFY_INTERVAL_SECONDS       how often the outbox and the scans run, default 15
//   HUB_NOTIFY_MAX_ATTEMPTS           attempts before a notification is 'failed', default 8
//   HUB_NOTIFY_REMINDER_HOURS         a countersign reminder after this wait, default 24
//   HUB_NOTIFY_DIGEST_HOUR            UTC hour from which the daily digests go out, default 7
//   HUB_NOTIFY_ALLOW_PRIVATE_TARGETS  1: webhooks may target loopback/private/link-local addresses
import type { SmtpSettings } from './channels/email';
import { smtpConnection } from './channels/email';

export interface NotificationConfig {
  enabled: boolean;
  smtp: SmtpSettings | undefined;
  intervalMs: number;
  maxAttempts: number;
  reminderAfterMs: number;
  digestHourUtc: number;
  allowPrivateTargets: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return fallback;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  throw new Error(`${name} must be 1 or 0, not "${text}".`);
}

export function notificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const url = env.HUB_SMTP_URL?.trim();
  if (url) smtpConnection(url); // refuse a malformed URL at start, not at the first send
  return {
    enabled: flag(env, 'HUB_NOTIFY', true),
    smtp: url
      ? { url, from: env.HUB_MAIL_FROM?.trim() || 'Go-live hub <golive-hub@localhost>' }
      : undefined,
    intervalMs: integer(env, 'HUB_NOTIFY_INTERVAL_SECONDS', 15, 1, 3_600) * 1_000,
    maxAttempts: integer(env, 'HUB_NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
    reminderAfterMs: integer(env, 'HUB_NOTIFY_REMINDER_HOURS', 24, 1, 24 * 90) * 3_600_000,
    digestHourUtc: integer(env, 'HUB_NOTIFY_DIGEST_HOUR', 7, 0, 23),
    allowPrivateTargets: flag(env, 'HUB_NOTIFY_ALLOW_PRIVATE_TARGETS', false),
  };
}
