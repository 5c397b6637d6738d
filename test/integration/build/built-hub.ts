// The hub as it is deployed: built by cli/build-hub.mjs and run with plain `node` (no tsx, no
// loader), for test/integration/build/built-hub.test.ts and test/bench/hub-start.bench.ts. The
// build goes to node_modules/.cache/ so the bundle's imports resolve from the project's
// node_modules, as they do from the deployment's.
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHub } from '../../../cli/build-hub.mjs';
import { PATHS } from '../../../core/sync/wire-protocol';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface BuiltHub {
  entry: string;
  imports: string[];
  remove(): void;
}

export async function buildHubForTest(): Promise<BuiltHub> {
  const cache = path.join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(path.join(cache, 'golive-hub-build-'));
  const built = await buildHub({ outdir });
  return {
    entry: built.entry,
    imports: built.imports,
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** Runs one command of the built hub to its end (enroll, users…). */
export function runBuiltHub(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [entry, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface ServingHub {
  url: string;
  /** Milliseconds from spawning node to the "listening" line. */
  startupMs: number;
  /** Milliseconds from spawning node to the first answer of GET /v1/health. */
  firstAnswerMs: number;
  output(): string;
  /** SIGTERM, then the exit code (null: killed by a signal). */
  stop(): Promise<number | null>;
}

const LISTENING = /hub: listening on (http:\/\/[^\s]+)/;

/**
 * `node <entry>` (serve) on 127.0.0.1 and port 0 unless env says otherwise; resolves once it has
 * answered its health check (by then its SIGTERM handler is in place, see startHub).
 */
export async function serveBuiltHub(
  entry: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<ServingHub> {
  const started = performance.now();
  const listening = await listeningHub(entry, env, nodeArgs, started);
  const health = await fetch(`${listening.url}${PATHS.health}`);
  await health.arrayBuffer();
  if (health.status !== 200) {
    await listening.stop();
    throw new Error(`the built hub's health check answered ${health.status}`);
  }
  return { ...listening, firstAnswerMs: performance.now() - started };
}

function listeningHub(
  entry: string,
  env: NodeJS.ProcessEnv,
  nodeArgs: string[],
  started: number,
): Promise<Omit<ServingHub, 'firstAnswerMs'>> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, entry], {
    env: { ...process.env, HUB_HOST: '127.0.0.1', HUB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the built hub did not listen within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = LISTENING.exec(output);
      if (match === null) return;
      child.stdout?.off('data', onData);
      child.stdout?.on('data', (more: Buffer) => (output += more.toString('utf8')));
      clearTimeout(timer);
      resolve({
        url: match[1] as string,
        startupMs: performance.now() - started,
        output: () => output,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the built hub exited (${code}) before listening:\n${output}`));
    });
  });
}
