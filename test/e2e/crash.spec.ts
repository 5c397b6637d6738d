// The crash test: "the laptop's battery dies once and nothing is lost". Real Chromium on a profile
// folder on disk, the app's own storage code ticking a run in bursts, then every Chromium process
// killed at once (SIGKILL to the process group) mid-burst. After a restart on the same folder:
// every tick the page saw confirmed is there, and no answer is without its event or the reverse.
// The burst is one function (startBurst): when the run screen lands, replace it with one that
// ticks through the UI, keeping the `tick-confirmed <seq>` console lines.
// Limits: a process kill keeps what the OS already holds; a power cut also needs the 'strict'
// durability (fsync) that the database asks for, which only a VM or a real power cut can prove.
import { chromium, expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../core/runs';
import { AppShellPage } from './pages/app-shell-page';
import { FirstRunPage } from './pages/first-run-page';
import { generatedDefinitionRow, installStorage } from './storage-in-page';

const ITEMS = 400;
/** Parallel tickers: each transaction must still chain onto the latest event. */
const LANES = 4;
/** Pull the plug once this many ticks are confirmed. */
const KILL_AFTER = 80;
const ACTOR: Actor = { id: 'crash-test', name: 'Crash Test', role: 'admin' };

interface OwnedChromium {
  browser: Browser;
  page: Page;
  process: ChildProcess;
}

/** Starts Chromium ourselves (so we own its process group) and connects over CDP. */
async function launchChromium(userDataDir: string, testInfo: TestInfo): Promise<OwnedChromium> {
  const launch = testInfo.project.use.launchOptions ?? {};
  const executable = launch.executablePath ?? chromium.executablePath();
  const args = [
    ...(launch.args ?? []),
    '--headless',
    '--no-sandbox',
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    'about:blank',
  ];
  const child = spawn(executable, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}):\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  if (!context) throw new Error('Chromium has no default context.');
  const page = context.pages()[0] ?? (await context.newPage());
  return { browser, page, process: child };
}

/** Every Chromium process dies at once, with no chance to flush or clean up. */
async function pullThePlug(owned: OwnedChromium): Promise<void> {
  const exited = new Promise((resolve) => owned.process.once('exit', resolve));
  if (owned.process.pid !== undefined) process.kill(-owned.process.pid, 'SIGKILL');
  await exited;
  await owned.browser.close().catch(() => undefined);
}

async function completeFirstRunAt(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const firstRun = new FirstRunPage(page);
  await firstRun.fill({
    name: 'Ana García',
    role: 'Local ICT administrator',
    office: 'Berlin office',
  });
  await firstRun.submit();
  await expect(new AppShellPage(page).navigation()).toBeVisible();
}

async function createRun(page: Page, items: number): Promise<string> {
  const definition = generatedDefinitionRow(items, 'crash-office');
  return page.evaluate(
    async ({ definition, actor }) => {
      const storage = window.goLiveStorage;
      if (!storage) throw new Error('storage not installed');
      const db = storage.openDatabase();
      await db.definitions.put(definition);
      const runs = storage.createRunRepository(db);
      const run = await runs.create(
        {
          definitionKey: definition.key,
          name: 'Crash office',
          parameters: {},
          plannedGoLive: '2025-06-02',
        },
        actor,
      );
      return run.id;
    },
    { definition, actor: ACTOR },
  );
}

/**
 * Ticks every item done through the run repository, LANES at a time, without waiting in Node;
 * logs `tick-confirmed <seq>` once each transaction is durable. Replaceable by a UI-driven burst.
 */
async function startBurst(page: Page, runId: string): Promise<void> {
  await page.evaluate(
    ({ runId, items, lanes, actor }) => {
      const storage = window.goLiveStorage;
      if (!storage) throw new Error('storage not installed');
      const runs = storage.createRunRepository(storage.openDatabase());
      let next = 1;
      const lane = async () => {
        while (next <= items) {
          const itemId = `item-${next++}`;
          const result = await runs.apply(
            runId,
            { type: 'setStatus', itemId, status: 'done' },
            actor,
          );
          console.log(
            result.ok ? `tick-confirmed ${result.event.seq}` : `tick-refused ${result.error.code}`,
          );
        }
      };
      void Promise.all(Array.from({ length: lanes }, lane)).then(() => console.log('burst-done'));
    },
    { runId, items: ITEMS, lanes: LANES, actor: ACTOR },
  );
}

/** What survived, read twice: through the repository (with its integrity check) and raw. */
async function inspect(page: Page, runId: string) {
  return page.evaluate(async (runId) => {
    const storage = window.goLiveStorage;
    if (!storage) throw new Error('storage not installed');
    const loaded = await storage.createRunRepository(storage.openDatabase()).load(runId);
    const raw = await new Promise<{ answers: string[]; events: string[] }>((resolve, reject) => {
      const open = indexedDB.open('go-live-checklists');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(['answers', 'runEvents'], 'readonly');
        const answers = tx.objectStore('answers').index('runId').getAll(runId);
        const events = tx.objectStore('runEvents').index('runId').getAll(runId);
        tx.oncomplete = () => {
          const items = (rows: { itemId: string }[]) => rows.map((row) => row.itemId).sort();
          resolve({ answers: items(answers.result), events: items(events.result) });
          open.result.close();
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    return {
      seqs: loaded?.events.map((event) => event.seq) ?? [],
      log: loaded?.integrity.log,
      tamperedItems: loaded?.integrity.tamperedItems,
      raw,
    };
  }, runId);
}

test('a hard kill mid-burst loses no confirmed tick and leaves no half-written one', async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  if (!baseURL) throw new Error('The web project needs a baseURL (test/playwright.config.ts).');
  const userDataDir = await mkdtemp(join(tmpdir(), 'go-live-crash-'));
  const confirmed = new Set<number>();
  let burstDone = false;
  let runId: string;
  try {
    const first = await launchChromium(userDataDir, testInfo);
    try {
      await completeFirstRunAt(first.page, baseURL);
      await installStorage(first.page);
      runId = await createRun(first.page, ITEMS);
      const enough = new Promise<void>((resolve) => {
        first.page.on('console', (message) => {
          const text = message.text();
          if (text === 'burst-done') burstDone = true;
          const seq = /^tick-confirmed (\d+)$/.exec(text)?.[1];
          if (seq) confirmed.add(Number(seq));
          if (confirmed.size >= KILL_AFTER || burstDone) resolve();
        });
      });
      await startBurst(first.page, runId);
      await enough;
      // A random moment a little later, so the kill lands inside a transaction's commit as often
      // as between two of them.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25));
    } finally {
      await pullThePlug(first);
    }
    expect(burstDone, 'the kill must land mid-burst').toBe(false);

    const second = await launchChromium(userDataDir, testInfo);
    try {
      await second.page.goto(baseURL);
      await expect(new AppShellPage(second.page).navigation()).toBeVisible();
      await installStorage(second.page);
      const after = await inspect(second.page, runId);
      testInfo.annotations.push({
        type: 'crash',
        description: `${confirmed.size} ticks confirmed before the kill, ${after.seqs.length} events on restart`,
      });
      expect(after.seqs.length).toBeLessThan(ITEMS);
      for (const seq of confirmed) expect(after.seqs, `confirmed tick ${seq}`).toContain(seq);
      expect(after.seqs).toEqual(Array.from({ length: after.seqs.length }, (_, i) => i + 1));
      expect(after.log).toMatchObject({ ok: true });
      expect(after.tamperedItems, 'answers and events in pairs').toEqual([]);
      expect(after.raw.answers, 'raw IndexedDB: pairs').toEqual(after.raw.events);
    } finally {
      await pullThePlug(second);
    }
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
});
