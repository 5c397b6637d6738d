// Tools for the hub's early-refusal tests: a client that streams a very large body (one reused
// chunk, so the client itself allocates nothing) from a worker thread and stops the moment the hub
// answers, recording how many bytes it had sent by then and how long the answer took; a
// health-check loop that runs alongside and times every answer; and a sampler of this process's
// memory (the hub runs in the test's process).
import { once } from 'node:events';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { PATHS, PROTOCOL_HEADER, WIRE_PROTOCOL_VERSION } from '../../../core/sync/wire-protocol';

export interface StreamAttack {
  url: string;
  path: string;
  token?: string;
  contentType: string;
  /** Bytes the client is prepared to send. */
  totalBytes: number;
  /** Send Content-Length: totalBytes (true) or stream chunked with no length (false). */
  declareLength: boolean;
  /** Claim this Content-Length instead of totalBytes (a lie the hub must not wait for). */
  claimedLength?: number;
  /**
   * Read nothing until this many bytes of the body are sent: a client that looks for an answer
   * only now and then, or one held up on a busy machine (0: reads before each write).
   */
  readsAfterBytes?: number;
}

export interface AttackOutcome {
  /** 0: no answer, the connection broke first (json.message says how). */
  status: number;
  json: Record<string, unknown>;
  /** The answer's Connection header, lower case ('' when absent). */
  connection: string;
  /**
   * How the connection ended after the client read the answer, stopped sending and closed its
   * side: 'clean' when the hub closed it in turn, or the error the client met (a reset: the hub
   * closed with bytes of the body unread, so a slower client would have lost the answer).
   */
  ending: string;
  /** Bytes of the body the client had written when the answer arrived. */
  sentAtAnswer: number;
  totalBytes: number;
  msToAnswer: number;
  /** From the first byte sent to the connection's close. */
  msToClose: number;
  /** Bytes of the body the client had written when the connection closed. */
  sentAtClose: number;
}

/**
 * The client, in plain JavaScript, run in a worker thread: its write loop must not hold up the
 * event loop of this process, where the hub runs, or the hub would seem slow to answer.
 * A raw TCP socket, so what the hub sent is read whatever the scheduling: each turn of the event
 * loop first reads what has arrived (Node polls sockets before it runs setImmediate callbacks),
 * then writes one chunk; the client stops writing as soon as the first byte of an answer is in.
 * The body is one valid JSON array, `[0,0,…,0]`, written from one reused chunk of `0,` (with a
 * length, or chunked).
 */
const CLIENT = `
const net = require('node:net');
const { performance } = require('node:perf_hooks');
const { parentPort, workerData: attack } = require('node:worker_threads');
const CHUNK_BYTES = 256 * 1024;
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from('0]');
const CHUNK = Buffer.alloc(CHUNK_BYTES, '0,');
const totalBytes = attack.totalBytes;
const url = new URL(attack.url);
const head = ['POST ' + attack.path + ' HTTP/1.1', 'Host: ' + url.host];
for (const [name, value] of Object.entries(attack.headers)) head.push(name + ': ' + value);
if (attack.declareLength) head.push('Content-Length: ' + (attack.claimedLength ?? totalBytes));
else head.push('Transfer-Encoding: chunked');
const started = performance.now();
let sent = 0;
let answered = false;
let sentAtAnswer = 0;
let msToAnswer = 0;
let received = Buffer.alloc(0);
let answer;
let failure;
let ended = false;

const readsAfterBytes = Math.min(attack.readsAfterBytes ?? 0, totalBytes);
const socket = net.connect(Number(url.port), url.hostname);
socket.setNoDelay(true);
if (readsAfterBytes > 0) socket.pause();

/** The answer, once its head and its Content-Length of body are in. */
function parse() {
  const headEnd = received.indexOf('\\r\\n\\r\\n');
  if (headEnd < 0) return undefined;
  const lines = received.subarray(0, headEnd).toString('latin1').split('\\r\\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (received.length < headEnd + 4 + length) return undefined;
  const text = received.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  return { status, text, connection: (headers['connection'] ?? '').toLowerCase() };
}

function report() {
  parentPort.postMessage({
    status: answer ? answer.status : 0,
    text: answer
      ? answer.text
      : JSON.stringify({ error: 'no-answer', message: String(failure ?? 'closed without an answer') }),
    connection: answer ? answer.connection : '',
    ending: failure ? (failure.code ?? String(failure)) : ended ? 'clean' : 'closed without end',
    sentAtAnswer,
    totalBytes,
    msToAnswer,
    msToClose: performance.now() - started,
    sentAtClose: sent,
  });
}

socket.on('data', (chunk) => {
  if (!answered) {
    answered = true;
    sentAtAnswer = sent;
    msToAnswer = performance.now() - started;
  }
  received = Buffer.concat([received, chunk]);
  if (answer === undefined) {
    answer = parse();
    // Read it all: stop sending, and say so.
    if (answer !== undefined) socket.end();
  }
});
socket.on('end', () => {
  ended = true;
});
socket.on('error', (error) => {
  failure = error;
});
socket.on('close', report);

const middleEnd = totalBytes - CLOSE.length;
const next = () => {
  if (sent === 0) return OPEN;
  if (sent >= middleEnd) return CLOSE;
  return CHUNK.subarray(0, Math.min(CHUNK_BYTES, middleEnd - sent));
};
const framed = (chunk) =>
  attack.declareLength
    ? [chunk]
    : [Buffer.from(chunk.length.toString(16) + '\\r\\n'), chunk, Buffer.from('\\r\\n')];
const write = (buffers) => {
  let writable = true;
  for (const buffer of buffers) writable = socket.write(buffer);
  return writable;
};
const pump = () => {
  if (answered || socket.destroyed) return;
  if (sent >= totalBytes) {
    if (!attack.declareLength) socket.write('0\\r\\n\\r\\n');
    return;
  }
  const chunk = next();
  const writable = write(framed(chunk));
  sent += chunk.length;
  if (sent >= readsAfterBytes && socket.isPaused()) socket.resume();
  if (writable) setImmediate(pump);
  else socket.once('drain', pump);
};
socket.once('connect', () => {
  socket.write(head.join('\\r\\n') + '\\r\\n\\r\\n');
  setImmediate(pump);
});
`;

/** `[` + an even number of bytes of `0,` + `0]`: the size asked for, rounded down to fit. */
function roundedTotal(totalBytes: number): number {
  return 1 + ((totalBytes - 3) & ~1) + 2;
}

export async function streamAttack(attack: StreamAttack): Promise<AttackOutcome> {
  const headers: Record<string, string> = {
    [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
    'content-type': attack.contentType,
  };
  if (attack.token !== undefined) headers.authorization = `Bearer ${attack.token}`;
  const worker = new Worker(CLIENT, {
    eval: true,
    workerData: { ...attack, headers, totalBytes: roundedTotal(attack.totalBytes) },
  });
  try {
    const [message] = (await once(worker, 'message')) as [
      { text: string } & Omit<AttackOutcome, 'json'>,
    ];
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(message.text) as Record<string, unknown>;
    } catch {
      json = { unparsed: message.text.slice(0, 200) };
    }
    return {
      status: message.status,
      json,
      connection: message.connection,
      ending: message.ending,
      sentAtAnswer: message.sentAtAnswer,
      totalBytes: message.totalBytes,
      msToAnswer: message.msToAnswer,
      msToClose: message.msToClose,
      sentAtClose: message.sentAtClose,
    };
  } finally {
    await worker.terminate();
  }
}

export interface ClaimedLength {
  url: string;
  path: string;
  token?: string;
  contentType: string;
  /** The Content-Length claimed; only a small part of it is ever sent. */
  claimedLength: number;
}

/**
 * A request that claims a long body and sends 64 KiB of it: the answer must come from the headers
 * alone (a hub that waited for the body would never answer). In this process: 64 KiB fits the
 * socket's buffers, so no write loop holds up the hub.
 */
export function claimLength(claim: ClaimedLength): Promise<number> {
  return new Promise((resolve, reject) => {
    const agent = new http.Agent({ keepAlive: true });
    const headers: Record<string, string> = {
      [PROTOCOL_HEADER]: String(WIRE_PROTOCOL_VERSION),
      'content-type': claim.contentType,
      'content-length': String(claim.claimedLength),
    };
    if (claim.token !== undefined) headers.authorization = `Bearer ${claim.token}`;
    const request = http.request(`${claim.url}${claim.path}`, { method: 'POST', headers, agent });
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        request.destroy();
        agent.destroy();
        resolve(response.statusCode ?? 0);
      });
    });
    request.on('error', reject);
    request.write(Buffer.alloc(64 * 1024, '0'));
  });
}

export interface HealthSample {
  startedAt: number;
  endedAt: number;
  status: number;
}

/** Times GET /v1/health back to back until stop() is called (status 0: no answer). */
export function healthLoop(url: string): { stop(): Promise<HealthSample[]> } {
  const samples: HealthSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const startedAt = performance.now();
      let status = 0;
      try {
        const response = await fetch(`${url}${PATHS.health}`);
        await response.arrayBuffer();
        status = response.status;
      } catch {
        // No answer at all: recorded as status 0.
      }
      samples.push({ startedAt, endedAt: performance.now(), status });
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The peak growth of this process's RSS and of its heap plus buffers, in MB. */
export function memorySampler(): { stop(): { rssMb: number; heapAndBuffersMb: number } } {
  const base = process.memoryUsage();
  const baseHeap = base.heapUsed + base.arrayBuffers;
  let rss = 0;
  let heap = 0;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss - base.rss);
    heap = Math.max(heap, now.heapUsed + now.arrayBuffers - baseHeap);
  };
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { rssMb: rss / 2 ** 20, heapAndBuffersMb: heap / 2 ** 20 };
    },
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.floor(sorted.length / 2)] as number);
}
