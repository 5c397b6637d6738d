// The main process's log file on a real temporary folder: lines in order with time, level and
// scope; rotation to main.old.log at the size limit (one old file kept); a failing disk never
// throws into the caller.
import path from 'node:path';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LOG_FILE,
  OLD_LOG_FILE,
  createFileLogger,
  logFolder,
  type LogFileSystem,
} from '../../../electron/main/logging';

let userData: string;
beforeEach(async () => {
  userData = await fs.mkdtemp(path.join(tmpdir(), 'logging-'));
});
afterEach(async () => {
  await fs.rm(userData, { recursive: true, force: true });
});

const now = () => new Date('2025-06-01T08:00:00.000Z');
const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

describe('file logger', () => {
  it('appends lines with time, level and scope to <userData>/logs/main.log', async () => {
    const folder = logFolder(userData);
    expect(folder).toBe(path.join(userData, 'logs'));
    const log = createFileLogger({ fs, folder, now, console: quiet });
    log.info('starting');
    log.scope('ipc').warn('refused a call');
    log.scope('update').scope('feed').info('off');
    log.error('it broke', new Error('disk on fire'));
    await log.flush();
    const lines = (await fs.readFile(path.join(folder, LOG_FILE), 'utf8')).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '2025-06-01T08:00:00.000Z INFO  starting',
      '2025-06-01T08:00:00.000Z WARN  [ipc] refused a call',
      '2025-06-01T08:00:00.000Z INFO  [update:feed] off',
      expect.stringMatching(/^2025-06-01T08:00:00\.000Z ERROR it broke: Error: disk on fire/),
    ]);
    expect(log.folder).toBe(folder);
  });

  it('keeps appending to the file an earlier run left', async () => {
    const folder = logFolder(userData);
    const first = createFileLogger({ fs, folder, now, console: quiet });
    first.info('run one');
    await first.flush();
    const second = createFileLogger({ fs, folder, now, console: quiet });
    second.info('run two');
    await second.flush();
    expect(await fs.readFile(path.join(folder, LOG_FILE), 'utf8')).toMatch(/run one\n.*run two\n$/);
  });

  it('rotates to main.old.log before the file would pass the limit, keeping one old file', async () => {
    const folder = logFolder(userData);
    // Each line is 24 + 6 + 10 + 1 = 41 bytes; three fit in 128.
    const log = createFileLogger({ fs, folder, now, console: quiet, maxBytes: 128 });
    for (let index = 0; index < 8; index += 1) log.info(`line ${index}...`);
    await log.flush();
    const current = await fs.readFile(path.join(folder, LOG_FILE), 'utf8');
    const old = await fs.readFile(path.join(folder, OLD_LOG_FILE), 'utf8');
    expect(current.match(/line \d/g)).toEqual(['line 6', 'line 7']);
    expect(old.match(/line \d/g)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(Buffer.byteLength(current)).toBeLessThanOrEqual(128);
    expect((await fs.readdir(folder)).sort()).toEqual([LOG_FILE, OLD_LOG_FILE]);
  });

  it('rotates a file that an earlier run left at the limit', async () => {
    const folder = logFolder(userData);
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, LOG_FILE), 'x'.repeat(120));
    const log = createFileLogger({ fs, folder, now, console: quiet, maxBytes: 128 });
    log.info('fresh');
    await log.flush();
    expect(await fs.readFile(path.join(folder, OLD_LOG_FILE), 'utf8')).toBe('x'.repeat(120));
    expect(await fs.readFile(path.join(folder, LOG_FILE), 'utf8')).toMatch(/fresh\n$/);
  });

  it('never throws when the disk fails: the line goes to the console, and later lines still try', async () => {
    let isFull = true;
    const failingFs: LogFileSystem = {
      ...fs,
      appendFile: async (file, data) => {
        if (isFull) throw new Error('ENOSPC: no space left on device');
        await fs.appendFile(file, data);
      },
    };
    const console = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const log = createFileLogger({ fs: failingFs, folder: logFolder(userData), now, console });
    expect(() => log.warn('lost?')).not.toThrow();
    await log.flush();
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('ENOSPC'));
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('lost?'));
    isFull = false;
    log.info('back');
    await log.flush();
    expect(await fs.readFile(path.join(logFolder(userData), LOG_FILE), 'utf8')).toMatch(/back\n$/);
  });
});
