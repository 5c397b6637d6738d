// Benchmark of shared runs (issue 13): five laptops of one office each record 2,000 events on the
// same run, offline from each other (notes on every visible item, so chains are concurrent and
// items conflict), and push them to a real hub on SQLite on 127.0.0.1. Then: (1) the merge of the
// 5 x 2,000 events into answers (core RunLog: clocks, heads, conflicts), the median of several
// rounds (goal < 200 ms); (2) a fresh laptop syncing the 10,000 events from the hub, page by page
// over HTTP, merging each page as the app does (goal < 3 s on loopback). Prints only.
// Run: npx tsx test/bench/shared-runs.bench.ts (BENCH_SHARED_EVENTS per device, default 2000).
import { RunLog, runVisibility, type RunEvent } from '../../core/runs';
import { PATHS } from '../../core/sync/wire-protocol';
import { definition, makeRun } from '../unit/core/runs/fixtures';
import { sqliteFactory, startTestHub } from '../integration/hub/hub-harness';
import {
  BERLIN,
  Device,
  enrollDevice,
  enrollUser,
  shareRequest,
} from '../integration/hub/shared-runs/run-fixtures';

const DEVICES = 5;
const EVENTS = Number(process.env.BENCH_SHARED_EVENTS ?? 2000);
const PUSH_BATCH = 400;
const ROUNDS = 7;
const RUN = 'run-bench-shared';

const hub = await startTestHub(sqliteFactory());
try {
  const owner = await enrollUser(hub, 'owner', {
    name: 'Ana Admin',
    role: 'admin',
    office: BERLIN,
  });
  const shared = await hub.request('POST', PATHS.runs, {
    token: owner.token,
    json: shareRequest(RUN, BERLIN),
  });
  if (shared.status !== 201) throw new Error(`share: ${shared.status}`);

  const items = runVisibility(definition, makeRun({ id: RUN })).visible.map((ref) => ref.item.id);
  const laptops: Device[] = [];
  for (let d = 0; d < DEVICES; d++) {
    const laptop = await enrollDevice(hub, `laptop-${d}`, owner.user);
    const device = new Device(hub, laptop, RUN, `chain-laptop-${d}`, owner.actor);
    for (let i = 0; i < EVENTS; i++) {
      device.record({
        type: 'setNotes',
        itemId: items[(i + d) % items.length]!,
        notes: `Laptop ${d}, pass ${i}: patch panel checked, photos taken.`,
      });
    }
    laptops.push(device);
  }

  // Push every chain, in batches the hub accepts.
  for (const device of laptops) {
    const own = device.own();
    for (let start = 0; start < own.length; start += PUSH_BATCH) {
      const response = await device.post(own.slice(start, start + PUSH_BATCH));
      if (response.status !== 200 && response.status !== 201) {
        throw new Error(`push: ${response.status} ${JSON.stringify(response.json)}`);
      }
    }
  }
  const all: RunEvent[] = laptops.flatMap((device) => [...device.own()]);

  // (1) Merge: every chain, interleaved as a sync would deliver them.
  const interleaved = [...all].sort((a, b) => a.seq - b.seq || a.chain.localeCompare(b.chain));
  const merges: number[] = [];
  let conflicts = 0;
  for (let round = 0; round <= ROUNDS; round++) {
    const started = performance.now();
    const log = RunLog.of(RUN, interleaved);
    const answers = log.answers();
    const elapsed = performance.now() - started;
    if (answers.size === 0 || log.events().length !== all.length)
      throw new Error('merge lost events');
    conflicts = log.conflictIds().size;
    if (round > 0) merges.push(elapsed); // round 0 warms up
  }
  merges.sort((a, b) => a - b);
  const merge = merges[Math.floor(merges.length / 2)]!;
  console.log(
    `shared runs: merge ${DEVICES} devices x ${EVENTS.toLocaleString('en')} events into answers: ${merge.toFixed(0)} ms ` +
      `(median of ${ROUNDS}; goal < 200 ms, ${(merge / 200).toFixed(2)}x the goal; ${conflicts} items in conflict)`,
  );

  // (2) Sync: a fresh laptop pulls every event from the hub and merges it.
  const fresh = await enrollDevice(hub, 'fresh', owner.user);
  const device = new Device(hub, fresh, RUN, 'chain-fresh', owner.actor);
  const started = performance.now();
  const received = await device.pull();
  const sync = performance.now() - started;
  if (received !== all.length) throw new Error(`sync received ${received} of ${all.length}`);
  console.log(
    `shared runs: sync ${received.toLocaleString('en')} events hub -> device on loopback (SQLite, pages over HTTP, merged): ` +
      `${Math.round(sync)} ms (goal < 3 s, ${(sync / 3000).toFixed(2)}x the goal)`,
  );
} finally {
  await hub.close();
}
