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
    // Two workers (vitest's default on 2 cores is one): the suite mostly waits on servers and
    // databases, and ran in ~240 s instead of ~330 s. The reset the early-refusal test once met
    // with two was the hub's, fixed in hub/linger.ts.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
