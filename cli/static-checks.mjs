// The static checks of `npm test` (typecheck of every area, lint, formatting), two at a time.
// tsc and eslint each use one core, and in sequence they took ~6 min of CI on 2 cores; side by
// side, longest first, about half. Each check's output is printed whole when it ends, with its
// time; every check runs even after one fails, so one CI run shows every problem.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const AREAS = ['test', 'renderer', 'hub', 'cli', 'core', 'electron'];

/** Longest first, as measured here (eslint ~130 s, the test area's tsc ~100 s). */
const checks = [
  { name: 'lint', command: 'eslint', args: ['.', '--max-warnings', '0'] },
  ...AREAS.map((area) => ({
    name: `typecheck ${area}`,
    command: 'tsc',
    args: ['-p', `${area}/tsconfig.json`],
  })),
  { name: 'format', command: 'prettier', args: ['--check', '.', '--log-level', 'warn'] },
];

/** @param {{ name: string, command: string, args: string[] }} check */
function run(check) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', check.command, ...check.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    /** @type {Buffer[]} */
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${check.name} (${seconds} s)`);
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      if (text !== '') console.log(text);
      resolve(ok);
    });
  });
}

const lanes = Math.max(1, Math.min(2, availableParallelism()));
const queue = [...checks];
/** @type {string[]} */
const failed = [];
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let check = queue.shift(); check !== undefined; check = queue.shift()) {
      if (!(await run(check))) failed.push(check.name);
    }
  }),
);
if (failed.length > 0) {
  console.error(`Static checks failed: ${failed.join(', ')}.`);
  process.exit(1);
}
