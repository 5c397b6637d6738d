// Shared set-up of the benchmarks that run in real Chromium: the web-mode server, a persistent
// profile (IndexedDB on disk, as in the app), a completed first run and the app's storage layer
// in the page. Not a benchmark itself (no .bench.ts suffix).
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Actor } from '../../core/runs';
import { AppShellPage } from '../e2e/pages/app-shell-page';
import { FirstRunPage } from '../e2e/pages/first-run-page';
import { generatedDefinitionRow, installStorage } from '../e2e/storage-in-page';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const systemChromium = '/usr/bin/chromium';
// Same flags as the web project in test/playwright.config.ts.
const ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const BENCH_ACTOR: Actor = { id: 'bench', name: 'Bench Admin', role: 'admin' };

function startServer(port: number): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['cli/serve-web.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    server.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) resolve(server);
    });
    server.once('exit', (code) => reject(new Error(`serve-web exited (${code})`)));
  });
}

async function completeFirstRun(page: Page): Promise<void> {
  await page.goto('./');
  const firstRun = new FirstRunPage(page);
  await firstRun.fill({ name: 'Bench Admin', role: 'Local ICT administrator', office: 'Lab' });
  await firstRun.submit();
  await expect(new AppShellPage(page).navigation()).toBeVisible();
}

export interface BenchPageOptions {
  /** Also open Chrome's DevTools protocol on this port (for Lighthouse). */
  debuggingPort?: number;
  /** Stop before the first-run page is completed (default: complete it). */
  isFreshProfile?: boolean;
}

/** Serves the app, opens a fresh persistent profile past first run, and hands over the page. */
export async function withBenchPage(
  port: number,
  body: (page: Page, context: BrowserContext) => Promise<void>,
  options: BenchPageOptions = {},
): Promise<void> {
  if (!existsSync(join(root, 'dist/renderer/index.html'))) {
    const build = spawnSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build:renderer failed');
  }
  const server = await startServer(port);
  const userDataDir = await mkdtemp(join(tmpdir(), 'go-live-bench-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: options.debuggingPort
        ? [...ARGS, `--remote-debugging-port=${options.debuggingPort}`]
        : ARGS,
      baseURL: `http://127.0.0.1:${port}/`,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      if (!options.isFreshProfile) {
        await completeFirstRun(page);
        await installStorage(page);
      }
      await body(page, context);
    } finally {
      await context.close();
    }
  } finally {
    server.kill('SIGTERM');
    await rm(userDataDir, { recursive: true, force: true });
  }
}

/** Stores a generated template of `items` check items and starts a run on it; returns the run id. */
export async function createGeneratedRun(page: Page, items: number, id: string): Promise<string> {
  const definition = generatedDefinitionRow(items, id);
  return page.evaluate(
    async ({ definition, actor }) => {
      const storage = window.goLiveStorage;
      if (!storage) throw new Error('storage not installed');
      const db = storage.openDatabase();
      await db.definitions.put(definition);
      const run = await storage.createRunRepository(db).create(
        {
          definitionKey: definition.key,
          name: 'Bench office',
          parameters: {},
          plannedGoLive: '2025-06-02',
        },
        actor,
      );
      return run.id;
    },
    { definition, actor: BENCH_ACTOR },
  );
}

/** `p` as a fraction: 0.5 is the median. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}
