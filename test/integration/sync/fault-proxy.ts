// A fault-injecting HTTP proxy on 127.0.0.1 between the sync engine and a real hub. At rate p, a
// request meets one fault, chosen with a seeded random source:
//   drop-before       the connection is cut before anything reaches the hub
//   commit-then-drop  the hub stores it, the answer is cut (the case exactly-once is about)
//   commit-then-500   the hub stores it, the client is told 500
//   status-500/503    answered by the proxy, never forwarded (503 with Retry-After: 0)
//   status-429        answered by the proxy with Retry-After (seconds)
//   hang              no answer until the client gives up; never forwarded
//   hang-then-commit  no answer; forwarded once the client has given up (a late commit)
//   duplicate         forwarded twice at once (the hub sees a concurrent duplicate)
//   reorder           held past the client's timeout, then forwarded: the client's retry (or a
//                     later request) overtakes it, and the stale original arrives afterwards
// It also counts what the hub answered 201 to per report revision: more than one means stored twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAULTS = [
  'drop-before',
  'commit-then-drop',
  'commit-then-500',
  'status-500',
  'status-503',
  'status-429',
  'hang',
  'hang-then-commit',
  'duplicate',
  'reorder',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxyOptions {
  target: string;
  random: () => number;
  /** The client's request timeout: hangs and reorders outlast it. */
  clientTimeoutMs: number;
  retryAfterSeconds: number;
  /** The faults to choose from (default: every one of FAULTS). */
  faults?: readonly Fault[];
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface FaultProxy {
  url: string;
  rate: number;
  /** Faults injected, by kind. */
  injected: Map<Fault, number>;
  /** 201 answers of the hub per `${reportId}@${revision}` (stored once means exactly 1). */
  created: Map<string, number>;
  forwarded: number;
  /** Waits until no delayed forward is still on its way. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

const HOP_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'keep-alive',
  'transfer-encoding',
]);

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const pending = new Set<Promise<unknown>>();
  const proxy: FaultProxy = {
    url: '',
    rate: 0,
    injected: new Map(),
    created: new Map(),
    forwarded: 0,
    settle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: async () => undefined,
  };

  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    void work.finally(() => pending.delete(work)).catch(() => undefined);
    return work;
  }

  async function forward(request: http.IncomingMessage, body: Buffer): Promise<Upstream> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !HOP_HEADERS.has(name)) headers[name] = value;
    }
    proxy.forwarded += 1;
    const answer = await fetch(`${options.target}${request.url ?? '/'}`, {
      method: request.method,
      headers,
      body:
        request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(body),
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    const upstream: Upstream = {
      status: answer.status,
      headers: Object.fromEntries([...answer.headers].filter(([name]) => !HOP_HEADERS.has(name))),
      body: bytes,
    };
    if (request.method === 'POST' && request.url === '/v1/reports' && upstream.status === 201) {
      const receipt = JSON.parse(bytes.toString('utf8')) as { reportId: string; revision: number };
      const key = `${receipt.reportId}@${receipt.revision}`;
      proxy.created.set(key, (proxy.created.get(key) ?? 0) + 1);
    }
    return upstream;
  }

  function reply(response: http.ServerResponse, upstream: Upstream): void {
    if (response.destroyed || response.writableEnded) return;
    response.writeHead(upstream.status, upstream.headers);
    response.end(upstream.body);
  }

  function answer(
    response: http.ServerResponse,
    status: number,
    headers: Record<string, string> = {},
  ) {
    const body = Buffer.from(
      JSON.stringify({ error: 'internal-error', message: `Injected ${status}.` }),
    );
    reply(response, { status, headers: { 'content-type': 'application/json', ...headers }, body });
  }

  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    body: Buffer,
  ) {
    const isFault = proxy.rate > 0 && options.random() < proxy.rate;
    const kinds = options.faults ?? FAULTS;
    const fault = isFault ? kinds[Math.floor(options.random() * kinds.length)] : undefined;
    if (fault) proxy.injected.set(fault, (proxy.injected.get(fault) ?? 0) + 1);
    switch (fault) {
      case undefined:
        return reply(response, await forward(request, body));
      case 'drop-before':
        return void request.socket.destroy();
      case 'commit-then-drop':
        await forward(request, body);
        return void request.socket.destroy();
      case 'commit-then-500':
        await forward(request, body);
        return answer(response, 500);
      case 'status-500':
        return answer(response, 500);
      case 'status-503':
        return answer(response, 503, { 'retry-after': '0' });
      case 'status-429':
        return answer(response, 429, { 'retry-after': String(options.retryAfterSeconds) });
      case 'hang':
        await later(options.clientTimeoutMs * 2);
        return void request.socket.destroy();
      case 'hang-then-commit':
        await later(options.clientTimeoutMs * 1.5);
        await forward(request, body);
        return void request.socket.destroy();
      case 'duplicate': {
        const [first] = await Promise.all([forward(request, body), forward(request, body)]);
        return reply(response, first);
      }
      case 'reorder':
        await later(options.clientTimeoutMs * 1.5);
        return reply(response, await forward(request, body));
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void track(
        handle(request, response, Buffer.concat(chunks)).catch(() => {
          if (!response.destroyed) request.socket.destroy();
        }),
      );
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    await proxy.settle();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
