// A throwaway PostgreSQL cluster for the hub's PostgreSQL tests: initdb into a temporary folder
// (owned by the postgres user when running as root, since PostgreSQL refuses to run as root),
// pg_ctl start on a free port bound to 127.0.0.1, one fresh database per createDatabase() call, and
// everything removed on stop(). Without PostgreSQL installed the tests are skipped with a printed
// reason, except on CI, where that is a failure (CI installs it through `node cli/setup.mjs --for-tests`).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** A new empty database; its postgres:// URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export type ClusterStart = { ok: true; cluster: PostgresCluster } | { ok: false; reason: string };

const ROOT = '/usr/lib/postgresql';

/** The bin folder of the newest installed PostgreSQL, if any. */
export function postgresBinDir(): string | undefined {
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((name) => existsSync(path.join(ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(ROOT, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function postgresUser(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/** Starts a cluster, or says why it cannot (throws on CI, where PostgreSQL must be installed). */
export async function startPostgresCluster(): Promise<ClusterStart> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    const reason = `PostgreSQL is not installed (no ${ROOT}/*/bin/initdb)`;
    if (process.env.CI) {
      throw new Error(
        `${reason}, but CI is set: the hub's PostgreSQL suite must run on CI. Install it with \`node cli/setup.mjs --for-tests\` (apt-get install postgresql).`,
      );
    }
    return {
      ok: false,
      reason: `${reason}: skipping the PostgreSQL run of the hub suite. Install it with \`apt-get install -y postgresql\`.`,
    };
  }
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? postgresUser() : undefined;
  if (isRoot && owner === undefined) {
    throw new Error('Running as root, but there is no postgres user to run PostgreSQL as.');
  }
  const asOwner = (command: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(path.join(bin, command), args, { stdio: 'pipe' });

  const dir = mkdtempSync(path.join(tmpdir(), 'hub-pg-'));
  const data = path.join(dir, 'data');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  try {
    asOwner('initdb', [
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    asOwner('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    throw new Error(`Could not start a PostgreSQL cluster: ${detail}`, { cause: error });
  }
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  const cluster: PostgresCluster = {
    async createDatabase() {
      databases += 1;
      const name = `hub_test_${databases}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return { ok: true, cluster };
}
