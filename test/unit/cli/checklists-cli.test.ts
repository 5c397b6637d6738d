// The checklists commands (validate, diff, publish) on fixture files in a temporary folder: output
// lines, exit codes, and bad input (empty, binary, missing, oversized) without stack traces.
import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDiff } from '../../../cli/checklists/diff-command';
import { runPublish } from '../../../cli/checklists/publish-command';
import { runValidate } from '../../../cli/checklists/validate-command';
import { definitionContentHash, LIMITS } from '../../../core/definitions';
import { replaceOnce, VALID_YAML } from '../core/definitions/fixtures';

const repositoryRoot = path.resolve(import.meta.dirname, '../../..');
const V110 = replaceOnce(
  replaceOnce(VALID_YAML, 'version: 1.0.0', 'version: 1.1.0'),
  'min: 2\n',
  'min: 3\n',
);
const DRAFT_NOTE = 'draft (not in checklists/lock.json; run npm run checklists:publish)';

let cwd: string;

async function write(relativePath: string, content: string | Uint8Array): Promise<void> {
  const target = path.join(cwd, relativePath);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'checklists-cli-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('checklists:validate', () => {
  it('prints one ok line per valid file, notes drafts and exits 0', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', V110);
    const result = await runValidate([], { cwd });
    expect(result).toEqual({
      exitCode: 0,
      stdout: [
        'checklists/new-office/1.0.0.yaml: ok (2 sections, 6 items)',
        `checklists/new-office/1.0.0.yaml: ${DRAFT_NOTE}`,
        'checklists/new-office/1.1.0.yaml: ok (2 sections, 6 items)',
        `checklists/new-office/1.1.0.yaml: ${DRAFT_NOTE}`,
        '2 definition files checked: 2 ok, 0 with problems',
      ],
      stderr: [],
    });
  });

  it('prints path:line:col: message for each problem and exits 1', async () => {
    await write(
      'checklists/new-office/1.0.0.yaml',
      replaceOnce(VALID_YAML, 'severity: blocking', 'severity: critical'),
    );
    const result = await runValidate([], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      'checklists/new-office/1.0.0.yaml:33:19: sections[0].items[0].severity: "critical" is not allowed: use one of blocking, major, minor',
      `checklists/new-office/1.0.0.yaml: ${DRAFT_NOTE}`,
      '1 definition file checked: 0 ok, 1 with problems',
    ]);
  });

  it('reports empty, binary, non-UTF-8 and oversized files without stack traces', async () => {
    await write('defs/empty.yaml', '');
    await write('defs/binary.yaml', new Uint8Array([0x69, 0x64, 0x3a, 0x20, 0x00, 0x01, 0x02]));
    await write(
      'defs/latin1.yaml',
      new Uint8Array([0x74, 0x3a, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    );
    await write('defs/huge.yaml', 'a'.repeat(LIMITS.fileBytes + 1));
    const result = await runValidate(['defs'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      'defs/binary.yaml:1:5: the file looks binary (it contains a NUL byte): a definition must be UTF-8 text',
      expect.stringMatching(/^defs\/empty\.yaml:1:1: the file is empty: /),
      `defs/huge.yaml:1:1: the file is ${LIMITS.fileBytes + 1} bytes; at most ${LIMITS.fileBytes} are allowed: split it into smaller checklists`,
      'defs/latin1.yaml:1:7: the file is not valid UTF-8 (or contains the replacement character U+FFFD): save it as UTF-8 text',
      '4 definition files checked: 0 ok, 4 with problems',
    ]);
  });

  it('reports missing paths and folders without definitions', async () => {
    await mkdir(path.join(cwd, 'nothing-here'));
    await write('nothing-here/readme.md', '# no yaml');
    const result = await runValidate(['missing.yaml', 'nothing-here'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      'missing.yaml: not found: check the path',
      'nothing-here: no .yaml files found in this folder',
      '0 definition files checked: 0 ok, 0 with problems',
    ]);
  });

  it('says so when run where there is no checklists/ folder', async () => {
    const result = await runValidate([], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe('checklists: not found: check the path');
  });

  it('reports an unreadable file as a problem', async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    await write('defs/locked.yaml', VALID_YAML);
    await chmod(path.join(cwd, 'defs/locked.yaml'), 0o000);
    const result = await runValidate(['defs/locked.yaml'], { cwd });
    expect(result.stdout[0]).toMatch(/^defs\/locked\.yaml:1:1: cannot read the file \(EACCES\)/);
  });

  it('skips dot folders and node_modules, and checks files outside checklists/ without the lock', async () => {
    await write('fixtures/good.yaml', VALID_YAML);
    await write('fixtures/.hidden/bad.yaml', 'x');
    await write('fixtures/node_modules/bad.yaml', 'x');
    expect(await runValidate(['fixtures'], { cwd })).toEqual({
      exitCode: 0,
      stdout: [
        'fixtures/good.yaml: ok (2 sections, 6 items)',
        '1 definition file checked: 1 ok, 0 with problems',
      ],
      stderr: [],
    });
  });

  it('rejects definitions that are not at checklists/<id>/<version>.yaml', async () => {
    await write('checklists/loose.yaml', VALID_YAML);
    const result = await runValidate([], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout[0]).toBe(
      'checklists/loose.yaml:1:1: definitions live at checklists/<id>/<version>.yaml: move the file there',
    );
  });

  it('fails when a published file changed or is missing, and when the lock is malformed', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write(
      'checklists/lock.json',
      JSON.stringify({
        'new-office/1.0.0.yaml': 'f'.repeat(64),
        'new-office/0.9.0.yaml': 'e'.repeat(64),
      }),
    );
    const result = await runValidate([], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toEqual([
      'checklists/new-office/1.0.0.yaml: ok (2 sections, 6 items)',
      'checklists/new-office/1.0.0.yaml:1:1: published version changed: publish a new version (copy to checklists/new-office/1.0.1.yaml) instead of editing, and restore this file (git checkout)',
      'checklists/new-office/0.9.0.yaml:1:1: published version is missing: restore it (git checkout); published versions are never deleted',
      '1 definition file checked: 1 ok, 0 with problems, 2 lock problems',
    ]);
    await write('checklists/lock.json', '{ not json');
    const malformed = await runValidate([], { cwd });
    expect(malformed.exitCode).toBe(1);
    expect(malformed.stdout[0]).toMatch(
      /^checklists\/lock\.json:1:1: not valid JSON .*restore it from git/,
    );
  });

  it('checks only the given files against the lock', async () => {
    await write('checklists/new-office/1.1.0.yaml', V110);
    await write(
      'checklists/lock.json',
      JSON.stringify({
        'new-office/1.0.0.yaml': 'f'.repeat(64),
        'new-office/1.1.0.yaml': definitionContentHash(V110),
      }),
    );
    expect((await runValidate(['checklists/new-office/1.1.0.yaml'], { cwd })).exitCode).toBe(0);
    expect((await runValidate(['checklists/new-office'], { cwd })).stdout).toContain(
      'checklists/new-office/1.0.0.yaml:1:1: published version is missing: restore it (git checkout); published versions are never deleted',
    );
  });

  it('rejects unknown options with usage', async () => {
    expect(await runValidate(['--fix'], { cwd })).toMatchObject({
      exitCode: 2,
      stderr: ['unknown option --fix', expect.stringMatching(/^usage: /)],
    });
  });
});

describe('checklists:publish', () => {
  it('records the hashes of drafts, then has nothing more to publish', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', V110);
    const result = await runPublish([], { cwd });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toEqual([
      `published checklists/new-office/1.0.0.yaml (sha256 ${definitionContentHash(VALID_YAML).slice(0, 12)}…)`,
      `published checklists/new-office/1.1.0.yaml (sha256 ${definitionContentHash(V110).slice(0, 12)}…)`,
      'checklists/lock.json updated: commit it together with the published files',
    ]);
    expect(JSON.parse(await readFile(path.join(cwd, 'checklists/lock.json'), 'utf8'))).toEqual({
      'new-office/1.0.0.yaml': definitionContentHash(VALID_YAML),
      'new-office/1.1.0.yaml': definitionContentHash(V110),
    });
    expect((await runValidate([], { cwd })).stdout).toEqual([
      'checklists/new-office/1.0.0.yaml: ok (2 sections, 6 items)',
      'checklists/new-office/1.1.0.yaml: ok (2 sections, 6 items)',
      '2 definition files checked: 2 ok, 0 with problems',
    ]);
    expect((await runPublish([], { cwd })).stdout).toEqual([
      'nothing to publish: every definition is already in checklists/lock.json',
    ]);
  });

  it('publishes only the files given', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', V110);
    expect((await runPublish(['checklists/new-office/1.0.0.yaml'], { cwd })).exitCode).toBe(0);
    expect(
      Object.keys(JSON.parse(await readFile(path.join(cwd, 'checklists/lock.json'), 'utf8'))),
    ).toEqual(['new-office/1.0.0.yaml']);
    expect((await runPublish(['checklists/new-office/1.0.0.yaml'], { cwd })).stdout[0]).toBe(
      'checklists/new-office/1.0.0.yaml: already published',
    );
    expect((await runPublish(['elsewhere.yaml'], { cwd })).exitCode).toBe(2);
  });

  it('refuses when a definition is invalid or a published one changed, and leaves the lock alone', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await runPublish([], { cwd });
    const lockBefore = await readFile(path.join(cwd, 'checklists/lock.json'), 'utf8');
    await write(
      'checklists/new-office/1.0.0.yaml',
      replaceOnce(VALID_YAML, 'First version.', 'First version, edited.'),
    );
    await write('checklists/new-office/1.1.0.yaml', V110);
    const changed = await runPublish([], { cwd });
    expect(changed.exitCode).toBe(1);
    expect(changed.stderr).toEqual([
      'checklists/new-office/1.0.0.yaml:1:1: published version changed: put the change into the draft checklists/new-office/1.1.0.yaml instead of editing, and restore this file (git checkout)',
      'nothing published: fix the problems above first',
    ]);
    await write('checklists/new-office/1.1.0.yaml', 'id: broken\n');
    const invalid = await runPublish([], { cwd });
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr.at(-1)).toBe('nothing published: fix the problems above first');
    expect(await readFile(path.join(cwd, 'checklists/lock.json'), 'utf8')).toBe(lockBefore);
  });
});

describe('checklists:diff', () => {
  it('prints what changed between two versions', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', V110);
    expect(await runDiff(['new-office', '1.0.0', '1.1.0'], { cwd })).toEqual({
      exitCode: 0,
      stdout: [
        'new-office 1.0.0 -> new-office 1.1.0',
        'items:',
        '  ~ isp-lines: min 2 -> 3',
        'summary: 0 added, 0 removed, 1 changed, 0 moved items',
      ],
      stderr: [],
    });
  });

  it('prints changed thresholds as they are written: expressions and item references', async () => {
    const next = replaceOnce(
      replaceOnce(
        replaceOnce(V110, 'min: 3\n', 'min: "max(2, ceil(seats / 50))"\n'),
        '        max: 10000\n',
        '        max: { item: download-floor }\n        dependsOn: [download-floor]\n',
      ),
      '  - id: workplace\n    title: Workplace\n    department: workplace\n',
      '      - id: download-floor\n        title: Contracted download floor\n        type: number\n        unit: Mbit/s\n  - id: workplace\n    title: Workplace\n    department: workplace\n',
    );
    await write('a.yaml', VALID_YAML);
    await write('b.yaml', next);
    expect((await runDiff(['a.yaml', 'b.yaml'], { cwd })).stdout).toEqual([
      'new-office 1.0.0 -> new-office 1.1.0',
      'items:',
      '  + connectivity/download-floor "Contracted download floor"',
      '  ~ isp-lines: min 2 -> "max(2, ceil(seats / 50))"',
      '  ~ download-speed: max 10000 -> { item: download-floor }; dependsOn [] -> ["download-floor"]',
      'summary: 1 added, 0 removed, 2 changed, 0 moved items',
    ]);
  });

  it('accepts two file paths and says when nothing changed', async () => {
    await write('a.yaml', VALID_YAML);
    await write('b.yaml', VALID_YAML);
    expect((await runDiff(['a.yaml', 'b.yaml'], { cwd })).stdout).toEqual([
      'new-office 1.0.0 -> new-office 1.0.0',
      'no differences in sections, parameters or items',
    ]);
  });

  it('says which versions and checklists exist when a file is missing', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', V110);
    expect(await runDiff(['new-office', '1.0.0', '2.0.0'], { cwd })).toEqual({
      exitCode: 1,
      stdout: [],
      stderr: ['checklists/new-office/2.0.0.yaml: not found; versions of new-office: 1.0.0, 1.1.0'],
    });
    expect((await runDiff(['new-offce', '1.0.0', '1.1.0'], { cwd })).stderr[0]).toBe(
      'checklists/new-offce/1.0.0.yaml: not found; no checklist "new-offce", available: new-office',
    );
  });

  it('refuses to diff invalid definitions, printing their problems', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('checklists/new-office/1.1.0.yaml', '');
    const result = await runDiff(['new-office', '1.0.0', '1.1.0'], { cwd });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toEqual([
      expect.stringMatching(/^checklists\/new-office\/1\.1\.0\.yaml:1:1: the file is empty/),
      'checklists/new-office/1.1.0.yaml: fix these problems before diffing',
    ]);
  });

  it.each([
    [[]],
    [['new-office']],
    [['new-office', '1.0', '1.1.0']],
    [['New Office', '1.0.0', '1.1.0']],
  ])('explains the usage for %j', async (args) => {
    const result = await runDiff(args, { cwd });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.at(-1)).toMatch(
      /^usage: npm run checklists:diff -- <id> <from-version> <to-version>/,
    );
  });
});

describe('the entry files', () => {
  const tsx = path.join(repositoryRoot, 'node_modules/.bin/tsx');
  const run = (entry: string, args: string[]) =>
    spawnSync(tsx, [path.join(repositoryRoot, 'cli', entry), ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('print the lines and set the exit code, with no stack trace for bad input', async () => {
    await write('checklists/new-office/1.0.0.yaml', VALID_YAML);
    await write('bad/binary.yaml', new Uint8Array([0, 1, 2, 3, 255]));
    const good = run('checklists-validate.ts', ['checklists']);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('checklists/new-office/1.0.0.yaml: ok (2 sections, 6 items)\n');
    const bad = run('checklists-validate.ts', ['bad', 'nope']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('bad/binary.yaml:1:1: the file looks binary');
    expect(`${bad.stdout}${bad.stderr}`).not.toMatch(/\n\s+at /);
    const usage = run('checklists-diff.ts', []);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/usage: /);
    const publish = run('checklists-publish.ts', []);
    expect(publish.status).toBe(0);
    expect(publish.stdout).toContain('published checklists/new-office/1.0.0.yaml');
  });
});
