// End-to-end tests. The web project drives the built renderer in Chromium (Debian's /usr/bin/chromium
// where it exists, Playwright's own browser on a developer laptop) against `cli/serve-web.mjs`.
// The electron project launches the real desktop app and skips where the Electron binary is absent.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const port = Number(process.env.E2E_PORT ?? 4174);
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: process.env.E2E_OUTPUT ?? '../test-results/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  // A busy CI machine (2 cores, a hub and several browsers per spec) answers slower than a laptop:
  // a visible state may take more than Playwright's default 5 s to appear without anything being wrong.
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1366, height: 820 },
  },
  projects: [
    {
      name: 'web',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: [
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
  webServer: {
    command: 'node cli/serve-web.mjs',
    cwd: '..',
    env: { PORT: String(port) },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
