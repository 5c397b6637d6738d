// Benchmark: a tick on a 1,000-item run in real Chromium IndexedDB. First, how long it takes to
// become durable: three measurements in the same page, 'strict' durability each, with the app on
// a screen that does not watch the run (so only the tick is timed): a raw single put, a raw
// transaction writing the rows the repository writes (answer + event + run row: the floor of
// issue 14), and the run repository's apply itself (the run held in memory, the rules checked, the
// hash chained, one transaction checking the stored run row and writing). Then, on the run screen,
// from the key press ('x') to the next frame after the item shows its new state, timed in the
// page with performance marks (event.timeStamp to requestAnimationFrame). Prints numbers only;
// never asserts timings. Run: npx tsx test/bench/run-ticks.bench.ts (BENCH_PORT, default 4180;
// BENCH_TICKS per measurement, default 1000; BENCH_KEY_TICKS, default 100).
import type { Page } from '@playwright/test';
import { BENCH_ACTOR, createGeneratedRun, percentile, withBenchPage } from './bench-browser';

const port = Number(process.env.BENCH_PORT ?? 4180);
const ticks = Number(process.env.BENCH_TICKS ?? 1000);
const keyTicks = Number(process.env.BENCH_KEY_TICKS ?? 100);
const ITEMS = 1000;
const ACTOR = BENCH_ACTOR;

interface Timings {
  rawPut: number[];
  pairTxn: number[];
  repository: number[];
}

/** Runs in the page: the three measurements, one after the other. */
async function measure(page: Page, runId: string): Promise<Timings> {
  return page.evaluate(
    async ({ runId, ticks, actor }) => {
      const storage = window.goLiveStorage;
      if (!storage) throw new Error('storage not installed');
      const done = (tx: IDBTransaction) =>
        new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onupgradeneeded = () => upgrade?.(request.result);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const timed = async (work: (i: number) => Promise<unknown>) => {
        const times: number[] = [];
        for (let i = 0; i < ticks; i++) {
          const start = performance.now();
          await work(i);
          times.push(performance.now() - start);
        }
        return times;
      };

      const scratch = await open('bench-raw', (db) =>
        db.createObjectStore('rows', { keyPath: 'id' }),
      );
      const rawPut = await timed((i) => {
        const tx = scratch.transaction('rows', 'readwrite', { durability: 'strict' });
        tx.objectStore('rows').put({ id: i, status: 'done', updatedAt: new Date().toISOString() });
        return done(tx);
      });

      const app = await open('go-live-checklists');
      const run = await storage.openDatabase().runs.get(runId);
      if (!run) throw new Error('run missing');
      const pairRunId = `${runId}-raw`;
      const pairTxn = await timed((i) => {
        const now = new Date().toISOString();
        const itemId = `item-${i + 1}`;
        const answer = {
          runId: pairRunId,
          itemId,
          status: 'done',
          attachments: [],
          updatedAt: now,
          updatedBy: actor,
        };
        const event = {
          runId: pairRunId,
          type: 'setStatus',
          itemId,
          payload: {
            action: { type: 'setStatus', itemId, status: 'done' },
            before: null,
            after: answer,
          },
          at: now,
          actor,
          v: 2,
          chain: 'bench-raw-chain',
          clock: {},
          seq: i + 1,
          prevHash: '0'.repeat(64),
          hash: 'f'.repeat(64),
        };
        const tx = app.transaction(['answers', 'runEvents', 'runs'], 'readwrite', {
          durability: 'strict',
        });
        tx.objectStore('answers').put(answer);
        tx.objectStore('runEvents').add(event);
        tx.objectStore('runs').put({ ...run, id: pairRunId, updatedAt: now });
        return done(tx);
      });

      const repository = storage.createRunRepository(storage.openDatabase());
      const repositoryTimes = await timed(async (i) => {
        const result = await repository.apply(
          runId,
          {
            type: 'setStatus',
            itemId: `item-${(i % 1000) + 1}`,
            status: i < 1000 ? 'done' : 'open',
          },
          actor,
        );
        if (!result.ok) throw new Error(result.error.message);
      });
      scratch.close();
      app.close();
      return { rawPut, pairTxn, repository: repositoryTimes };
    },
    { runId, ticks, actor: ACTOR },
  );
}

/**
 * On the run screen: presses 'x' on item-1 `keyTicks` times (done, open, done...) and returns, for
 * each press, the time from the keydown event to the next animation frame after the item's row
 * shows its new state (measured in the page: performance marks).
 */
async function keyToPaint(page: Page, runId: string): Promise<number[]> {
  await page.goto(`./#/runs/${runId}`);
  const row = page.locator('.item-row', { has: page.locator('[data-item-id="item-1"]') });
  await row.click();
  await page.evaluate(() => {
    const painted: number[] = [];
    Object.assign(window, { benchPainted: painted });
    window.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'x') return;
        const rowOf = () =>
          document.querySelector('[data-item-id="item-1"]')?.closest('.item-row') ?? null;
        const expected = rowOf()?.classList.contains('is-done') ? 'is-open' : 'is-done';
        performance.mark('tick:keydown', { startTime: event.timeStamp });
        const observer = new MutationObserver(() => {
          if (!rowOf()?.classList.contains(expected)) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const measure = performance.measure('tick:painted', 'tick:keydown');
            painted.push(measure.duration);
          });
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      },
      { capture: true },
    );
  });
  for (let i = 0; i < keyTicks; i++) {
    await page.keyboard.press('x');
    await page.waitForFunction(
      (count) => (window as unknown as { benchPainted: number[] }).benchPainted.length >= count,
      i + 1,
    );
  }
  return page.evaluate(() => (window as unknown as { benchPainted: number[] }).benchPainted);
}

function summary(values: readonly number[]): string {
  return `p50 ${percentile(values, 0.5).toFixed(1)} ms p95 ${percentile(values, 0.95).toFixed(1)} ms`;
}

function ratio(a: readonly number[], b: readonly number[], p: number): string {
  return `${(percentile(a, p) / percentile(b, p)).toFixed(1)}x`;
}

async function main(): Promise<void> {
  await withBenchPage(port, async (page) => {
    const runId = await createGeneratedRun(page, ITEMS, 'bench-office');
    const paintRunId = await createGeneratedRun(page, ITEMS, 'bench-office');
    // A screen that does not watch runs: the durable tick alone.
    await page.goto('./#/settings');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const t = await measure(page, runId);
    console.log(
      `ticks: raw answer+event+run transaction ${summary(t.pairTxn)} | raw single put ${summary(t.rawPut)} (${ticks} each, 'strict' durability)`,
    );
    console.log(
      `ticks: repository apply on a ${ITEMS.toLocaleString('en')}-item run ${summary(t.repository)} | ratio to the raw transaction p50 ${ratio(t.repository, t.pairTxn, 0.5)}, p95 ${ratio(t.repository, t.pairTxn, 0.95)} (goal <= 1.5x)`,
    );
    const painted = await keyToPaint(page, paintRunId);
    console.log(
      `ticks: key press -> the item's new state painted, on the run screen of a ${ITEMS.toLocaleString('en')}-item run: ${summary(painted)} (goal p95 <= 16.7 ms, one frame; p95 ${(percentile(painted, 0.95) / 16.7).toFixed(1)}x the goal; ${painted.length} presses)`,
    );
  });
}

await main();
