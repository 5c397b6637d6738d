// The set-up many run-storage tests start from: a run of the tiny template (storage-fixtures.ts)
// created by Ana, on a fresh database with its own run repository and stepping clock.
import type { GoLiveDatabase, RunRow } from '../../../renderer/storage/database';
import { createRunRepository, type RunRepository } from '../../../renderer/storage/run-repository';
import { ana, freshDatabase, steppingClock } from './storage-fixtures';

export interface TinyRunDraft {
  name?: string;
  seats?: number;
  /** When Ana created it; the repository's clock when left out. */
  createdAt?: Date;
}

/** A run of the tiny template, planned for 2 June 2025, created by Ana through `repo`. */
export function createTinyRun(
  repo: RunRepository,
  { name = 'Berlin office', seats = 12, createdAt }: TinyRunDraft = {},
): Promise<RunRow> {
  return repo.create(
    {
      definitionKey: 'tiny-office@1.0.0',
      name,
      parameters: { seats },
      plannedGoLive: '2025-06-02',
    },
    ana,
    createdAt,
  );
}

/** Ana marks the tiny template's core-switches and isp-lines items done (the speed test left open). */
export async function markRequiredDone(repo: RunRepository, runId: string): Promise<void> {
  for (const itemId of ['core-switches', 'isp-lines']) {
    await repo.apply(runId, { type: 'setStatus', itemId, status: 'done' }, ana);
  }
}

/** A fresh database, its run repository, and a tiny run on it. */
export async function deviceWithTinyRun(
  draft: TinyRunDraft = {},
): Promise<{ db: GoLiveDatabase; repo: RunRepository; run: RunRow }> {
  const db = await freshDatabase();
  const repo = createRunRepository(db, { clock: steppingClock() });
  return { db, repo, run: await createTinyRun(repo, draft) };
}

/** A fresh device with a tiny run created on 30 May 2025, its two items done: ready to sign. */
export async function deviceWithRunToSign(): Promise<{
  db: GoLiveDatabase;
  repo: RunRepository;
  run: RunRow;
}> {
  const device = await deviceWithTinyRun({ createdAt: new Date('2025-05-30T08:00:00.000Z') });
  await markRequiredDone(device.repo, device.run.id);
  return device;
}

/** Ana attaches `bytes` as speed.png to the speed test; returns the item's answer. */
export async function attachSpeedPhoto(
  repo: RunRepository,
  runId: string,
  bytes: Uint8Array<ArrayBuffer>,
) {
  const attached = await repo.attach(
    runId,
    'speed-test',
    { name: 'speed.png', type: 'image/png', blob: new Blob([bytes], { type: 'image/png' }) },
    ana,
  );
  if (!attached.ok) throw new Error(attached.error.message);
  return attached.answer;
}
