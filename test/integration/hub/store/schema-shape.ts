// The shape of the hub's tables as the engine itself reports it (columns, types, nullability,
// defaults, keys, indexes, foreign keys, checks), to compare a database built by today's
// migrations with one adopted from the earlier migrator.
import { INITIAL_TABLES } from '../../../../hub/store/migrations/legacy-bookkeeping';
import type { RawDatabase, Row } from './raw-database';

/** The CHECK (…) clauses of a CREATE TABLE statement, lower case, spaces collapsed. */
function checkClauses(createSql: string): string[] {
  const text = createSql.toLowerCase().replace(/\s+/g, ' ');
  const checks: string[] = [];
  let from = text.indexOf('check (');
  while (from !== -1) {
    let depth = 0;
    let end = from + 'check '.length;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      if (text[end] === ')') depth -= 1;
      if (depth === 0) break;
    }
    checks.push(text.slice(from, end + 1));
    from = text.indexOf('check (', end);
  }
  return checks.sort();
}

async function sqliteShape(raw: RawDatabase): Promise<Row> {
  const shape: Row = {};
  for (const table of INITIAL_TABLES) {
    const columns = (await raw.rows(`PRAGMA table_info(${table})`)).map((c) => ({
      ...c,
      type: String(c.type).toLowerCase(),
    }));
    const indexes: Row[] = [];
    for (const index of await raw.rows(`PRAGMA index_list(${table})`)) {
      const info = await raw.rows(`PRAGMA index_info(${String(index.name)})`);
      indexes.push({ ...index, seq: undefined, columns: info.map((column) => column.name) });
    }
    const foreignKeys = await raw.rows(`PRAGMA foreign_key_list(${table})`);
    const [created] = await raw.rows(
      "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
      [table],
    );
    shape[table] = {
      columns,
      indexes: indexes.sort((a, b) => String(a.name).localeCompare(String(b.name))),
      foreignKeys,
      checks: checkClauses(String(created?.sql ?? '')),
    };
  }
  return shape;
}

async function postgresShape(raw: RawDatabase): Promise<Row> {
  const columns = await raw.rows(
    `SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default,
       collation_name
     FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ANY(?)
     ORDER BY table_name, ordinal_position`,
    [INITIAL_TABLES],
  );
  const constraints = await raw.rows(
    `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS def
     FROM pg_constraint
     WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text = ANY(?)
     ORDER BY 1, 2`,
    [INITIAL_TABLES],
  );
  const indexes = await raw.rows(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY(?) ORDER BY 1, 2`,
    [INITIAL_TABLES],
  );
  return { columns, constraints, indexes };
}

export function schemaShape(raw: RawDatabase): Promise<Row> {
  return raw.engine === 'sqlite' ? sqliteShape(raw) : postgresShape(raw);
}

export async function tableNames(raw: RawDatabase): Promise<string[]> {
  const rows =
    raw.engine === 'sqlite'
      ? await raw.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      : await raw.rows(
          'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1',
        );
  return rows.map((row) => String(row.name));
}
