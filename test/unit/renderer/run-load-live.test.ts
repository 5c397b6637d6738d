import 'fake-indexeddb/auto';
// Loading a run inside a live query (the run screen's move panel does): on a database whose device
// has recorded nothing yet, load() must only read (Dexie refuses a write in a live query), and the
// first tick afterwards still creates this device's chain and is written.
import { liveQuery } from 'dexie';
import { describe, expect, test } from 'vitest';
import type { Action } from '../../../core/runs';
import type { LoadedRun } from '../../../renderer/storage/run-repository';
import { ana } from './storage-fixtures';
import { deviceWithTinyRun } from './tiny-run';

const coreSwitchesDone: Action = { type: 'setStatus', itemId: 'core-switches', status: 'done' };

function firstValue<T>(query: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        subscription.unsubscribe();
        resolve(value);
      },
      error: reject,
    });
  });
}

describe('load inside a live query', () => {
  test('reads a run of a device without a chain yet, then the first tick writes', async () => {
    const { repo, run } = await deviceWithTinyRun({ name: 'Lyon', seats: 5 });
    const loaded: LoadedRun | undefined = await firstValue(() => repo.load(run.id));
    expect(loaded?.run.id).toBe(run.id);
    expect(loaded?.chain).toBe('');
    expect(loaded?.integrity.log.ok).toBe(true);

    const result = await repo.apply(run.id, coreSwitchesDone, ana);
    expect(result.ok).toBe(true);
    const again = await firstValue(() => repo.load(run.id));
    expect(again?.chain).not.toBe('');
    expect(again?.events.map((event) => event.chain)).toEqual([again?.chain]);

    // The history without verification (the move panel's live query) reads the same log.
    const history = await firstValue(() => repo.history(run.id));
    expect(history?.log.answers().get('core-switches')?.status).toBe('done');
    expect(history?.log.events()).toEqual(again?.events);
  });
});

describe('a live query of the history', () => {
  test('runs again on every later write, once this device has a chain', async () => {
    const { repo, run } = await deviceWithTinyRun({ name: 'Lyon', seats: 5 });
    // The first write creates the chain (the repository then holds it in memory).
    const first = await repo.apply(run.id, coreSwitchesDone, ana);
    expect(first.ok).toBe(true);

    const seen: number[] = [];
    let wake: () => void = () => undefined;
    const subscription = liveQuery(() => repo.history(run.id)).subscribe({
      next: (value) => {
        seen.push(value?.log.events().length ?? -1);
        wake();
      },
    });
    const next = () => new Promise<void>((resolve) => (wake = resolve));
    try {
      await next();
      expect(seen).toEqual([1]);
      const notes = next();
      const second = await repo.apply(
        run.id,
        { type: 'setNotes', itemId: 'core-switches', notes: 'Both re-tested.' },
        ana,
      );
      expect(second.ok).toBe(true);
      // Without a new value here the query stopped following the database (this waits forever,
      // and the test times out).
      await notes;
      expect(seen).toEqual([1, 2]);
    } finally {
      subscription.unsubscribe();
    }
  });
});
