// The one way the sync engine reaches the hub: a fetch-like function injected by the adapter
// (renderer/sync/fetch-transport.ts in the app, a node fetch in tests). The core never sees fetch,
// timers or AbortSignal: the adapter enforces `timeoutMs` (with an AbortSignal) and adds the base
// URL, PROTOCOL_HEADER and the device token. A request that got no HTTP answer rejects with
// TransportError; every HTTP answer, 5xx included, resolves.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { decodeUtf8Strict } from '../reports/utf8';
import type { ErrorResponse } from './wire-protocol';

export interface HubRequest {
  method: 'GET' | 'POST';
  /** Path and query, starting with "/" (PATHS of wire-protocol.ts). */
  path: string;
  body?: Uint8Array;
  contentType?: string;
  /** Give up (TransportError 'timeout') when no full answer arrived within this. */
  timeoutMs: number;
}

export interface HubResponse {
  status: number;
  /** Header lookup, case-insensitive, like fetch's Headers.get. */
  header(name: string): string | null;
  body: Uint8Array;
}

export type Transport = (request: HubRequest) => Promise<HubResponse>;

export type TransportErrorKind = 'timeout' | 'network';

/** No HTTP answer: the hub was not reached, the connection broke, or the time ran out. */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export function jsonBody(value: unknown): Uint8Array {
  return utf8ToBytes(JSON.stringify(value));
}

/** The answer's JSON, or undefined when it is not UTF-8 JSON. */
export function readJson(response: HubResponse): unknown {
  const text = decodeUtf8Strict(response.body);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function readText(response: HubResponse): string | undefined {
  return decodeUtf8Strict(response.body);
}

/** The hub's ErrorResponse, when the answer is one. */
export function readError(response: HubResponse): ErrorResponse | undefined {
  const value = readJson(response);
  if (typeof value !== 'object' || value === null) return undefined;
  const { error, message, details } = value as Record<string, unknown>;
  if (typeof error !== 'string' || typeof message !== 'string') return undefined;
  const list = Array.isArray(details)
    ? details.filter((d): d is string => typeof d === 'string')
    : [];
  return list.length > 0
    ? ({ error, message, details: list } as ErrorResponse)
    : ({ error, message } as ErrorResponse);
}

/** The hub's sentence for people (with its details), or undefined when it sent none. */
export function hubMessage(response: HubResponse): string | undefined {
  const error = readError(response);
  if (!error) return undefined;
  const details = error.details?.slice(0, 5).join('; ');
  return details ? `${error.message} (${details})` : error.message;
}
