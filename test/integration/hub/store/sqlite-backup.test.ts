// `npm run hub -- backup <file>` on a live SQLite hub: the real CLI in a child process copies the
// database while the hub in this process keeps storing snapshots; the copy opens as a hub store
// with everything stored before the backup began, and is one checked file. Also: an existing file
// is never replaced (backupSqlite in process), and a PostgreSQL hub is pointed to pg_dump.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../../../core/sync/wire-protocol';
import type { HubStore } from '../../../../hub/store/hub-store';
import { backupSqlite } from '../../../../hub/store/backup';
import { openSqliteStore } from '../../../../hub/store/open-store';
import type { StoreFactory, TestHub } from '../hub-harness';
import { startTestHub } from '../hub-harness';
import type { People } from '../people';
import { BERLIN, enrollPeople, snapshot } from '../people';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run hub -- <args>` as the package script runs it (tsx), in a child process. */
async function hubCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const cleanEnv = { ...process.env, HUB_DATA_DIR: '', HUB_DATABASE_URL: '', ...env };
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'hub/cli.ts', ...args],
      { cwd: ROOT, env: cleanEnv },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('hub backup (SQLite)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-backup-data-'));
  const backupDir = mkdtempSync(path.join(tmpdir(), 'hub-backup-copies-'));
  const liveFile = path.join(dataDir, 'hub.sqlite');
  let hub: TestHub;
  let people: People;

  beforeAll(async () => {
    const factory: StoreFactory = {
      engine: 'sqlite',
      fresh: async () => ({
        store: await openSqliteStore(liveFile),
        reopen: () => openSqliteStore(liveFile),
        cleanup: () => undefined,
      }),
    };
    hub = await startTestHub(factory);
    people = await enrollPeople(hub);
  });
  afterAll(async () => {
    await hub.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
  });

  const post = (runId: string, minute: number) =>
    hub.request('POST', PATHS.progress, {
      token: people.adminA.token,
      json: snapshot(runId, BERLIN, `2025-06-01T10:${String(minute).padStart(2, '0')}:00.000Z`),
    });

  it('copies the live database while the hub keeps writing; the copy opens and holds the data', async () => {
    for (let minute = 0; minute < 20; minute += 1) {
      expect((await post('run-before', minute)).status).toBe(201);
    }
    // Still in the write-ahead log, not yet in the main file: the backup must see it anyway.
    expect(existsSync(`${liveFile}-wal`)).toBe(true);
    const before = await hub.store.counts();
    const usersBefore = await hub.store.listUsers();
    const progressBefore = await hub.store.listProgress('all', 'run-before');

    const copy = path.join(backupDir, 'nightly', 'hub-copy.sqlite');
    let writing = true;
    let writtenDuring = 0;
    const writer = (async () => {
      for (let minute = 0; writing && minute < 60; minute += 1) {
        expect((await post('run-during', minute)).status).toBe(201);
        writtenDuring += 1;
      }
    })();
    const result = await hubCli(['backup', copy], { HUB_DATA_DIR: dataDir });
    writing = false;
    await writer;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up ${liveFile} to ${copy}`);
    expect(result.stdout).toContain(`${before.users} users`);
    expect(writtenDuring).toBeGreaterThan(0);
    // One self-contained file: no partial copy, no write-ahead log beside it.
    expect(existsSync(`${copy}.partial`)).toBe(false);
    expect(existsSync(`${copy}-wal`)).toBe(false);

    let restored: HubStore | undefined;
    try {
      restored = await openSqliteStore(copy);
      const counts = await restored.counts();
      for (const [table, count] of Object.entries(before)) {
        expect(counts[table]).toBeGreaterThanOrEqual(count);
      }
      expect(counts.progress_snapshots).toBeLessThanOrEqual((before.progress_snapshots ?? 0) + 60);
      expect(await restored.listUsers()).toEqual(usersBefore);
      expect(await restored.listProgress('all', 'run-before')).toEqual(progressBefore);
      const device = await restored.findDeviceByTokenHash(
        (await hub.store.listDevices()).find((d) => d.deviceId === people.adminA.deviceId)
          ?.tokenHash ?? 'missing',
      );
      expect(device?.user.userId).toBe(people.adminA.user.userId);
      expect(await restored.appliedMigrations()).toEqual(await hub.store.appliedMigrations());
      // The hub serving the live file is untouched and still writes.
      expect((await post('run-after', 0)).status).toBe(201);
    } finally {
      await restored?.close();
    }
  });

  it('never replaces an existing file, and says when there is nothing to copy', async () => {
    const taken = path.join(backupDir, 'taken.sqlite');
    writeFileSync(taken, 'an older backup');
    await expect(backupSqlite(liveFile, taken)).rejects.toThrow(
      `${taken} exists already: a backup never replaces a file`,
    );
    expect(readFileSync(taken, 'utf8')).toBe('an older backup');
    await expect(backupSqlite(liveFile, liveFile)).rejects.toThrow('cannot be the database itself');
    const nowhere = path.join(backupDir, 'no-hub-here', 'hub.sqlite');
    await expect(backupSqlite(nowhere, path.join(backupDir, 'x.sqlite'))).rejects.toThrow(
      `there is no hub database at ${nowhere}`,
    );
    expect(existsSync(path.join(backupDir, 'x.sqlite'))).toBe(false);
  });

  it('points a PostgreSQL hub to pg_dump, without showing the password', async () => {
    const result = await hubCli(['backup', path.join(backupDir, 'pg.dump')], {
      HUB_DATABASE_URL: 'postgres://hub:s3cret@127.0.0.1:1/hub',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg_dump --format=custom --file=<file> "$HUB_DATABASE_URL"');
    expect(result.stderr).toContain('postgres://hub:***@127.0.0.1:1/hub');
    expect(result.stderr).not.toContain('s3cret');
    expect(existsSync(path.join(backupDir, 'pg.dump'))).toBe(false);
  });
});
