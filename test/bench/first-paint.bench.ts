// Benchmark: first paint in web mode. Prints the size of every JavaScript chunk of the build, the
// JavaScript a page really loads (the first-run page, the runs list, a run; measured in Chromium
// from the resource timings, decoded = minified bytes), and Lighthouse's desktop scores
// (performance, accessibility, best practices) of the first-run page and of a run, next to the
// goals of issue 14 (< 600 KB of JS on the first page; >= 95 / 100 / 100). Prints only.
// Run: npx tsx test/bench/first-paint.bench.ts (BENCH_PORT default 4183, BENCH_CDP_PORT 9333).
import type { Page } from '@playwright/test';
import lighthouse, { desktopConfig } from 'lighthouse';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGeneratedRun, root, withBenchPage } from './bench-browser';

const port = Number(process.env.BENCH_PORT ?? 4183);
const cdpPort = Number(process.env.BENCH_CDP_PORT ?? 9333);
const FIRST_PAGE_GOAL_KB = 600;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function printChunks(): void {
  const assets = join(root, 'dist/renderer/assets');
  const chunks = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, bytes: statSync(join(assets, name)).size }))
    .sort((a, b) => b.bytes - a.bytes);
  const maps = readdirSync(assets).filter((name) => name.endsWith('.map')).length;
  const total = chunks.reduce((sum, chunk) => sum + chunk.bytes, 0);
  console.log(
    `first paint: ${chunks.length} JS chunks, ${kb(total)} in all (${maps} hidden source maps beside them, not packaged):`,
  );
  for (const chunk of chunks) console.log(`  ${kb(chunk.bytes).padStart(8)}  ${chunk.name}`);
}

interface ScriptsLoaded {
  /** Fetched before the first contentful paint: what the first page waited for. */
  beforePaint: number;
  /** Everything fetched until the network was idle (seeding, the screen's own chunks...). */
  total: number;
  files: string[];
}

/** JavaScript the page fetched since it was loaded, in minified bytes, and which files. */
async function scriptsLoaded(page: Page): Promise<ScriptsLoaded> {
  return page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Infinity;
    const scripts = performance
      .getEntriesByType('resource')
      .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith('.js'));
    // No named helper functions here: under tsx they would call esbuild's __name, which a fresh
    // page does not define.
    return {
      beforePaint: scripts
        .filter((entry) => entry.responseEnd <= paint)
        .reduce((total, entry) => total + entry.decodedBodySize, 0),
      total: scripts.reduce((total, entry) => total + entry.decodedBodySize, 0),
      files: scripts.map((entry) => entry.name.split('/').pop() ?? entry.name),
    };
  });
}

function printScripts(label: string, loaded: ScriptsLoaded): void {
  const ratio = loaded.beforePaint / 1024 / FIRST_PAGE_GOAL_KB;
  console.log(
    `first paint: ${label} loads ${kb(loaded.beforePaint)} of JS before its first paint (goal < ${FIRST_PAGE_GOAL_KB} KB; ${ratio.toFixed(2)}x the goal), ${kb(loaded.total)} until the network is idle: ${loaded.files.join(', ')}`,
  );
}

async function scores(url: string, keepStorage: boolean): Promise<string> {
  const result = await lighthouse(
    url,
    {
      port: cdpPort,
      hostname: '127.0.0.1',
      logLevel: 'error',
      output: 'json',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
      disableStorageReset: keepStorage,
    },
    desktopConfig,
  );
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { categories, audits } = result.lhr;
  const score = (id: string) => Math.round((categories[id]?.score ?? NaN) * 100);
  const metric = (id: string) => audits[id]?.displayValue ?? '?';
  // What keeps a category below 100: its weighted audits that did not pass.
  const failing = (id: string) =>
    (categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => ref.id)
      .join(', ') || 'none';
  return (
    `performance ${score('performance')} (goal >= 95), accessibility ${score('accessibility')} (goal 100), ` +
    `best practices ${score('best-practices')} (goal 100); FCP ${metric('first-contentful-paint')}, ` +
    `LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}; ` +
    `not passed: performance [${failing('performance')}], best practices [${failing('best-practices')}], accessibility [${failing('accessibility')}]`
  );
}

printChunks();
const base = `http://127.0.0.1:${port}/`;

// A fresh profile: what the first-run page loads.
await withBenchPage(
  port,
  async (page) => {
    await page.goto('./');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    printScripts('the first-run page', await scriptsLoaded(page));
  },
  { isFreshProfile: true },
);

await withBenchPage(
  port,
  async (page) => {
    const runId = await createGeneratedRun(page, 300, 'bench-first-paint');
    await page.goto('about:blank');
    await page.goto('./#/runs');
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    await page.waitForLoadState('networkidle');
    printScripts('the runs list (opened directly)', await scriptsLoaded(page));
    await page.goto('about:blank');
    await page.goto(`./#/runs/${runId}`);
    await page.getByRole('grid', { name: 'Checklist items' }).getByRole('row').first().waitFor();
    await page.waitForLoadState('networkidle');
    printScripts('a 300-item run (opened directly)', await scriptsLoaded(page));

    console.log(`lighthouse desktop, a run: ${await scores(`${base}#/runs/${runId}`, true)}`);
    // Lighthouse clears the origin's storage first here: the page a new user sees.
    console.log(`lighthouse desktop, the first-run page: ${await scores(base, false)}`);
  },
  { debuggingPort: cdpPort },
);
