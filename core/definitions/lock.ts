// checklists/lock.json: the content hash of every published definition version, keyed by its path
// under checklists/ ("new-office/1.0.0.yaml"), keys sorted. A published version never changes: a
// change is a new version. Pure: adapters read the files and the lock, and write what publish returns.
import { CONTENT_HASH_PATTERN } from './content-hash';
import { KEBAB_ID, SEMVER } from './schema';
import { compareSemver, nextPatchVersion } from './semver';

export { nextPatchVersion } from './semver';

export type Lock = Readonly<Record<string, string>>;

export interface HashedFile {
  /** Path under checklists/, with forward slashes: "new-office/1.0.0.yaml". */
  relativePath: string;
  hash: string;
}

export interface LockProblem {
  relativePath: string;
  message: string;
}

export interface PublishedCheck {
  problems: LockProblem[];
  /** Files not in the lock yet (drafts), sorted. */
  drafts: string[];
  /** Locked files whose hash matches. */
  unchanged: string[];
}

export const LOCK_FILE_NAME = 'lock.json';

const LOCK_KEY = new RegExp(
  `^(${KEBAB_ID.source.slice(1, -1)})/(${SEMVER.source.slice(1, -1)})\\.yaml$`,
);

export function checkPublished(files: readonly HashedFile[], lock: Lock): PublishedCheck {
  const problems: LockProblem[] = [];
  const drafts: string[] = [];
  const unchanged: string[] = [];
  const present = new Set(files.map((file) => file.relativePath));
  for (const file of files) {
    if (!Object.hasOwn(lock, file.relativePath)) drafts.push(file.relativePath);
    else if (lock[file.relativePath] === file.hash) unchanged.push(file.relativePath);
    else {
      problems.push({
        relativePath: file.relativePath,
        message: `published version changed: ${whereToPutChanges(file.relativePath, files, lock)} instead of editing, and restore this file (git checkout)`,
      });
    }
  }
  for (const relativePath of Object.keys(lock)) {
    if (!present.has(relativePath)) {
      problems.push({
        relativePath,
        message: `published version is missing: restore it (git checkout); published versions are never deleted`,
      });
    }
  }
  return { problems: sortByPath(problems), drafts: drafts.sort(), unchanged: unchanged.sort() };
}

export type PublishResult =
  | { ok: true; lock: Record<string, string>; published: string[] }
  | { ok: false; problems: LockProblem[] };

/**
 * Records the hashes of not-yet-locked files. Refuses when a locked file changed or is missing.
 * `only` limits publishing to some drafts (paths under checklists/); by default every draft.
 */
export function publish(
  files: readonly HashedFile[],
  lock: Lock,
  only?: readonly string[],
): PublishResult {
  const check = checkPublished(files, lock);
  const unknown = (only ?? []).filter(
    (relativePath) => !files.some((file) => file.relativePath === relativePath),
  );
  const badNames = check.drafts.filter((relativePath) => !LOCK_KEY.test(relativePath));
  const problems = [
    ...check.problems,
    ...unknown.map((relativePath) => ({
      relativePath,
      message: 'not found among the definition files: check the path',
    })),
    ...badNames.map((relativePath) => ({
      relativePath,
      message: 'cannot publish: definitions live at checklists/<id>/<version>.yaml',
    })),
  ];
  if (problems.length > 0) return { ok: false, problems: sortByPath(problems) };
  const toPublish = check.drafts.filter(
    (relativePath) => only === undefined || only.includes(relativePath),
  );
  const next: Record<string, string> = { ...lock };
  for (const file of files) {
    if (toPublish.includes(file.relativePath)) next[file.relativePath] = file.hash;
  }
  return { ok: true, lock: sortLock(next), published: toPublish };
}

export function sortLock(lock: Lock): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(lock).sort()) sorted[key] = lock[key] as string;
  return sorted;
}

/** The lock file's text: sorted keys, two-space indentation, a final newline. */
export function formatLock(lock: Lock): string {
  return `${JSON.stringify(sortLock(lock), null, 2)}\n`;
}

export function parseLock(
  text: string,
): { ok: true; lock: Record<string, string> } | { ok: false; message: string } {
  const fix = 'restore it from git (npm run checklists:publish writes it)';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      message: `not valid JSON (${error instanceof Error ? error.message : 'unreadable'}): ${fix}`,
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      message: `must be a JSON object of "<id>/<version>.yaml": "<sha256>" entries: ${fix}`,
    };
  }
  const lock: Record<string, string> = {};
  for (const [key, hash] of Object.entries(value)) {
    if (!LOCK_KEY.test(key)) {
      return {
        ok: false,
        message: `entry "${key.slice(0, 80)}" is not "<id>/<version>.yaml": ${fix}`,
      };
    }
    if (typeof hash !== 'string' || !CONTENT_HASH_PATTERN.test(hash)) {
      return { ok: false, message: `entry "${key}" is not a lowercase hex SHA-256: ${fix}` };
    }
    lock[key] = hash;
  }
  return { ok: true, lock };
}

/** Points at the next patch after the highest version of that checklist, or at its newest draft. */
function whereToPutChanges(relativePath: string, files: readonly HashedFile[], lock: Lock): string {
  const match = LOCK_KEY.exec(relativePath);
  if (match === null) return 'publish a new version';
  const id = match[1] as string;
  const versions = [...files.map((file) => file.relativePath), ...Object.keys(lock)]
    .map((path) => LOCK_KEY.exec(path))
    .filter((found): found is RegExpExecArray => found !== null && found[1] === id)
    .map((found) => found[2] as string)
    .sort(compareSemver);
  const highest = versions[versions.length - 1] ?? (match[2] as string);
  if (!Object.hasOwn(lock, `${id}/${highest}.yaml`)) {
    return `put the change into the draft checklists/${id}/${highest}.yaml`;
  }
  return `publish a new version (copy to checklists/${id}/${nextPatchVersion(highest) ?? highest}.yaml)`;
}

function sortByPath(problems: LockProblem[]): LockProblem[] {
  return problems.sort((a, b) =>
    a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0,
  );
}
