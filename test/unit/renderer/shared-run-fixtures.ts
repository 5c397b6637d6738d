// Shared by the shared-run storage tests: the hub's view of a run (owned by Ana, nobody else on it
// unless a test says so), and two devices (the owner's and a member's), each with its own
// database, run repository and shared-run repository, the run created on the owner's.
import type { SharedRun } from '../../../core/sync';
import type { GoLiveDatabase } from '../../../renderer/storage/database';
import { createRunRepository, type RunRepository } from '../../../renderer/storage/run-repository';
import { createSharedRunRepository } from '../../../renderer/storage/shared-run-repository';
import { ana, freshDatabase, steppingClock, tinyDefinitionRow } from './storage-fixtures';
import { createTinyRun } from './tiny-run';

export function hubView(runId: string, overrides: Partial<SharedRun> = {}): SharedRun {
  const row = tinyDefinitionRow();
  return {
    runId,
    name: 'Berlin office',
    kind: 'new-office',
    office: 'Berlin',
    definitionId: row.id,
    definitionVersion: row.version,
    definitionHash: row.hash,
    parameters: { seats: 12 },
    plannedGoLive: '2025-06-02',
    createdAt: '2025-05-30T08:00:00.000Z',
    owner: { userId: ana.id, name: ana.name, role: 'admin' },
    members: [],
    plan: {},
    updatedAt: '2025-05-30T08:05:00.000Z',
    ...overrides,
  };
}

export interface Device {
  db: GoLiveDatabase;
  runs: RunRepository;
  shared: ReturnType<typeof createSharedRunRepository>;
}

/** The owner's device with the run on it, and a member's device without it yet. */
export async function twoDevices(
  options: { memberClock?: () => Date } = {},
): Promise<{ owner: Device; member: Device; runId: string }> {
  const ownerDb = await freshDatabase();
  const memberDb = await freshDatabase();
  const ownerRuns = createRunRepository(ownerDb, { clock: steppingClock() });
  const memberRuns = createRunRepository(memberDb, { clock: steppingClock() });
  const run = await createTinyRun(ownerRuns);
  const memberOptions = options.memberClock ? { clock: options.memberClock } : {};
  return {
    owner: { db: ownerDb, runs: ownerRuns, shared: createSharedRunRepository(ownerDb, ownerRuns) },
    member: {
      db: memberDb,
      runs: memberRuns,
      shared: createSharedRunRepository(memberDb, memberRuns, memberOptions),
    },
    runId: run.id,
  };
}
