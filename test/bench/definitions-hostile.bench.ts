// Benchmark: the definition validator on hostile input near the size limit (deep nesting, many
// keys, a long flow mapping, many aliases): the same inputs validate-definition.test.ts checks
// for their outcome, timed here because tests never assert timings. Numbers only.
// Run: npx tsx test/bench/definitions-hostile.bench.ts (BENCH_ROUNDS, default 3).
import { validateDefinitionText } from '../../core/definitions';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const inputs: [string, string][] = [
  ['compact sequences', '- '.repeat(400_000)],
  ['explicit keys', '? '.repeat(400_000)],
  ['indentation', Array.from({ length: 1_400 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n')],
  ['flow collections', `a: ${'[ '.repeat(400_000)}`],
  ['many keys', Array.from({ length: 90_000 }, (_, index) => `k${index}: v`).join('\n')],
  [
    'a long flow mapping',
    `{${Array.from({ length: 80_000 }, (_, index) => `k${index}: 1`).join(', ')}}`,
  ],
  ['many aliases', `a: &x 1\nb: [${Array.from({ length: 100_000 }, () => '*x').join(',')}]`],
];

for (const [name, text] of inputs) {
  validateDefinitionText(text, 'warm-up.yaml');
  const started = performance.now();
  let problems = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const result = validateDefinitionText(text, 'hostile.yaml');
    problems = result.ok ? 0 : result.problems.length;
  }
  const each = (performance.now() - started) / ROUNDS;
  console.log(
    `definitions: hostile ${name} (${(text.length / 1e6).toFixed(1)} MB): ${each.toFixed(0)} ms, ${problems} problems`,
  );
}
