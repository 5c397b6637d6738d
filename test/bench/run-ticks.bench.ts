// Benchmark: how long a tick takes to become durable in real Chromium IndexedDB, on a 1,000-item
// run. Three measurements in the same page, 'strict' durability each: a raw single put (the floor),
// a raw transaction writing what the repository writes (answer + event + run time), and the run
// repository's apply itself (reads the run's answers, checks the rules, chains the hash, writes).
// Prints numbers only; never asserts timings. Run: npx tsx test/bench/run-ticks.bench.ts
// (BENCH_PORT, default 4180; BENCH_TICKS per measurement, default 1000).
import type { Page } from '@playwright/test';
import { BENCH_ACTOR, createGeneratedRun, percentile, withBenchPage } from './bench-browser';

const port = Number(process.env.BENCH_PORT ?? 4180);
const ticks = Number(process.env.BENCH_TICKS ?? 1000);
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
          seq: i + 1,
          prevHash: '0'.repeat(64),
          hash: 'f'.repeat(64),
        };
        const tx = app.transaction(['answers', 'events', 'runs'], 'readwrite', {
          durability: 'strict',
        });
        tx.objectStore('answers').put(answer);
        tx.objectStore('events').add(event);
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

function summary(values: readonly number[]): string {
  return `p50 ${percentile(values, 0.5).toFixed(1)} ms p95 ${percentile(values, 0.95).toFixed(1)} ms`;
}

function ratio(a: readonly number[], b: readonly number[]): string {
  return `${(percentile(a, 0.5) / percentile(b, 0.5)).toFixed(1)}x`;
}

async function main(): Promise<void> {
  await withBenchPage(port, async (page) => {
    const runId = await createGeneratedRun(page, ITEMS, 'bench-office');
    const t = await measure(page, runId);
    console.log(
      `ticks: answer+event txn ${summary(t.pairTxn)} | raw put ${summary(t.rawPut)} | ratio p50 ${ratio(t.pairTxn, t.rawPut)}`,
    );
    console.log(
      `ticks: repository apply on a ${ITEMS.toLocaleString('en')}-item run ${summary(t.repository)} | ratio to raw put p50 ${ratio(t.repository, t.rawPut)} (${ticks} ticks each, 'strict' durability)`,
    );
  });
}

await main();
