// The commands the READMEs and docs/hub.md document are true. Every `npm run <script>` they
// mention (in code blocks and in inline code) names a script of package.json, and each one that can
// run here, against a throwaway hub data folder, exits 0: a newcomer copies them as written. "a|b"
// in an argument is each alternative in turn, "…" a sample value and "[optional]" left out, as a
// reader would fill them in; a line with a <placeholder> cannot be copied as it is and is only
// checked for its script. A command two documents share runs once.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READMES = ['README.md', 'hub/README.md', 'docs/hub.md'];
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts,
);

/** Scripts (and hub sub-commands) that are safe to run here: they only read the repository or
 * write to the hub data folder the test gives them. Serving, building and publishing are not. */
const RUNNABLE = [
  /^npm run hub -- (enroll|users|publish-definition)\b/,
  /^npm run checklists:(validate|diff)\b/,
];

interface Documented {
  where: string;
  command: string;
}

/** `npm run …` commands of a markdown file: fenced code lines and inline code spans. */
export function documentedCommands(markdown: string, file: string): Documented[] {
  const found: Documented[] = [];
  let isFenced = false;
  markdown.split('\n').forEach((text, index) => {
    const where = `${file}:${index + 1}`;
    if (/^\s*```/.test(text)) {
      isFenced = !isFenced;
      return;
    }
    if (isFenced) {
      const command = text
        .replace(/^\s*\$\s*/, '')
        .replace(/\s+#.*$/, '')
        .trim();
      if (command.startsWith('npm run ')) found.push({ where, command });
      return;
    }
    for (const match of text.matchAll(/`(npm run [^`]+)`/g)) {
      found.push({ where, command: (match[1] ?? '').trim() });
    }
  });
  return found;
}

/** Splits a command into shell words, keeping quotes. */
function words(command: string): string[] {
  return command.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
}

/** Each way a reader fills the command in: "a|b" alternatives, "…" as a sample value. */
export function filledIn(command: string): string[] {
  let variants = [''];
  for (const word of words(command)) {
    if (/^\[.*\]$/.test(word)) continue;
    const isChoice = word.includes('|') && !/^["'<]/.test(word);
    const options = isChoice ? word.split('|') : [word];
    variants = variants.flatMap((start) =>
      options.map((option) => `${start}${start ? ' ' : ''}${option.replace(/…/g, 'Example')}`),
    );
  }
  return variants;
}

function scriptOf(command: string): string {
  return words(command)[2] ?? '';
}

const documented = READMES.flatMap((file) =>
  documentedCommands(readFileSync(join(ROOT, file), 'utf8'), file),
);

describe('the commands the READMEs document', () => {
  it('finds them (the parser works)', () => {
    expect(documented.length).toBeGreaterThan(10);
    expect(filledIn('npm run checklists:validate -- [paths]')).toEqual([
      'npm run checklists:validate --',
    ]);
    expect(filledIn('npm run hub -- enroll --role admin|head --office …')).toEqual([
      'npm run hub -- enroll --role admin --office Example',
      'npm run hub -- enroll --role head --office Example',
    ]);
  });

  it('name scripts that exist', () => {
    const unknown = documented.filter(({ command }) => !SCRIPTS.includes(scriptOf(command)));
    expect(unknown).toEqual([]);
  });

  // Each command starts tsx (about 3 s alone, several times that on a loaded CI machine).
  it('run as written, where they can run here', { timeout: 600_000 }, () => {
    const runnable = documented
      .flatMap(({ where, command }) => filledIn(command).map((filled) => ({ where, filled })))
      .filter(({ filled }) => !filled.includes('<') && RUNNABLE.some((rule) => rule.test(filled)))
      // The same command in two documents runs once: a second run proves nothing new.
      .filter(({ filled }, index, all) => all.findIndex((one) => one.filled === filled) === index);
    expect(runnable.length).toBeGreaterThanOrEqual(6);
    const failures: string[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'golive-readme-hub-'));
    for (const { where, filled } of runnable) {
      const result = spawnSync('sh', ['-c', filled], {
        cwd: ROOT,
        env: { ...process.env, HUB_DATA_DIR: dataDir, HUB_DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.status !== 0) {
        failures.push(`${where} \`${filled}\` exited ${result.status}: ${result.stderr.trim()}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
