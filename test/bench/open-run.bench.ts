// Benchmark: opening a 2,000-item run until it is interactive (the first row rendered and the list
// answering the keyboard), and moving the selection through it by keyboard, in real Chromium.
// Prints numbers only. Run: npx tsx test/bench/open-run.bench.ts (BENCH_PORT, default 4181).
import { percentile, withBenchPage, createGeneratedRun } from './bench-browser';

const port = Number(process.env.BENCH_PORT ?? 4181);
const ITEMS = 2000;
const OPENINGS = 5;
const MOVES = 50;

await withBenchPage(port, async (page) => {
  const runId = await createGeneratedRun(page, ITEMS, 'bench-large');
  const openings: number[] = [];
  for (let i = 0; i < OPENINGS; i++) {
    await page.goto('./#/runs');
    await page.getByRole('heading', { level: 1, name: 'Runs' }).waitFor();
    const started = performance.now();
    await page.goto(`./#/runs/${runId}`);
    const grid = page.getByRole('grid', { name: 'Checklist items' });
    await grid.getByRole('row').first().waitFor();
    await page.locator('#run-item-detail').waitFor();
    openings.push(performance.now() - started);
  }

  const grid = page.getByRole('grid', { name: 'Checklist items' });
  await grid.getByRole('row').nth(1).click();
  const moves: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    const before = await page.locator('#item-detail-title').textContent();
    const started = performance.now();
    await page.keyboard.press('j');
    await page.waitForFunction(
      (previous) => document.getElementById('item-detail-title')?.textContent !== previous,
      before,
    );
    moves.push(performance.now() - started);
  }
  const rows = await grid.getByRole('row').count();
  console.log(
    `open run: ${ITEMS.toLocaleString('en')} items until interactive p50 ${percentile(openings, 0.5).toFixed(0)} ms, worst ${Math.max(...openings).toFixed(0)} ms (${OPENINGS} openings; ${rows} rows in the DOM: virtualized)`,
  );
  console.log(
    `open run: keyboard move to the next item p50 ${percentile(moves, 0.5).toFixed(1)} ms p95 ${percentile(moves, 0.95).toFixed(1)} ms (${MOVES} moves)`,
  );
});
