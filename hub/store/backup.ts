// `npm run hub -- backup <file>`: a consistent copy of a live SQLite hub through SQLite's online
// backup (better-sqlite3's backup()), safe while the hub serves requests. The copy is written
// beside its destination first, checked (integrity, row counts) and made one self-contained file,
// then put in place without ever replacing an existing file. PostgreSQL is backed up with pg_dump
// (POSTGRES_BACKUP), which knows the server's own consistency rules.
import Database from 'better-sqlite3';
import { existsSync, linkSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { COUNTED_TABLES } from './schema';

/** What the CLI prints for a PostgreSQL hub, and what docs/hub.md documents. */
export const POSTGRES_BACKUP =
  'pg_dump --format=custom --file=<file> "$HUB_DATABASE_URL"   (restore: pg_restore --clean --if-exists --dbname="$HUB_DATABASE_URL" <file>)';

export interface BackupSummary {
  source: string;
  destination: string;
  bytes: number;
  /** Rows per hub table in the copy (those it has). */
  counts: Record<string, number>;
}

export async function backupSqlite(source: string, destination: string): Promise<BackupSummary> {
  const target = path.resolve(destination);
  if (!existsSync(source)) {
    throw new Error(`there is no hub database at ${source} (is HUB_DATA_DIR set as for the hub?)`);
  }
  if (target === path.resolve(source)) throw new Error('the backup cannot be the database itself');
  if (existsSync(target)) {
    throw new Error(`${target} exists already: a backup never replaces a file, choose a new name`);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    const live = new Database(source, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      await live.backup(partial);
    } finally {
      live.close();
    }
    const counts = checkCopy(partial);
    linkSync(partial, target);
    return { source, destination: target, bytes: statSync(target).size, counts };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Checks the copy and folds it into one file (no -wal beside it); its rows per table. */
function checkCopy(file: string): Record<string, number> {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const problems = copy.pragma('integrity_check', { simple: false }) as {
      integrity_check: string;
    }[];
    if (problems.length !== 1 || problems[0]?.integrity_check !== 'ok') {
      const text = problems.map((row) => row.integrity_check).join('; ');
      throw new Error(`the copy failed SQLite's integrity check: ${text}`);
    }
    const present = new Set(
      copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
    );
    const counts: Record<string, number> = {};
    // A database the hub has not yet migrated lacks the newer tables.
    for (const table of COUNTED_TABLES.filter((name) => present.has(name))) {
      const row = copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      counts[table] = row.n;
    }
    return counts;
  } finally {
    copy.close();
  }
}
