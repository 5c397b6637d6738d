// The main process's log: lines appended to <userData>/logs/main.log, rotated to main.old.log when
// the file would pass 5 MB (one old file is kept, so the logs never take more than about 10 MB).
// Help > Open log folder (app-menu.ts) shows the folder, so a user can send the files with a
// problem report. Written here rather than with electron-log: appending lines with one rotation is
// all the app needs, and it keeps one dependency fewer in the signed bundle.
// Appends are queued, so lines keep their order; a failing disk never throws into the caller (the
// line goes to the console instead).

import path from 'node:path';

export const LOG_FILE = 'main.log';
export const OLD_LOG_FILE = 'main.old.log';
export const MAX_LOG_BYTES = 5 * 1024 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** A logger whose lines start with `[scope]`, writing to the same file. */
  scope(scope: string): Logger;
  /** Resolves when every line logged so far is on disk (or given up on). */
  flush(): Promise<void>;
  /** Where the log files are. */
  readonly folder: string;
}

/** What the logger needs of node:fs/promises (which satisfies it). */
export interface LogFileSystem {
  mkdir(folder: string, options: { recursive: true }): Promise<unknown>;
  appendFile(filePath: string, data: string): Promise<void>;
  stat(filePath: string): Promise<{ size: number }>;
  rename(from: string, to: string): Promise<void>;
}

export interface FileLoggerOptions {
  fs: LogFileSystem;
  /** <userData>/logs (logFolder() below). */
  folder: string;
  maxBytes?: number;
  now?: () => Date;
  /** Where a line goes when the file cannot be written, and in development. */
  console?: Pick<Console, 'info' | 'warn' | 'error'>;
  /** Also print every line to the console (development). */
  isEcho?: boolean;
}

export function logFolder(userDataDir: string): string {
  return path.join(userDataDir, 'logs');
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export function createFileLogger(options: FileLoggerOptions): Logger {
  const { fs, folder } = options;
  const maxBytes = options.maxBytes ?? MAX_LOG_BYTES;
  const now = options.now ?? (() => new Date());
  const fallback = options.console ?? console;
  const file = path.join(folder, LOG_FILE);
  const oldFile = path.join(folder, OLD_LOG_FILE);
  // The size of main.log as far as this process knows; read from the disk before the first write.
  let size: number | undefined;
  let queue: Promise<void> = Promise.resolve();

  async function append(line: string): Promise<void> {
    const bytes = Buffer.byteLength(line, 'utf8');
    if (size === undefined) {
      await fs.mkdir(folder, { recursive: true });
      size = await fs.stat(file).then(
        (stats) => stats.size,
        () => 0,
      );
    }
    if (size > 0 && size + bytes > maxBytes) {
      await fs.rename(file, oldFile);
      size = 0;
    }
    await fs.appendFile(file, line);
    size += bytes;
  }

  function write(level: LogLevel, scope: string | null, message: string): void {
    const prefix = scope === null ? '' : `[${scope}] `;
    const line = `${now().toISOString()} ${level.toUpperCase().padEnd(5)} ${prefix}${message}\n`;
    if (options.isEcho) fallback[level](line.trimEnd());
    queue = queue
      .then(() => append(line))
      .catch((error: unknown) => {
        // The disk is full or the folder read-only: keep the line somewhere, keep the app going.
        size = undefined;
        fallback.error(`could not write ${file}: ${describe(error)}`);
        fallback[level](line.trimEnd());
      });
  }

  function scoped(scope: string | null): Logger {
    return {
      folder,
      info: (message) => write('info', scope, message),
      warn: (message) => write('warn', scope, message),
      error: (message, error) =>
        write('error', scope, error === undefined ? message : `${message}: ${describe(error)}`),
      scope: (name) => scoped(scope === null ? name : `${scope}:${name}`),
      flush: () => queue,
    };
  }

  return scoped(null);
}
