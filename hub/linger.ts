// A refused upload is drained briefly before its connection is closed. Answering and closing at
// once would make the client's next write fail (EPIPE, ECONNRESET) before it reads the answer, so
// it would see a network error instead of the 401/403/413/415 that says what is wrong. After the
// answer is sent the hub reads and throws away what still arrives (nothing is kept), for at most
// LINGER_BYTES or LINGER_MS, the time a client needs to read the answer and stop sending; then it
// destroys the socket, whatever length was declared. A client that stops at the answer keeps its
// connection.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { hasBody } from './body-policy';

const LINGER_BYTES = 8 * 1024 * 1024;
const LINGER_MS = 2_000;

function drainThenClose(message: IncomingMessage): void {
  const { socket } = message;
  let discarded = 0;
  const onData = (chunk: Buffer): void => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) close();
  };
  // Listeners come off again: a kept-alive socket carries many requests.
  const done = (): void => {
    clearTimeout(timer);
    message.off('data', onData);
    message.off('end', done);
    socket.off('close', done);
  };
  const close = (): void => {
    done();
    socket.destroy();
  };
  const timer = setTimeout(close, LINGER_MS);
  message.on('data', onData);
  message.once('end', done);
  socket.once('close', done);
  message.resume();
}

export function registerLinger(app: FastifyInstance): void {
  app.addHook('onResponse', async (request) => {
    if (hasBody(request) && !request.raw.complete) drainThenClose(request.raw);
  });
}
