// Reads and writes checklists/lock.json for the checklists commands; the rules live in
// core/definitions/lock.ts. Writes go to a temporary file first, then replace the lock in one rename.
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatLock, LOCK_FILE_NAME, parseLock, type Lock } from '../../core/definitions';

export const CHECKLISTS_FOLDER = 'checklists';

export type ReadLockResult =
  { ok: true; lock: Record<string, string>; exists: boolean } | { ok: false; message: string };

export function lockPathOf(checklistsDirectory: string): string {
  return path.join(checklistsDirectory, LOCK_FILE_NAME);
}

export async function readLockFile(checklistsDirectory: string): Promise<ReadLockResult> {
  let text: string;
  try {
    text = await readFile(lockPathOf(checklistsDirectory), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { ok: true, lock: {}, exists: false };
    }
    return {
      ok: false,
      message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}): check its permissions`,
    };
  }
  const parsed = parseLock(text);
  return parsed.ok ? { ok: true, lock: parsed.lock, exists: true } : parsed;
}

export async function writeLockFile(checklistsDirectory: string, lock: Lock): Promise<void> {
  const target = lockPathOf(checklistsDirectory);
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, formatLock(lock), 'utf8');
  await rename(temporary, target);
}

/** "new-office/1.0.0.yaml" for a file inside checklists/, undefined outside it. */
export function lockKeyOf(checklistsDirectory: string, absolutePath: string): string | undefined {
  const relative = path.relative(checklistsDirectory, absolutePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
