// docs/shared-runs.md, the merge rules for the people who must trust them, stays true to the code:
// every source file it names exists, and every function, field and refusal code it names in
// backticks is in the code that does what it says (core/runs, core/reports, the storage and the
// hub's relay). A rename in the code fails here until the page says the new name.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const page = readFileSync(join(ROOT, 'docs/shared-runs.md'), 'utf8');
const CODE_DIRS = [
  'core/runs',
  'core/reports',
  'renderer/storage',
  'renderer/features/team',
  'hub/shared-runs',
  'core/sync',
  'test/unit/core/runs',
];

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = CODE_DIRS.flatMap(filesUnder).filter((path) => /\.tsx?$/.test(path));
const code = sources.map((path) => readFileSync(join(ROOT, path), 'utf8')).join('\n');

/** Backticked spans (the page has no fenced blocks). */
const spans = [...page.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');

describe('docs/shared-runs.md', () => {
  it('names source files that exist', () => {
    const files = spans.filter((span) => /^[\w./-]+\.tsx?$/.test(span));
    expect(files.length).toBeGreaterThan(10);
    const missing = files.filter((file) => {
      if (file.includes('/')) {
        const direct = sources.some((path) => path === file || path.endsWith(`/${file}`));
        return !direct;
      }
      return !sources.some((path) => path.endsWith(`/${file}`));
    });
    expect(missing, `files the page names that ${CODE_DIRS.join(', ')} do not hold`).toEqual([]);
  });

  it('names functions, fields and refusal codes the code has', () => {
    const names = spans.filter((span) => /^[a-zA-Z][\w-]*(\.[\w]+)?(\(\))?$/.test(span));
    expect(names.length).toBeGreaterThan(20);
    const unknown = names
      .map((name) => name.replace(/\(\)$/, '').split('.').at(-1) ?? name)
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
    expect(unknown, 'names the page uses that the code does not').toEqual([]);
  });

  it('is linked from the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('(docs/shared-runs.md)');
  });
});
