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
    // vitest's default on 2 cores is 1 worker; most files here wait on servers, databases and
    // browsers rather than compute: 2 workers ran it in 238 s beside other work, 1 took 330 s idle.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
