// The sync engine's transport over fetch: the hub's base URL, the wire-protocol version header and
// the device token on every request, a hard timeout (AbortSignal.timeout covers the answer's body
// too), no cookies, no redirects. No HTTP answer -> TransportError ('timeout' or 'network'); every
// HTTP answer, 5xx included, is returned for the engine to judge.
// The hub must allow the app's origin (CORS: app://bundle, the web-mode origin) and expose
// Retry-After, x-report-hash and x-definition-hash, or the browser hides them from us.
import type { HubRequest, HubResponse, Transport } from '../../core/sync';
import { PROTOCOL_HEADER, TransportError, WIRE_PROTOCOL_VERSION } from '../../core/sync';

export interface FetchTransportOptions {
  /** http(s)://host[:port], without a trailing slash (normalizeHubUrl). */
  baseUrl: string;
  /** The device token from enrollment; absent for health and enroll. */
  token?: string;
  fetch?: typeof fetch;
}

export function createFetchTransport(options: FetchTransportOptions): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (request: HubRequest): Promise<HubResponse> => {
    const headers: Record<string, string> = { [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION) };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (request.contentType !== undefined) headers['content-type'] = request.contentType;
    const signal = AbortSignal.timeout(request.timeoutMs);
    try {
      const response = await fetchImpl(`${base}${request.path}`, {
        method: request.method,
        headers,
        body: request.body as Uint8Array<ArrayBuffer> | undefined,
        signal,
        redirect: 'error',
        credentials: 'omit',
        cache: 'no-store',
      });
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, header: (name) => response.headers.get(name), body };
    } catch (error) {
      if (signal.aborted) {
        throw new TransportError(
          'timeout',
          `No answer from the hub within ${request.timeoutMs} ms.`,
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new TransportError('network', `The hub could not be reached: ${message}`);
    }
  };
}
