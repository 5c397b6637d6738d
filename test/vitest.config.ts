// Unit and integration tests (vitest). Node by default; a renderer test opts into jsdom with
// `// @vitest-environment jsdom` at its top.
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // One worker (vitest's default on 2 cores): two ran the suite in ~240 s instead of ~330 s, but
    // the hub's early-refusal timing test then met a reset instead of its 413 once in three runs.
    maxWorkers: 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
