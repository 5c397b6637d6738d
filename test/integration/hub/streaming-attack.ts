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
}

export interface AttackOutcome {
  /** 0: no answer, the connection broke first (json.message says how). */
  status: number;
  json: Record<string, unknown>;
  /** Bytes of the body the client had written when the answer arrived. */
  sentAtAnswer: number;
  totalBytes: number;
  msToAnswer: number;
}

/**
 * The client, in plain JavaScript, run in a worker thread: its write loop must not hold up the
 * event loop of this process, where the hub runs, or the hub would seem slow to answer.
 * The body is one valid JSON array, `[0,0,…,0]`, written from one reused chunk of `0,`.
 */
const CLIENT = `
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { parentPort, workerData: attack } = require('node:worker_threads');
const CHUNK_BYTES = 256 * 1024;
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from('0]');
const CHUNK = Buffer.alloc(CHUNK_BYTES, '0,');
const totalBytes = attack.totalBytes;
const headers = { ...attack.headers };
if (attack.declareLength) headers['content-length'] = String(attack.claimedLength ?? totalBytes);
const started = performance.now();
let sent = 0;
let answered = false;
// Keep-alive, as browsers and fetch ask: with Connection: close the hub closes right after its
// answer, and a client still writing may meet the closed socket before it reads the answer.
const agent = new http.Agent({ keepAlive: true });
const request = http.request(attack.url + attack.path, { method: 'POST', headers, agent });
request.on('response', (response) => {
  answered = true;
  const sentAtAnswer = sent;
  const msToAnswer = performance.now() - started;
  const chunks = [];
  response.on('data', (chunk) => chunks.push(chunk));
  response.on('end', () => {
    request.destroy();
    agent.destroy();
    const text = Buffer.concat(chunks).toString('utf8');
    parentPort.postMessage({ status: response.statusCode, text, sentAtAnswer, totalBytes, msToAnswer });
  });
});
// Once the hub has answered it may close the connection under the rest of the upload.
request.on('error', (error) => {
  if (!answered) {
    answered = true;
    parentPort.postMessage({
      status: 0,
      text: JSON.stringify({ error: 'no-answer', message: String(error) }),
      sentAtAnswer: sent,
      totalBytes,
      msToAnswer: performance.now() - started,
    });
  }
});
const middleEnd = totalBytes - CLOSE.length;
const next = () => {
  if (sent === 0) return OPEN;
  if (sent >= middleEnd) return CLOSE;
  return CHUNK.subarray(0, Math.min(CHUNK_BYTES, middleEnd - sent));
};
// One chunk per turn of the event loop, as a stream piped into the request would: the answer is
// read as soon as it arrives.
const pump = () => {
  if (answered) return;
  if (sent >= totalBytes) {
    request.end();
    return;
  }
  const chunk = next();
  const writable = request.write(chunk);
  sent += chunk.length;
  if (writable) setImmediate(pump);
  else request.once('drain', pump);
};
pump();
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
      { status: number; text: string } & Omit<AttackOutcome, 'status' | 'json'>,
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
      sentAtAnswer: message.sentAtAnswer,
      totalBytes: message.totalBytes,
      msToAnswer: message.msToAnswer,
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
