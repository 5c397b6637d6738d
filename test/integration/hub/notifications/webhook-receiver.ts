// A local HTTP receiver for webhook tests: records every POST (path, headers, parsed JSON body) and
// answers with the statuses the test scripts (200 once the script runs out).
import type { IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:http';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface WebhookReceiver {
  url(path: string): string;
  received: ReceivedHook[];
  /** Statuses to answer, in order; 200 after them. */
  script: number[];
  /** How long to wait before answering (a slow receiver keeps concurrent senders overlapping). */
  delay: { ms: number };
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const script: number[] = [];
  const delay = { ms: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      setTimeout(() => answer(), delay.ms);
    });
    const answer = () => {
      const status = script.shift() ?? 200;
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 200 ? 'ok' : 'not now');
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    script,
    delay,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
