// @vitest-environment jsdom
import 'fake-indexeddb/auto';
// The run screen's view (use-run-view.ts) rendered by React over fake-indexeddb with the real run
// repository: a tick shows before its write is stored and goes back, with the reason said, when
// the write fails; an answer stored by another tab (another repository on the same database)
// reaches the open view; and a re-read that finds nothing new keeps the same view.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, test } from 'vitest';
import type { Profile } from '../../../core/people/profile';
import { openDatabase, type GoLiveDatabase } from '../../../renderer/storage/database';
import { createRunRepository } from '../../../renderer/storage/run-repository';
import { STORAGE_FULL_MESSAGE } from '../../../renderer/storage/storage-errors';
import { useRunView, type RunView } from '../../../renderer/features/runs/use-run-view';
import { nextRunView } from '../../../renderer/features/runs/derive-run-view';
import { createRunCommands } from '../../../renderer/features/runs/run-actions';
import { useRunUiStore } from '../../../renderer/features/runs/use-run-ui-store';
import { ana, freshDatabase, simulateFullDisk, steppingClock } from './storage-fixtures';

Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const profile: Profile = {
  id: ana.id,
  name: ana.name,
  role: 'admin',
  office: 'Berlin',
  createdAt: '2025-05-29T08:00:00.000Z',
  updatedAt: '2025-05-29T08:00:00.000Z',
};

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  useRunUiStore.getState().reset();
});

/** Renders `useRunView` and keeps what it returned last. */
function renderView(runId: string, db: GoLiveDatabase) {
  const seen: { view: RunView | null | undefined; renders: number } = {
    view: undefined,
    renders: 0,
  };
  function Probe(): ReactNode {
    const view = useRunView(runId, db);
    seen.view = view;
    seen.renders += 1;
    return <p>{view?.answers.get('core-switches')?.status ?? 'open'}</p>;
  }
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(<Probe />));
  return { seen, text: () => container.textContent };
}

/** Lets IndexedDB and React work until `holds` (no fixed sleep: each turn yields once). */
async function until(holds: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 2000; turn++) {
    if (holds()) return;
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }
  throw new Error(`never happened: ${what}`);
}

async function setUp(options: Parameters<typeof freshDatabase>[0] = {}) {
  const db = await freshDatabase(options);
  const repo = createRunRepository(db, { clock: steppingClock() });
  const run = await repo.create(
    {
      definitionKey: 'tiny-office@1.0.0',
      name: 'Berlin',
      parameters: { seats: 12 },
      plannedGoLive: '2025-06-02',
    },
    ana,
  );
  return { db, repo, run };
}

describe('the run view while a tick is written', () => {
  test('a failed write takes the tick back to the stored state and says why', async () => {
    const disk = { full: false };
    const { db, repo, run } = await setUp({
      beforeOpen: (db) => simulateFullDisk(db, 'answers', disk),
    });
    const { seen, text } = renderView(run.id, db);
    await until(() => seen.view != null, 'the view loads');
    expect(text()).toBe('open');

    disk.full = true;
    const commands = createRunCommands(run.id, profile, {
      viewOf: () => seen.view ?? undefined,
      runs: repo,
    });
    let written: Promise<boolean> | undefined;
    act(() => {
      written = commands.apply({ type: 'setStatus', itemId: 'core-switches', status: 'done' });
    });
    // Painted at once, before the write is over.
    expect(text()).toBe('done');
    expect(seen.view?.evaluations.get('core-switches')?.resolved).toBe(true);

    let ok: boolean | undefined;
    await act(async () => {
      ok = await written;
    });
    expect(ok).toBe(false);
    await until(() => text() === 'open', 'the view goes back to the stored state');
    expect(seen.view?.answers.has('core-switches')).toBe(false);
    expect(useRunUiStore.getState().message).toEqual({ tone: 'error', text: STORAGE_FULL_MESSAGE });
    expect(await db.answers.count()).toBe(0);

    // The disk has room again: the same tick is written and stays.
    disk.full = false;
    await act(async () => {
      ok = await commands.apply({ type: 'setStatus', itemId: 'core-switches', status: 'done' });
    });
    expect(ok).toBe(true);
    await until(() => seen.view?.answers.get('core-switches')?.updatedBy.id === ana.id, 'stored');
    expect(text()).toBe('done');
    expect((await db.answers.get([run.id, 'core-switches']))?.status).toBe('done');
  });

  test('a tick refused by the stored run (signed in another window) is taken back', async () => {
    const { db, repo, run } = await setUp();
    const { seen, text } = renderView(run.id, db);
    await until(() => seen.view != null, 'the view loads');
    const commands = createRunCommands(run.id, profile, {
      viewOf: () => seen.view ?? undefined,
      runs: repo,
    });
    // Another window signs the run off while this screen still shows it in progress.
    const frozen = { ...(await db.runs.get(run.id))!, state: 'signed' as const, logVersion: 5 };
    let written: Promise<boolean> | undefined;
    act(() => {
      written = commands.apply({ type: 'setStatus', itemId: 'core-switches', status: 'done' });
    });
    expect(text()).toBe('done');
    await db.runs.put(frozen);
    let ok: boolean | undefined;
    await act(async () => {
      ok = await written;
    });
    expect(ok).toBe(false);
    await until(() => seen.view?.run.state === 'signed' && text() === 'open', 'taken back');
    expect(useRunUiStore.getState().message?.tone).toBe('error');
  });
});

describe('changes from elsewhere', () => {
  test("another tab's answer reaches the open view; the item and its dependant are judged again", async () => {
    const { db, run } = await setUp();
    const { seen, text } = renderView(run.id, db);
    await until(() => seen.view != null, 'the view loads');
    expect(seen.view?.waiting.get('isp-lines')?.map((w) => w.itemId)).toEqual(['core-switches']);

    // Another tab: its own connection to the same database and its own repository.
    const otherTab = openDatabase(db.name);
    const other = createRunRepository(otherTab, { clock: steppingClock() });
    const result = await other.apply(
      run.id,
      { type: 'setStatus', itemId: 'core-switches', status: 'done' },
      ana,
    );
    expect(result.ok).toBe(true);

    await until(() => text() === 'done', "the other tab's answer shows");
    expect(seen.view?.waiting.has('isp-lines')).toBe(false);
    expect(seen.view?.gate.decision).toBe('no-go');
    otherTab.close();
  });

  test('a re-read that finds nothing new keeps the same view; one new answer keeps the others', async () => {
    const { db, repo, run } = await setUp();
    await repo.apply(run.id, { type: 'setStatus', itemId: 'core-switches', status: 'done' }, ana);
    const read = async () => {
      const stored = (await db.runs.get(run.id))!;
      const definition = (await db.definitions.get('tiny-office@1.0.0'))!.definition;
      return {
        run: stored,
        definition,
        answers: await db.answers.where('runId').equals(run.id).toArray(),
      };
    };
    const first = nextRunView(undefined, await read());
    const again = await read();
    expect(nextRunView(first, { ...again, definition: first.definition })).toBe(first);

    await repo.apply(run.id, { type: 'setNotes', itemId: 'speed-test', notes: 'Booked' }, ana);
    const next = nextRunView(first, { ...(await read()), definition: first.definition });
    expect(next).not.toBe(first);
    expect(next.answers.get('speed-test')?.notes).toBe('Booked');
    // The untouched item keeps its objects (its row does not render again).
    expect(next.answers.get('core-switches')).toBe(first.answers.get('core-switches'));
    expect(next.evaluations.get('core-switches')).toBe(first.evaluations.get('core-switches'));
  });
});
