// `npm run checklists:publish -- [files]`: validates every definition in checklists/, refuses when a
// published version changed or is missing, then records the hashes of the drafts (all of them, or
// only the files given) in checklists/lock.json. After publishing, a version must never change.
import path from 'node:path';
import { publish } from '../../core/definitions';
import { checkDefinitionFiles } from './check-files';
import { usageError, type CommandContext, type CommandResult } from './command-result';
import { collectDefinitionFiles } from './definition-files';
import { CHECKLISTS_FOLDER, lockKeyOf, lockPathOf, readLockFile, writeLockFile } from './lock-file';

export const PUBLISH_USAGE =
  'npm run checklists:publish -- [checklists/<id>/<version>.yaml ...]  (default: every draft)';

export async function runPublish(
  args: readonly string[],
  { cwd }: CommandContext,
): Promise<CommandResult> {
  if (args.includes('--help') || args.includes('-h')) {
    return { exitCode: 0, stdout: [`usage: ${PUBLISH_USAGE}`], stderr: [] };
  }
  const checklistsDirectory = path.join(cwd, CHECKLISTS_FOLDER);
  const only: string[] = [];
  for (const arg of args) {
    const key = lockKeyOf(checklistsDirectory, path.resolve(cwd, arg));
    if (key === undefined) {
      return usageError(
        `${arg}: only files inside ${CHECKLISTS_FOLDER}/ can be published`,
        PUBLISH_USAGE,
      );
    }
    only.push(key);
  }

  const refused = (lines: string[]): CommandResult => ({
    exitCode: 1,
    stdout: [],
    stderr: [...lines, 'nothing published: fix the problems above first'],
  });
  const collected = await collectDefinitionFiles([CHECKLISTS_FOLDER], cwd);
  if (collected.errors.length > 0) return refused(collected.errors);
  const checked = await checkDefinitionFiles(collected.files, cwd);
  const problems = checked.flatMap(({ result }) =>
    result.ok
      ? []
      : result.problems.map(
          (problem) => `${problem.path}:${problem.line}:${problem.column}: ${problem.message}`,
        ),
  );
  if (problems.length > 0) return refused(problems);

  const lockDisplay = path.relative(cwd, lockPathOf(checklistsDirectory)).split(path.sep).join('/');
  const lockFile = await readLockFile(checklistsDirectory);
  if (!lockFile.ok) return refused([`${lockDisplay}:1:1: ${lockFile.message}`]);
  const files = checked.map((entry) => ({
    relativePath: entry.lockKey as string,
    hash: entry.hash as string,
  }));
  const result = publish(files, lockFile.lock, args.length > 0 ? only : undefined);
  if (!result.ok) {
    return refused(
      result.problems.map(
        (problem) => `${CHECKLISTS_FOLDER}/${problem.relativePath}:1:1: ${problem.message}`,
      ),
    );
  }

  const alreadyPublished = only
    .filter((key) => !result.published.includes(key))
    .map((key) => `${CHECKLISTS_FOLDER}/${key}: already published`);
  if (result.published.length === 0) {
    return {
      exitCode: 0,
      stdout: [
        ...alreadyPublished,
        `nothing to publish: every definition is already in ${lockDisplay}`,
      ],
      stderr: [],
    };
  }
  await writeLockFile(checklistsDirectory, result.lock);
  const published = result.published.map(
    (key) => `published ${CHECKLISTS_FOLDER}/${key} (sha256 ${result.lock[key]?.slice(0, 12)}…)`,
  );
  return {
    exitCode: 0,
    stdout: [
      ...alreadyPublished,
      ...published,
      `${lockDisplay} updated: commit it together with the published files`,
    ],
    stderr: [],
  };
}
