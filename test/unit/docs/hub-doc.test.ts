// docs/hub.md, the operator's guide, stays true to the hub: its "Configure" table has a row for
// every environment variable the hub reads (found in hub/'s sources) and none for a variable it
// does not; hub/compose.yaml hands each of them to the container (but SQLite's folder); and every
// admin command the guide names, however it is run (npm run hub --, the built node dist/hub/main.js,
// systemd's golive-hub-admin), is a command hub/cli.ts knows. (readme-commands.test.ts runs the
// guide's `npm run hub -- …` lines.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const guide = read('docs/hub.md');

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** HUB_* variables the hub reads: `env.HUB_X`, `env['HUB_X']`, or a reader's `(env, 'HUB_X')`. */
export function variablesRead(code: string): string[] {
  const pattern =
    /\benv\.(HUB_[A-Z0-9_]+)|\benv\[['"](HUB_[A-Z0-9_]+)['"]\]|\(env, '(HUB_[A-Z0-9_]+)'/g;
  return [...code.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

const read_by_hub = [
  ...new Set(sources('hub').flatMap((file) => variablesRead(read(file)))),
].sort();

/** The variables in the first column of the table under "## 3. Configure". */
function configureTable(markdown: string): string[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('3. Configure')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? '');
}

/** Sub-commands of hub/cli.ts's run(): its `case '…':` labels. */
function cliCommands(): string[] {
  return [...read('hub/cli.ts').matchAll(/^\s+case '([a-z-]+)':/gm)].map((m) => m[1] ?? '');
}

/** The admin command after each way of running the hub the guide uses. */
function commandsNamed(markdown: string): { runner: string; command: string }[] {
  const runners = ['npm run hub --', 'node dist/hub/main.js', 'golive-hub-admin'];
  const found: { runner: string; command: string }[] = [];
  for (const runner of runners) {
    const escaped = runner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const match of markdown.matchAll(new RegExp(`${escaped} ([a-z][a-z-]*)`, 'g'))) {
      found.push({ runner, command: match[1] ?? '' });
    }
  }
  return found;
}

describe('docs/hub.md', () => {
  it('finds the variables the hub reads (the scan works)', () => {
    expect(
      variablesRead("x = env.HUB_PORT; flag(env, 'HUB_NOTIFY', true); env['HUB_LOG']"),
    ).toEqual(['HUB_PORT', 'HUB_NOTIFY', 'HUB_LOG']);
    expect(read_by_hub).toEqual(
      expect.arrayContaining(['HUB_DATABASE_URL', 'HUB_RATE_LIMIT_PER_MINUTE', 'HUB_SMTP_URL']),
    );
    expect(read_by_hub.length).toBeGreaterThanOrEqual(16);
  });

  it('lists every variable the hub reads in one table, and no other', () => {
    const listed = configureTable(guide);
    expect([...listed].sort()).toEqual(read_by_hub);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it("passes each of them through hub/compose.yaml (but SQLite's folder)", () => {
    const compose = parse(read('hub/compose.yaml')) as {
      services: { hub: { environment: Record<string, string> } };
    };
    const passed = Object.keys(compose.services.hub.environment);
    expect(read_by_hub.filter((name) => name !== 'HUB_DATA_DIR' && !passed.includes(name))).toEqual(
      [],
    );
  });

  it('names only admin commands the hub has', () => {
    const known = cliCommands();
    expect(known).toEqual(expect.arrayContaining(['serve', 'enroll', 'users', 'backup']));
    const named = commandsNamed(guide);
    expect(named.length).toBeGreaterThan(10);
    expect(named.map(({ runner }) => runner)).toEqual(
      expect.arrayContaining(['npm run hub --', 'node dist/hub/main.js', 'golive-hub-admin']),
    );
    expect(named.filter(({ command }) => !known.includes(command))).toEqual([]);
  });
});
