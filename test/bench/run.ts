// Runs every test/bench/*.bench.ts, one after the other (`npm run bench`).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const benchDirectory = import.meta.dirname;
const files = readdirSync(benchDirectory)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();
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
