// Benchmark: the head of ICT's comparison of 200 offices x 300 items: observe every run (latest
// snapshot and/or signed report), build the rollout rows, the section heatmaps of both templates,
// blockers by department and the progress trends (12 snapshots a run, down-sampled to 8 points).
// The data is generated up front (test/unit/core/compare/generate.ts); each step is timed over
// several rounds after a warm-up and the median printed. Prints numbers only.
// Run: npx tsx test/bench/compare.bench.ts (BENCH_COMPARE_OFFICES, default 200).
import {
  blockersByDepartment,
  buildRolloutRows,
  buildSectionHeatmap,
  departmentTitles,
  observeRollouts,
  progressTrends,
} from '../../core/compare';
import { generateWorld } from '../unit/core/compare/generate';

const OFFICES = Number(process.env.BENCH_COMPARE_OFFICES ?? 200);
const ITEMS = 300;
const ROUNDS = 7;

const generatedAt = performance.now();
const world = generateWorld({ offices: OFFICES, items: ITEMS, snapshotsPerRun: 12 });
const generateMs = performance.now() - generatedAt;

function aggregate() {
  const times: Record<string, number> = {};
  const time = <T>(name: string, step: () => T): T => {
    const started = performance.now();
    const result = step();
    times[name] = performance.now() - started;
    return result;
  };
  const observations = time('observe', () => observeRollouts(world.sources, world.catalog));
  const rows = time('rows', () => buildRolloutRows(observations, { today: world.today }));
  const heatmaps = time('heatmap', () =>
    ['new-office', 'client-onboarding'].map((definitionId) =>
      buildSectionHeatmap(observations, { definitionId, catalog: world.catalog }),
    ),
  );
  const blockers = time('blockers', () =>
    blockersByDepartment(rows, departmentTitles(world.catalog)),
  );
  const trends = time('trends', () => progressTrends(world.snapshots, { maxPoints: 8 }));
  times.total = Object.values(times).reduce((sum, ms) => sum + ms, 0);
  if (rows.length !== OFFICES || heatmaps.length !== 2 || trends.length !== OFFICES) {
    throw new Error('compare: unexpected result sizes');
  }
  return { times, blockers: blockers.length };
}

aggregate();
const rounds = Array.from({ length: ROUNDS }, aggregate);
const median = (name: string) => {
  const sorted = rounds.map((round) => round.times[name] ?? 0).sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] ?? 0).toFixed(1);
};
const itemsPerRun = Math.round(
  world.runs.reduce((sum, run) => sum + run.latestStatuses.size, 0) / world.runs.length,
);
console.log(
  `compare: ${OFFICES} offices x ${ITEMS} items (${itemsPerRun} visible/run, ${world.snapshots.length} snapshots, ` +
    `${world.reports.length} reports; generated in ${Math.round(generateMs)} ms): ` +
    `observe ${median('observe')} ms, rows ${median('rows')} ms, heatmap ${median('heatmap')} ms, ` +
    `blockers ${median('blockers')} ms, trends ${median('trends')} ms, ` +
    `total ${median('total')} ms (median of ${ROUNDS})`,
);
