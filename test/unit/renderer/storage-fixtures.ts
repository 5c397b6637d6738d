// Shared by the storage tests: a tiny published template as the app keeps it (YAML text, hash and
// parsed definition), a fresh fake-indexeddb database per test, and the people who act.
import { validateDefinitionText } from '../../../core/definitions';
import type { Dexie } from 'dexie';
import {
  applyAction,
  canonicalJson,
  GENESIS_HASH,
  sha256Hex,
  type Action,
  type Actor,
  type Answer,
} from '../../../core/runs';
import {
  openDatabase,
  type DefinitionRow,
  type GoLiveDatabase,
  type RunRow,
} from '../../../renderer/storage/database';

export const TINY_YAML = `id: tiny-office
version: 1.0.0
title: Tiny office go-live
kind: new-office
changelog: Test fixture.
departments:
  - id: network
    title: Network
parameters:
  - id: seats
    label: Seats
    type: number
sections:
  - id: connectivity
    title: Connectivity
    department: network
    items:
      - id: core-switches
        title: Core switches
        type: check
        severity: blocking
      - id: isp-lines
        title: ISP lines
        type: check
        severity: blocking
        dependsOn: [core-switches]
      - id: speed-test
        title: Speed test
        type: number
        unit: Mbit/s
        evidence: optional
      - id: wifi-survey
        title: Wi-Fi survey
        type: check
        when: seats >= 50
`;

export function tinyDefinitionRow(text = TINY_YAML): DefinitionRow {
  const result = validateDefinitionText(text, 'tiny-office.yaml');
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const { definition, hash } = result;
  return {
    key: `${definition.id}@${definition.version}`,
    id: definition.id,
    version: definition.version,
    title: definition.title,
    kind: definition.kind,
    hash,
    source: 'bundled',
    text,
    definition,
    addedAt: '2025-05-29T08:00:00.000Z',
  };
}

export const ana: Actor = { id: 'u-ana', name: 'Ana Admin', role: 'admin' };

let counter = 0;

/** A unique database name per test. */
export function uniqueName(): string {
  counter += 1;
  return `test-${process.pid}-${counter}-${crypto.randomUUID()}`;
}

/** A database of its own, seeded with the tiny template. */
export async function freshDatabase(
  options: { seed?: boolean; beforeOpen?: (db: GoLiveDatabase) => void } = {},
): Promise<GoLiveDatabase> {
  const db = openDatabase(uniqueName());
  options.beforeOpen?.(db);
  await db.open();
  if (options.seed !== false) await db.definitions.put(tinyDefinitionRow());
  return db;
}

/**
 * A storage layer wrapper (Dexie middleware) that makes writes to `table` fail the way a full disk
 * does, while `disk.full` is true.
 */
export function simulateFullDisk(db: GoLiveDatabase, table: string, disk: { full: boolean }): void {
  db.use({
    stack: 'dbcore',
    name: 'simulate-full-disk',
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (request) =>
            disk.full
              ? Promise.reject(
                  new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
                )
              : inner.mutate(request),
        };
      },
    }),
  });
}

/** A fixed clock that moves one minute per call (deterministic timestamps). */
export function steppingClock(start = Date.UTC(2025, 4, 31, 9, 0)): () => Date {
  let minutes = 0;
  return () => new Date(start + 60_000 * minutes++);
}

/**
 * Writes a run in progress as the app did before device chains (schema v2/v3): format-1 events
 * (no chain, no clock; the hash covers everything but itself) in the single-log `events` table.
 */
export async function seedSingleLogRun(
  older: Dexie,
  actions: readonly Action[],
): Promise<{ run: RunRow; events: Record<string, unknown>[]; answers: Answer[] }> {
  const row = tinyDefinitionRow();
  await older.table('definitions').put(row);
  const run: RunRow = {
    id: 'run-single-log',
    definitionId: row.id,
    definitionVersion: row.version,
    definitionHash: row.hash,
    kind: row.kind,
    name: 'Berlin office',
    parameters: { seats: 12 },
    plannedGoLive: '2025-06-02',
    createdAt: '2025-05-30T08:00:00.000Z',
    createdBy: ana,
    state: 'in-progress',
    updatedAt: '2025-05-30T08:00:00.000Z',
  };
  const answers = new Map<string, Answer>();
  const events: Record<string, unknown>[] = [];
  let previousHash = GENESIS_HASH;
  actions.forEach((action, i) => {
    const now = new Date(Date.UTC(2025, 4, 31, 9, i)).toISOString();
    const result = applyAction(
      { definition: row.definition, run, answers, actor: ana, now },
      action,
    );
    if (!result.ok) throw new Error(result.error.message);
    answers.set(result.answer.itemId, result.answer);
    const unhashed = { ...result.event, seq: i + 1, prevHash: previousHash };
    const hash = sha256Hex(canonicalJson(unhashed));
    events.push({ ...unhashed, hash });
    previousHash = hash;
  });
  await older.table('runs').put(run);
  await older.table('answers').bulkPut([...answers.values()]);
  await older.table('events').bulkPut(events);
  return { run, events, answers: [...answers.values()] };
}
