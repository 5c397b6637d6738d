// Benchmark: how long the hub takes from `node dist/hub/main.js` (built by cli/build-hub.mjs, run
// with plain node) to listening (its "listening on" line) and to its first answer (GET /v1/health),
// against the development command (`tsx hub/cli.ts`, what `npm run hub` runs). Each start opens a
// fresh SQLite store (migrations applied) or an existing one. Prints median, p90 and the range of
// N starts. Run with `npm run bench`.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildHubForTest, root, serveBuiltHub } from '../integration/build/built-hub';

const N = 10;

interface Case {
  name: string;
  entry: string;
  nodeArgs: string[];
  freshStore: boolean;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`;
}

async function startOnce(
  one: Case,
  dataDir: string,
): Promise<{ listening: number; answer: number }> {
  const serving = await serveBuiltHub(
    one.entry,
    { HUB_DATA_DIR: dataDir, HUB_DATABASE_URL: '' },
    one.nodeArgs,
  );
  const code = await serving.stop();
  if (code !== 0) throw new Error(`${one.name}: exit ${code}\n${serving.output()}`);
  return { listening: serving.startupMs, answer: serving.firstAnswerMs };
}

/** tsx's own binary, so the development case is node + tsx's loader, not npm + npx on top. */
function tsxCli(): string {
  return path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
}

const built = await buildHubForTest();
try {
  const cases: Case[] = [
    {
      name: 'node dist/hub/main.js, fresh SQLite store',
      entry: built.entry,
      nodeArgs: [],
      freshStore: true,
    },
    {
      name: 'node dist/hub/main.js, existing store',
      entry: built.entry,
      nodeArgs: [],
      freshStore: false,
    },
    {
      name: 'node --enable-source-maps dist/hub/main.js, existing store',
      entry: built.entry,
      nodeArgs: ['--enable-source-maps'],
      freshStore: false,
    },
    {
      name: 'tsx hub/cli.ts (npm run hub), existing store',
      entry: path.join(root, 'hub', 'cli.ts'),
      nodeArgs: [tsxCli()],
      freshStore: false,
    },
  ];
  console.log(
    `hub start to listening and to its first answer, ${N} starts each (127.0.0.1, port 0; load average ${loadavg()[0]?.toFixed(1)}):`,
  );
  // The floor on this machine: node starting and exiting with nothing to do.
  const bare: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    bare.push(performance.now() - started);
  }
  console.log(`  baseline, node -e 0: ${summary(bare)}`);
  for (const one of cases) {
    const existing = mkdtempSync(path.join(tmpdir(), 'hub-start-'));
    try {
      if (!one.freshStore) await startOnce(one, existing); // creates and migrates the store once
      const listening: number[] = [];
      const answer: number[] = [];
      for (let i = 0; i < N; i += 1) {
        const dataDir = one.freshStore ? mkdtempSync(path.join(tmpdir(), 'hub-start-')) : existing;
        try {
          const time = await startOnce(one, dataDir);
          listening.push(time.listening);
          answer.push(time.answer);
        } finally {
          if (one.freshStore) rmSync(dataDir, { recursive: true, force: true });
        }
      }
      console.log(`  ${one.name}`);
      console.log(`    to listening:          ${summary(listening)}`);
      console.log(`    to first health answer: ${summary(answer)}`);
    } finally {
      rmSync(existing, { recursive: true, force: true });
    }
  }
} finally {
  built.remove();
}
