// Everything that differs between SQLite and PostgreSQL for the hub's store, and nothing else: how
// to connect, how a transaction starts, row locks, text order and the two column types that differ.
// The store (kysely-store.ts) and the migrations (migrations/) are written once against these hooks.
// A new difference between the engines goes here, as a hook with a comment saying why it differs.
import Database from 'better-sqlite3';
import type { DatabaseConnection, Driver, RawBuilder } from 'kysely';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { HubDatabase } from './schema';

export interface DialectHooks {
  readonly engine: 'sqlite' | 'postgres';
  /** A moment: ISO 8601 text sorts in time order in SQLite; PostgreSQL has timestamptz. */
  readonly momentType: 'text' | 'timestamptz';
  readonly bytesType: 'blob' | 'bytea';
  /**
   * Whether a transaction locks the rows it reads with SELECT … FOR UPDATE (PostgreSQL). SQLite
   * has no row locks (and no FOR UPDATE): its transactions begin IMMEDIATE, holding the database's
   * one write lock from the first statement, which is stronger.
   */
  readonly locksRows: boolean;
  /**
   * A text column ordered by its bytes, so both engines list rows in the same order. SQLite's
   * default BINARY collation does that; PostgreSQL's default follows the server's locale.
   */
  byBytes(column: string): RawBuilder<string>;
}

export interface HubConnection {
  db: Kysely<HubDatabase>;
  hooks: DialectHooks;
}

const SQLITE_HOOKS: DialectHooks = {
  engine: 'sqlite',
  momentType: 'text',
  bytesType: 'blob',
  locksRows: false,
  byBytes: (column) => sql<string>`${sql.ref(column)}`,
};

const POSTGRES_HOOKS: DialectHooks = {
  engine: 'postgres',
  momentType: 'timestamptz',
  bytesType: 'bytea',
  locksRows: true,
  byBytes: (column) => sql<string>`${sql.ref(column)} collate "C"`,
};

/**
 * Transactions begin IMMEDIATE: the write lock is taken before the first read, so two processes on
 * one file never both read, then both try to write (which SQLite answers with SQLITE_BUSY at once,
 * whatever the busy timeout).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite rolls DDL back like any change, so each migration runs in one (immediate) transaction. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class HubSqliteDialect extends SqliteDialect {
  constructor(private readonly database: Database.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: this.database });
  }

  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens (creating when needed) the hub's SQLite file: WAL journal, foreign keys on. */
export function connectSqlite(file: string): HubConnection {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    database.close();
    throw error;
  }
  return { db: new Kysely({ dialect: new HubSqliteDialect(database) }), hooks: SQLITE_HOOKS };
}

/** A pool of connections to the hub's PostgreSQL database (connected on first use). */
export function connectPostgres(url: string): HubConnection {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the hub: the pool replaces it.
  pool.on('error', () => undefined);
  return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), hooks: POSTGRES_HOOKS };
}
