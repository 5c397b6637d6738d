// Webhooks: one POST of the stored JSON body (the same bytes on every retry) with the
// notification id as Idempotency-Key, through a lookup that refuses inward addresses
// (target-policy.ts). Delivered means a 2xx answer. Redirects are not followed (a 3xx could point
// inward), 4xx answers are permanent except 408 and 429, 5xx and network errors are tried again,
// honouring Retry-After. Only the status is read; the body is discarded unread beyond a few KB.
import http from 'node:http';
import https from 'node:https';
import { parseRetryAfter } from '../../../core/sync/backoff';
import type { Resolve, TargetPolicy } from '../target-policy';
import { RefusedTargetError, guardedLookup, webhookUrlProblem } from '../target-policy';
import type { DeliveryChannel, DeliveryResult } from './delivery';

export interface WebhookSettings {
  policy: TargetPolicy;
  /** Name resolution (dns.lookup unless a test gives another). */
  resolve?: Resolve;
  timeoutMs?: number;
  userAgent?: string;
}

export class WebhookChannel implements DeliveryChannel {
  constructor(private readonly settings: WebhookSettings) {}

  deliver(notification: { id: string; target: string; payload: string }): Promise<DeliveryResult> {
    const problem = webhookUrlProblem(notification.target, this.settings.policy);
    if (problem !== undefined) {
      return Promise.resolve({ ok: false, permanent: true, error: `the webhook URL ${problem}` });
    }
    const url = new URL(notification.target);
    const body = Buffer.from(notification.payload, 'utf8');
    const client = url.protocol === 'https:' ? https : http;
    const timeout = this.settings.timeoutMs ?? 15_000;
    return new Promise((resolve) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: guardedLookup(this.settings.policy, this.settings.resolve),
          timeout,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': String(body.length),
            'idempotency-key': notification.id,
            'user-agent': this.settings.userAgent ?? 'golive-hub',
          },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('error', () => undefined);
          if (status >= 200 && status < 300) {
            resolve({ ok: true, detail: `HTTP ${status}` });
            return;
          }
          const retryAfterMs = parseRetryAfter(
            response.headers['retry-after'] ?? undefined,
            new Date(),
          );
          const transient = status >= 500 || status === 408 || status === 429;
          resolve({
            ok: false,
            permanent: !transient,
            error:
              status >= 300 && status < 400
                ? `HTTP ${status}: webhooks are not redirected; give the final URL`
                : `HTTP ${status}`,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          });
        },
      );
      request.on('timeout', () => {
        request.destroy(new Error(`no answer within ${timeout} ms`));
      });
      request.on('error', (error) => {
        resolve({
          ok: false,
          permanent: error instanceof RefusedTargetError,
          error: `webhook: ${error.message}`,
        });
      });
      request.end(body);
    });
  }
}
