// What a channel says after one attempt: delivered (the SMTP server accepted the message, the
// webhook answered 2xx), or not, and then whether trying again can help.
export type DeliveryResult =
  | { ok: true; detail: string }
  | {
      ok: false;
      /** True when the same request can never succeed (a refused target, a 4xx, an SMTP 5xx). */
      permanent: boolean;
      error: string;
      /** The receiver's Retry-After, in ms, when it gave one. */
      retryAfterMs?: number;
    };

export interface DeliveryChannel {
  deliver(notification: {
    id: string;
    target: string;
    subject: string;
    payload: string;
  }): Promise<DeliveryResult>;
  close?(): void;
}
