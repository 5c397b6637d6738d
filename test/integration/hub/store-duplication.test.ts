// The duplicate-code report (jscpd, a copy/paste detector) over hub/: no store is written twice.
// Issue 12 replaced a SQLite store and a PostgreSQL store that were one store in two dialects by
// one store on Kysely; this keeps it that way. No clone may touch the store's code (the migrations,
// frozen history, may repeat a column list), and the whole hub stays under 1 % duplicated lines.
// The check bites: a second copy of the store beside the first is reported.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const jscpd = path.join(root, 'node_modules', '.bin', 'jscpd');
const scratch = mkdtempSync(path.join(tmpdir(), 'hub-duplication-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Clone {
  firstFile: { name: string; start: number; end: number };
  secondFile: { name: string; start: number; end: number };
  lines: number;
}

interface Report {
  duplicates: Clone[];
  statistics: { total: { sources: number; percentage: number } };
}

/** jscpd's JSON report on a folder (file names relative to it), TypeScript, clones of 50+ tokens. */
function duplication(folder: string, name: string): Report {
  const output = path.join(scratch, name);
  const args = ['--format', 'typescript', '--min-tokens', '50', '--reporters', 'json'];
  const result = spawnSync(jscpd, [folder, ...args, '--output', output], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`jscpd failed: ${result.stderr}${result.stdout}`);
  return JSON.parse(readFileSync(path.join(output, 'jscpd-report.json'), 'utf8')) as Report;
}

const where = (clone: Clone) =>
  `${clone.firstFile.name}:${clone.firstFile.start}-${clone.firstFile.end} = ${clone.secondFile.name}:${clone.secondFile.start}-${clone.secondFile.end}`;

const isStoreCode = (name: string) =>
  name.startsWith('store/') && !name.startsWith('store/migrations/');

describe('the duplicate-code report over hub/', () => {
  it('shows no store written twice, and under 1 % duplicated lines in the hub', () => {
    const report = duplication(path.join(root, 'hub'), 'hub');
    expect(report.statistics.total.sources).toBeGreaterThan(50);
    const inStore = report.duplicates.filter(
      (clone) => isStoreCode(clone.firstFile.name) || isStoreCode(clone.secondFile.name),
    );
    expect(inStore.map(where)).toEqual([]);
    expect(report.statistics.total.percentage).toBeLessThan(1);
  });

  it('reports a store written twice (the check bites)', () => {
    const copy = mkdtempSync(path.join(scratch, 'two-stores-'));
    const store = path.join(root, 'hub', 'store', 'kysely-store.ts');
    copyFileSync(store, path.join(copy, 'sqlite-store.ts'));
    copyFileSync(store, path.join(copy, 'postgres-store.ts'));
    const report = duplication(copy, 'two-stores');
    expect(report.duplicates.length).toBeGreaterThan(0);
    expect(report.statistics.total.percentage).toBeGreaterThan(40);
  });
});
