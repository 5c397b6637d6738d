// Validates definition files and checks them against checklists/lock.json: the shared core of the
// validate and publish commands. Read failures become problems, like any other.
import path from 'node:path';
import {
  checkPublished,
  validateDefinitionText,
  type HashedFile,
  type Problem,
  type ValidationResult,
} from '../../core/definitions';
import { readDefinitionFile, type DefinitionFile } from './definition-files';
import { CHECKLISTS_FOLDER, lockKeyOf, lockPathOf, readLockFile } from './lock-file';

export interface CheckedFile {
  file: DefinitionFile;
  /** SHA-256 of the bytes; undefined when the file could not be read. */
  hash: string | undefined;
  result: ValidationResult;
  /** "new-office/1.0.0.yaml" when the file lives in checklists/. */
  lockKey: string | undefined;
}

export async function checkDefinitionFiles(
  files: readonly DefinitionFile[],
  cwd: string,
): Promise<CheckedFile[]> {
  const checklistsDirectory = path.join(cwd, CHECKLISTS_FOLDER);
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const read = await readDefinitionFile(file.absolutePath);
    const lockKey = lockKeyOf(checklistsDirectory, file.absolutePath);
    const result: ValidationResult = read.ok
      ? validateDefinitionText(read.text, file.displayPath)
      : {
          ok: false,
          problems: [{ path: file.displayPath, line: 1, column: 1, message: read.message }],
        };
    const placement =
      lockKey !== undefined && lockKey.split('/').length !== 2
        ? misplaced(file.displayPath)
        : undefined;
    checked.push({
      file,
      hash: read.ok ? read.hash : undefined,
      result:
        placement === undefined
          ? result
          : { ok: false, problems: [placement, ...(result.ok ? [] : result.problems)] },
      lockKey: placement === undefined ? lockKey : undefined,
    });
  }
  return checked;
}

function misplaced(displayPath: string): Problem {
  return {
    path: displayPath,
    line: 1,
    column: 1,
    message: 'definitions live at checklists/<id>/<version>.yaml: move the file there',
  };
}

export interface LockReport {
  /** Lock problems, as `path:line:col: message` lines, keyed by display path ('' for the lock file itself). */
  problems: Map<string, string[]>;
  drafts: Set<string>;
  /** Lines for locked files that are gone. */
  missing: string[];
  lockDisplayPath: string;
  problemCount: number;
}

/**
 * Checks the readable files inside checklists/ against the lock. Missing locked files are reported
 * only when they lie inside what was scanned (`isInScope`), so validating one file says nothing
 * about the others.
 */
export async function checkLock(
  checked: readonly CheckedFile[],
  cwd: string,
  isInScope: (absolutePath: string) => boolean,
): Promise<LockReport> {
  const checklistsDirectory = path.join(cwd, CHECKLISTS_FOLDER);
  const lockDisplayPath = path
    .relative(cwd, lockPathOf(checklistsDirectory))
    .split(path.sep)
    .join('/');
  const report: LockReport = {
    problems: new Map(),
    drafts: new Set(),
    missing: [],
    lockDisplayPath,
    problemCount: 0,
  };
  const candidates = checked.filter(
    (entry) => entry.lockKey !== undefined && entry.hash !== undefined,
  );
  if (candidates.length === 0 && !isInScope(checklistsDirectory)) return report;
  const lockFile = await readLockFile(checklistsDirectory);
  if (!lockFile.ok) {
    report.problems.set('', [`${lockDisplayPath}:1:1: ${lockFile.message}`]);
    report.problemCount = 1;
    return report;
  }
  const byKey = new Map(candidates.map((entry) => [entry.lockKey as string, entry]));
  const scopedLock = Object.fromEntries(
    Object.entries(lockFile.lock).filter(
      ([key]) => byKey.has(key) || isInScope(path.join(checklistsDirectory, key)),
    ),
  );
  const files: HashedFile[] = candidates.map((entry) => ({
    relativePath: entry.lockKey as string,
    hash: entry.hash as string,
  }));
  const result = checkPublished(files, scopedLock);
  for (const problem of result.problems) {
    const entry = byKey.get(problem.relativePath);
    if (entry === undefined) {
      report.missing.push(`${CHECKLISTS_FOLDER}/${problem.relativePath}:1:1: ${problem.message}`);
    } else {
      const lines = report.problems.get(entry.file.displayPath) ?? [];
      lines.push(`${entry.file.displayPath}:1:1: ${problem.message}`);
      report.problems.set(entry.file.displayPath, lines);
    }
    report.problemCount += 1;
  }
  for (const draft of result.drafts) {
    const entry = byKey.get(draft);
    if (entry !== undefined) report.drafts.add(entry.file.displayPath);
  }
  return report;
}
