// Lingering close of a refused upload (RFC 9112 section 9.6; nginx's lingering_close). When the hub
// answers before it has read a request's body (401, 403, 404, 413, 415, 426, 429: body-policy.ts),
// the client is usually still sending it. Closing the socket then, with bytes it sent still unread,
// makes the kernel answer with a reset, and a client that has not read the answer yet (it was busy
// writing, on a busy machine or a slow link) sees a broken connection instead of the status that
// says what is wrong; on Windows the reset even discards an answer already received.
// So such an answer says `Connection: close`, and the hub closes in stages: it half-closes (the
// client reads the answer, then the end of it), then reads and throws away (never keeps) what the
// client still sends, until the client closes its side, the declared body has all arrived, the
// client goes quiet for IDLE_MS (it has read the answer and stopped), or LINGER_MS or LINGER_BYTES
// are reached (a client that never stops costs a bounded time and no memory). Only then is the
// socket destroyed.
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hasBody } from './body-policy';

export const LINGER_LIMITS = {
  /** The longest a refused upload is drained (nginx's lingering_time). */
  totalMs: 30_000,
  /** A client that sends nothing for this long has stopped (nginx's lingering_timeout). */
  idleMs: 5_000,
  /**
   * The most that is read and thrown away. More than a client can have in flight when it reads the
   * answer and stops (its send buffer and our receive buffer: Linux grows a loopback receive buffer
   * up to net.ipv4.tcp_rmem's maximum, 32 MiB by default), so only a client that ignores the answer
   * meets it. Draining costs about a millisecond per MiB of CPU.
   */
  bytes: 64 * 1024 * 1024,
};

/** True when the hub answers this request without having read all of its body. */
export function answersBeforeBody(request: FastifyRequest): boolean {
  return hasBody(request) && !request.raw.complete;
}

/**
 * Takes over the close of this request's connection: Node's HTTP server closes a connection after
 * a `Connection: close` answer with socket.destroySoon() (end, then destroy once flushed), which
 * would reset it while the client is still sending; this socket's destroySoon lingers instead.
 */
function lingerAfterAnswer(message: IncomingMessage, lingering: Map<Socket, () => void>): void {
  const { socket } = message;
  if (socket.destroyed || lingering.has(socket)) return;
  const nodeDestroySoon = socket.destroySoon;
  let discarded = 0;
  let started = false;
  let total: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;

  // Listeners come off again; the socket may outlive this request by a few ticks.
  const cleanUp = (): void => {
    clearTimeout(total);
    clearTimeout(idle);
    message.off('data', onData);
    message.off('end', stop);
    socket.off('end', stop);
    socket.off('close', cleanUp);
    socket.destroySoon = nodeDestroySoon;
    lingering.delete(socket);
  };
  const close = (): void => {
    cleanUp();
    socket.destroy();
  };
  // Until the answer is out, Node closes as it would have; after, each way out closes at once.
  const stop = (): void => {
    if (started) close();
  };
  const onData = (chunk: Buffer): void => {
    discarded += chunk.length;
    idle?.refresh();
    if (discarded > LINGER_LIMITS.bytes) stop();
  };
  const start = (): void => {
    if (started || socket.destroyed) return;
    started = true;
    // Nothing more will come (all of the body, or the client's end), or too much came already.
    if (message.complete || socket.readableEnded || discarded > LINGER_LIMITS.bytes) {
      cleanUp();
      socket.destroySoon();
      return;
    }
    socket.end();
    total = setTimeout(close, LINGER_LIMITS.totalMs).unref();
    idle = setTimeout(close, LINGER_LIMITS.idleMs).unref();
  };

  // Reading from now on, with a listener that counts and drops each chunk, also keeps Node from
  // "dumping" the body (reading it where no one can count it). Resumed explicitly: a body that
  // was piped into a parser that gave up is paused.
  message.on('data', onData);
  message.once('end', stop);
  message.resume();
  socket.once('end', stop);
  socket.once('close', cleanUp);
  socket.destroySoon = start;
  lingering.set(socket, start);
}

export function registerLinger(app: FastifyInstance): void {
  /** Each lingering socket, with the function that starts its lingering. */
  const lingering = new Map<Socket, () => void>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (answersBeforeBody(request)) {
      reply.header('connection', 'close');
      lingerAfterAnswer(request.raw, lingering);
    }
    return payload;
  });
  // The answer is out. Node has called destroySoon by now; should it ever close another way,
  // the lingering starts here.
  app.addHook('onResponse', async (request) => {
    lingering.get(request.raw.socket)?.();
  });
  // Shutting down: nothing is waited for.
  app.addHook('preClose', async () => {
    for (const socket of [...lingering.keys()]) socket.destroy();
  });
}
