// Writes a file so that a reader sees the old contents or the new, never half of either: a
// temporary file beside the target, flushed to disk, then renamed over it. Used by saveFile
// (handlers.ts) and the signing key store (signing-keys.ts). The file system is passed in, so
// tests can trace the steps or make one of them fail.

import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** What writeFileAtomic needs of node:fs/promises (which satisfies it). */
export interface AtomicWriteFileSystem {
  open(
    filePath: string,
    flags: 'wx',
    mode?: number,
  ): Promise<{
    writeFile(data: Uint8Array): Promise<void>;
    sync(): Promise<void>;
    close(): Promise<void>;
  }>;
  rename(from: string, to: string): Promise<void>;
  rm(filePath: string, options: { force: true }): Promise<void>;
}

export interface AtomicWriteOptions {
  /** Permission bits of the new file (before the umask), e.g. 0o600 for owner-only. */
  mode?: number;
}

/**
 * Writes `data` to `target` through a temporary file in the same folder (so the rename stays on
 * one file system), flushed before the rename. On failure the old target is untouched and the
 * temporary file is removed.
 */
export async function writeFileAtomic(
  fs: AtomicWriteFileSystem,
  target: string,
  data: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomUUID()}.tmp`,
  );
  try {
    const handle =
      options.mode === undefined
        ? await fs.open(temporary, 'wx')
        : await fs.open(temporary, 'wx', options.mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}
