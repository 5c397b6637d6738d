// `npm run checklists:diff -- <id> <from-version> <to-version>` (or two file paths): validates both
// versions and prints what changed between them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import {
  compareSemver,
  diffDefinitions,
  KEBAB_ID,
  parseSemver,
  validateDefinitionText,
  type ChecklistDefinition,
} from '../../core/definitions';
import { usageError, type CommandContext, type CommandResult } from './command-result';
import { displayPathOf, readDefinitionFile } from './definition-files';
import { formatDiff } from './format-diff';
import { CHECKLISTS_FOLDER } from './lock-file';

export const DIFF_USAGE =
  'npm run checklists:diff -- <id> <from-version> <to-version>   (or: -- <from.yaml> <to.yaml>)';

type Loaded = { ok: true; definition: ChecklistDefinition } | { ok: false; lines: string[] };

export async function runDiff(
  args: readonly string[],
  { cwd }: CommandContext,
): Promise<CommandResult> {
  if (args.includes('--help') || args.includes('-h')) {
    return { exitCode: 0, stdout: [`usage: ${DIFF_USAGE}`], stderr: [] };
  }
  let paths: [string, string];
  if (args.length === 2 && args.every((arg) => /\.ya?ml$/.test(arg))) {
    paths = [path.resolve(cwd, args[0] as string), path.resolve(cwd, args[1] as string)];
  } else if (args.length === 3) {
    const [id, from, to] = args as [string, string, string];
    const badVersion = [from, to].find((version) => parseSemver(version) === undefined);
    if (badVersion !== undefined) {
      return usageError(`"${badVersion}" is not a version like 1.0.0`, DIFF_USAGE);
    }
    if (!KEBAB_ID.test(id)) {
      return usageError(`"${id}" is not a checklist id like new-office`, DIFF_USAGE);
    }
    const folder = path.join(cwd, CHECKLISTS_FOLDER, id);
    paths = [path.join(folder, `${from}.yaml`), path.join(folder, `${to}.yaml`)];
  } else {
    return usageError('expected a checklist id and two versions', DIFF_USAGE);
  }

  const loaded = [await load(paths[0], cwd), await load(paths[1], cwd)] as const;
  const failures = loaded.flatMap((entry) => (entry.ok ? [] : entry.lines));
  if (failures.length > 0) return { exitCode: 1, stdout: [], stderr: failures };
  const [from, to] = loaded.map(
    (entry) => (entry as { definition: ChecklistDefinition }).definition,
  ) as [ChecklistDefinition, ChecklistDefinition];
  return { exitCode: 0, stdout: formatDiff(diffDefinitions(from, to)), stderr: [] };
}

async function load(absolutePath: string, cwd: string): Promise<Loaded> {
  const display = displayPathOf(cwd, absolutePath);
  const read = await readDefinitionFile(absolutePath);
  if (!read.ok) {
    const isMissing = read.message.includes('ENOENT');
    return {
      ok: false,
      lines: [
        `${display}: ${isMissing ? `not found${await availableVersions(absolutePath)}` : read.message}`,
      ],
    };
  }
  const result = validateDefinitionText(read.text, display);
  if (!result.ok) {
    return {
      ok: false,
      lines: [
        ...result.problems.map(
          (problem) => `${problem.path}:${problem.line}:${problem.column}: ${problem.message}`,
        ),
        `${display}: fix these problems before diffing`,
      ],
    };
  }
  return { ok: true, definition: result.definition };
}

/** "; versions of new-office: 1.0.0, 1.1.0" or "; checklists: a, b", to help with a typo. */
async function availableVersions(absolutePath: string): Promise<string> {
  const folder = path.dirname(absolutePath);
  const versions = await readdir(folder).catch(() => undefined);
  if (versions !== undefined) {
    const names = versions
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length))
      .sort(compareSemver);
    return names.length > 0 ? `; versions of ${path.basename(folder)}: ${names.join(', ')}` : '';
  }
  const checklists = await readdir(path.dirname(folder), { withFileTypes: true }).catch(() => []);
  const ids = checklists
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  return ids.length > 0
    ? `; no checklist "${path.basename(folder)}", available: ${ids.join(', ')}`
    : '';
}
