// Reads the numbered migration files of one engine (migrations/<engine>/NNN_name.sql), in order.
// Both runners (sqlite-migrate.ts, postgres-migrate.ts) apply each missing one in a transaction and
// record it in schema_migrations, so a store opened twice applies nothing the second time.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export function migrationFiles(engine: 'sqlite' | 'postgres'): MigrationFile[] {
  const directory = path.join(import.meta.dirname, 'migrations', engine);
  const files: MigrationFile[] = [];
  for (const fileName of readdirSync(directory).sort()) {
    const match = FILE_NAME.exec(fileName);
    if (!match) {
      throw new Error(`hub migrations: ${engine}/${fileName} is not named NNN_name.sql`);
    }
    files.push({
      version: Number(match[1]),
      name: match[2] as string,
      sql: readFileSync(path.join(directory, fileName), 'utf8'),
    });
  }
  files.forEach((file, index) => {
    if (file.version !== index + 1) {
      throw new Error(
        `hub migrations: ${engine} versions must run 1, 2, 3… (found ${file.version})`,
      );
    }
  });
  return files;
}
