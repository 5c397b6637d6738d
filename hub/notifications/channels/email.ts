// E-mail over SMTP with nodemailer: one message per notification, plain text with a simple HTML
// alternative, and a Message-ID derived from the notification id, the same on every retry, so a
// duplicate (the hub died between the server's "250 OK" and marking the row sent) is recognisable
// as the same message. Delivered means the SMTP server accepted the message for the recipient;
// an SMTP 5xx answer (mailbox unknown, message refused) is permanent, anything else (server
// down, 4xx, timeouts) is tried again later.
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { EmailPayload } from '../outbox';
import { messageIdOf } from '../outbox';
import type { DeliveryChannel, DeliveryResult } from './delivery';

export interface SmtpSettings {
  /** smtp://user:password@host:port or smtps://… (nodemailer's connection URL). */
  url: string;
  /** The From header: "Go-live hub <hub@example.com>". */
  from: string;
  /** Per-connection timeouts, in ms (kept well under the sender's claim lease). */
  timeoutMs?: number;
}

/** The domain of the From address, for Message-IDs. */
export function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'golive-hub.invalid';
}

/**
 * smtp://[user:password@]host[:port] (STARTTLS when the server offers it) or smtps://… (TLS from
 * the start, port 465 by default).
 */
export function smtpConnection(text: string): {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
} {
  const url = new URL(text);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`HUB_SMTP_URL must be smtp:// or smtps://, not ${url.protocol}//`);
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...(url.username === ''
      ? {}
      : {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }),
  };
}

function smtpCode(error: unknown): number | undefined {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' ? code : undefined;
}

export class EmailChannel implements DeliveryChannel {
  private readonly transport: Transporter;
  private readonly domain: string;

  constructor(private readonly settings: SmtpSettings) {
    const timeout = settings.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      ...smtpConnection(settings.url),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    this.domain = domainOf(settings.from);
  }

  async deliver(notification: {
    id: string;
    target: string;
    subject: string;
    payload: string;
  }): Promise<DeliveryResult> {
    const body = JSON.parse(notification.payload) as EmailPayload;
    try {
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: notification.target,
        subject: notification.subject,
        text: body.text,
        html: body.html,
        messageId: messageIdOf(notification.id, this.domain),
        headers: { 'X-Golive-Notification-Id': notification.id },
      });
      const accepted = (info.accepted as (string | { address: string })[]).map((entry) =>
        typeof entry === 'string' ? entry : entry.address,
      );
      if (!accepted.includes(notification.target)) {
        return {
          ok: false,
          permanent: true,
          error: `the SMTP server did not accept ${notification.target}: ${String(info.response)}`,
        };
      }
      return { ok: true, detail: String(info.response) };
    } catch (error) {
      const code = smtpCode(error);
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        permanent: code !== undefined && code >= 500 && code < 600,
        error: `SMTP: ${message}`,
      };
    }
  }

  close(): void {
    this.transport.close();
  }
}
