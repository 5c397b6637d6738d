// writeFileAtomic on a real temporary folder: a temporary file in the same folder, flushed before
// it is renamed over the target; the permission bits asked for; nothing left behind on failure.
// (saveFile's own atomic-write tests are in handlers.test.ts.)
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  writeFileAtomic,
  type AtomicWriteFileSystem,
} from '../../../electron/main/write-file-atomic';

const bytes = (text: string) => new TextEncoder().encode(text);

let folder: string;
beforeEach(async () => {
  folder = await fs.mkdtemp(path.join(tmpdir(), 'write-file-atomic-'));
});
afterEach(async () => {
  await fs.rm(folder, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes through a temporary file in the same folder, flushed before the rename', async () => {
    const calls: string[] = [];
    const target = path.join(folder, 'out.yaml');
    const tracingFs: AtomicWriteFileSystem = {
      ...fs,
      open: async (filePath, flags) => {
        calls.push(
          `open ${path.dirname(filePath) === folder} ${path.basename(filePath).startsWith('.out.yaml.')} ${flags}`,
        );
        const handle = await fs.open(filePath, flags);
        return {
          writeFile: async (data) => {
            calls.push('write');
            await handle.writeFile(data);
          },
          sync: async () => {
            calls.push('sync');
            await handle.sync();
          },
          close: async () => {
            calls.push('close');
            await handle.close();
          },
        };
      },
      rename: async (from, to) => {
        calls.push(`rename ${to === target}`);
        await fs.rename(from, to);
      },
    };
    await writeFileAtomic(tracingFs, target, bytes('a: 1\n'));
    expect(calls).toEqual(['open true true wx', 'write', 'sync', 'close', 'rename true']);
    expect(await fs.readFile(target, 'utf8')).toBe('a: 1\n');
  });

  it.skipIf(process.platform === 'win32')('creates the file with the mode asked for', async () => {
    const target = path.join(folder, 'secret.json');
    await writeFileAtomic(fs, target, bytes('{}'), { mode: 0o600 });
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old file and removes the temporary one when the write fails', async () => {
    const target = path.join(folder, 'out.yaml');
    await fs.writeFile(target, 'old');
    const failingFs: AtomicWriteFileSystem = {
      ...fs,
      open: async (filePath, flags) => {
        const handle = await fs.open(filePath, flags);
        return {
          writeFile: async () => {
            throw new Error('disk full');
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    await expect(writeFileAtomic(failingFs, target, bytes('new'))).rejects.toThrow('disk full');
    expect(await fs.readFile(target, 'utf8')).toBe('old');
    expect(await fs.readdir(folder)).toEqual(['out.yaml']);
  });
});
