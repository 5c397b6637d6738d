// The built hub (npm run build:hub → dist/hub/main.js) is plain JavaScript that starts with `node`:
// it imports from node_modules only the hub workspace's dependencies, serves, answers its health
// check, runs the admin commands on the same store and stops cleanly on SIGTERM, on SQLite and on a
// throwaway PostgreSQL cluster; it refuses bad settings with one line and applies the ones it reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, WIRE_PROTOCOL_VERSION } from '../../../core/sync/wire-protocol';
import { describeOnPostgres } from '../hub/on-postgres';
import type { BuiltHub } from './built-hub';
import { buildHubForTest, root, runBuiltHub, serveBuiltHub } from './built-hub';

let hub: BuiltHub;

beforeAll(async () => {
  hub = await buildHubForTest();
}, 60_000);

afterAll(() => hub?.remove());

/** Enrolls a user with the built CLI, serves, checks health, stops; then lists users. */
async function serveAndAdminister(env: NodeJS.ProcessEnv): Promise<void> {
  const enrolled = runBuiltHub(
    hub.entry,
    ['enroll', '--name', 'Ana Admin', '--role', 'admin', '--office', 'Berlin'],
    env,
  );
  expect(enrolled.stderr).toBe('');
  expect(enrolled.status).toBe(0);
  expect(enrolled.stdout).toMatch(/One-time enrollment code for Ana Admin/);

  const serving = await serveBuiltHub(hub.entry, env);
  try {
    const health = await fetch(`${serving.url}${PATHS.health}`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      protocolVersion: WIRE_PROTOCOL_VERSION,
    });
    const openApi = await fetch(`${serving.url}${PATHS.openApi}`);
    expect(openApi.status).toBe(200);
  } finally {
    const code = await serving.stop();
    expect(serving.output()).toMatch(/hub: stopping/);
    expect(code, serving.output()).toBe(0);
  }

  const users = runBuiltHub(hub.entry, ['users'], env);
  expect(users.status).toBe(0);
  expect(users.stdout).toMatch(/Ana Admin, admin, office Berlin/);
}

describe('the built hub', () => {
  it('imports only the hub workspace dependencies from node_modules, and nothing of tsx', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'hub', 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const packageOf = (specifier: string): string =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    const imported = [...new Set(hub.imports.map(packageOf))];
    expect(imported).toEqual(expect.arrayContaining(['fastify', 'better-sqlite3', 'pg']));
    expect(imported.filter((name) => manifest.dependencies[name] === undefined)).toEqual([]);
  });

  it('runs with node on SQLite: admin commands, serve, health, clean stop', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'built-hub-'));
    try {
      await serveAndAdminister({ HUB_DATA_DIR: dataDir, HUB_DATABASE_URL: '' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a bad setting with one line and exit code 1', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'built-hub-'));
    try {
      const result = runBuiltHub(hub.entry, ['serve'], {
        HUB_DATA_DIR: dataDir,
        HUB_DATABASE_URL: '',
        HUB_PORT: 'eighty',
      });
      expect(result.stderr.trim()).toBe(
        'hub: HUB_PORT must be a port number (0-65535), not "eighty".',
      );
      expect(result.status).toBe(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a HUB_RATE_LIMIT_PER_MINUTE that is not a whole number from 1 to 1000000', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'built-hub-'));
    try {
      for (const bad of ['0', '2.5', 'lots', '1000001']) {
        const result = runBuiltHub(hub.entry, ['serve'], {
          HUB_DATA_DIR: dataDir,
          HUB_DATABASE_URL: '',
          HUB_RATE_LIMIT_PER_MINUTE: bad,
        });
        expect(result.stderr.trim()).toBe(
          `hub: HUB_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1000000, not "${bad}".`,
        );
        expect(result.status).toBe(1);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('applies HUB_RATE_LIMIT_PER_MINUTE: the next request over it is told 429 with the limit', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'built-hub-'));
    // serveBuiltHub's own health check is the first request of the address's health budget.
    const serving = await serveBuiltHub(hub.entry, {
      HUB_DATA_DIR: dataDir,
      HUB_DATABASE_URL: '',
      HUB_RATE_LIMIT_PER_MINUTE: '2',
    });
    try {
      const second = await fetch(`${serving.url}${PATHS.health}`);
      expect(second.status).toBe(200);
      const third = await fetch(`${serving.url}${PATHS.health}`);
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await third.json()).toMatchObject({
        error: 'rate-limited',
        message: expect.stringContaining('at most 2 per 60 s'),
      });
    } finally {
      expect(await serving.stop()).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

await describeOnPostgres('the built hub on PostgreSQL', (cluster) => {
  it('runs with node on PostgreSQL: admin commands, serve, health, clean stop', async () => {
    const url = await cluster().createDatabase();
    await serveAndAdminister({ HUB_DATABASE_URL: url });
  }, 60_000);
});
