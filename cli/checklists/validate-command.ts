// `npm run checklists:validate -- [files or folders]`: validates definition files (default: all of
// checklists/) and checks published versions against checklists/lock.json. Prints one line per
// valid file, one `path:line:col: message` line per problem, and a note per draft. Exit 0 only
// when everything is valid.
import path from 'node:path';
import { checkDefinitionFiles, checkLock } from './check-files';
import { usageError, type CommandContext, type CommandResult } from './command-result';
import { collectDefinitionFiles } from './definition-files';
import { CHECKLISTS_FOLDER } from './lock-file';

export const VALIDATE_USAGE =
  'npm run checklists:validate -- [files or folders]  (default: checklists/)';

export async function runValidate(
  args: readonly string[],
  { cwd }: CommandContext,
): Promise<CommandResult> {
  if (args.includes('--help') || args.includes('-h')) {
    return { exitCode: 0, stdout: [`usage: ${VALIDATE_USAGE}`], stderr: [] };
  }
  const option = args.find((arg) => arg.startsWith('-'));
  if (option !== undefined) return usageError(`unknown option ${option}`, VALIDATE_USAGE);

  const targets = args.length > 0 ? args : [CHECKLISTS_FOLDER];
  const collected = await collectDefinitionFiles(targets, cwd);
  const checked = await checkDefinitionFiles(collected.files, cwd);
  const isInScope = (absolutePath: string): boolean =>
    collected.scannedFiles.includes(absolutePath) ||
    collected.scannedDirectories.some(
      (directory) =>
        absolutePath === directory || absolutePath.startsWith(`${directory}${path.sep}`),
    );
  const lock = await checkLock(checked, cwd, isInScope);

  const stdout: string[] = [...collected.errors, ...(lock.problems.get('') ?? [])];
  let validCount = 0;
  for (const { file, result } of checked) {
    if (result.ok) {
      validCount += 1;
      stdout.push(
        `${file.displayPath}: ok (${plural(result.counts.sections, 'section')}, ${plural(result.counts.items, 'item')})`,
      );
    } else {
      stdout.push(
        ...result.problems.map(
          (problem) => `${problem.path}:${problem.line}:${problem.column}: ${problem.message}`,
        ),
      );
    }
    stdout.push(...(lock.problems.get(file.displayPath) ?? []));
    if (lock.drafts.has(file.displayPath)) {
      stdout.push(
        `${file.displayPath}: draft (not in ${lock.lockDisplayPath}; run npm run checklists:publish)`,
      );
    }
  }
  stdout.push(...lock.missing);

  const invalidCount = checked.length - validCount;
  const isAllGood =
    invalidCount === 0 &&
    lock.problemCount === 0 &&
    collected.errors.length === 0 &&
    checked.length > 0;
  const lockSummary = lock.problemCount > 0 ? `, ${plural(lock.problemCount, 'lock problem')}` : '';
  stdout.push(
    `${plural(checked.length, 'definition file')} checked: ${validCount} ok, ${invalidCount} with problems${lockSummary}`,
  );
  return { exitCode: isAllGood ? 0 : 1, stdout, stderr: [] };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
