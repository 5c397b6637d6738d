// Runs every test/bench/*.bench.ts, one after the other (`npm run bench`), after building the
// renderer so the browser benches measure this source (BENCH_SKIP_BUILD=1 keeps dist/ as it is).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benchDirectory = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
  .sort();
if (!process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync('npm', ['run', 'build:renderer'], {
    cwd: path.resolve(benchDirectory, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error('npm run build:renderer failed');
    process.exit(1);
  }
}
const failed: string[] = [];
for (const file of files) {
  const result = spawnSync('npx', ['tsx', path.join(benchDirectory, file)], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) failed.push(`${file} (exit ${result.status ?? result.signal})`);
}
if (files.length === 0) console.log('no benchmarks in test/bench');
if (failed.length > 0) {
  console.error(`benchmarks failed: ${failed.join(', ')}`);
  process.exit(1);
}
