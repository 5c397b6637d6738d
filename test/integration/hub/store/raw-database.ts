// Plain SQL on a hub database, beside the store: better-sqlite3 on the SQLite file, a pg client on
// the PostgreSQL database. The store tests use it to build databases as earlier hubs left them and
// to look at what the store wrote. Statements use `?` placeholders on both engines.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { HubStore } from '../../../../hub/store/hub-store';
import { openPostgresStore, openSqliteStore } from '../../../../hub/store/open-store';
import type { PostgresCluster } from '../postgres-cluster';

export type Row = Record<string, unknown>;

export interface RawDatabase {
  engine: 'sqlite' | 'postgres';
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
  run(statement: string, params?: unknown[]): Promise<void>;
  rows(query: string, params?: unknown[]): Promise<Row[]>;
  /** Opens the hub's store on this database. */
  openStore(): Promise<HubStore>;
  /** Closes the raw connection and removes the database's files (SQLite). */
  close(): Promise<void>;
}

export type RawDatabaseFactory = () => Promise<RawDatabase>;

export function rawSqlite(): RawDatabaseFactory {
  return async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-store-'));
    const file = path.join(dir, 'hub.sqlite');
    const db = new Database(file);
    // As the hub's earlier store opened its file.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    return {
      engine: 'sqlite',
      exec: async (script) => {
        db.exec(script);
      },
      run: async (statement, params = []) => {
        db.prepare(statement).run(...params);
      },
      rows: async (query, params = []) => db.prepare(query).all(...params) as Row[],
      openStore: () => openSqliteStore(file),
      close: async () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** `?` placeholders as PostgreSQL's $1, $2, … (the tests' statements have no `?` in literals). */
function numbered(statement: string): string {
  let n = 0;
  return statement.replace(/\?/g, () => `$${++n}`);
}

export function rawPostgres(cluster: PostgresCluster): RawDatabaseFactory {
  return async () => {
    const url = await cluster.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      engine: 'postgres',
      exec: async (script) => {
        await client.query(script);
      },
      run: async (statement, params = []) => {
        await client.query(numbered(statement), params);
      },
      rows: async (query, params = []) => (await client.query(numbered(query), params)).rows,
      openStore: () => openPostgresStore(url),
      close: () => client.end(),
    };
  };
}
