// Finds and reads definition files for the checklists commands: walks folders for .yaml/.yml files
// (skipping dot folders, node_modules and symbolic links), refuses oversized files before reading
// them, and decodes UTF-8 without dropping a BOM, so the text hashes to the file's exact bytes.
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentHashOfBytes, LIMITS } from '../../core/definitions';

export interface DefinitionFile {
  absolutePath: string;
  /** Relative to the cwd, with forward slashes: what the commands print. */
  displayPath: string;
}

export interface CollectedFiles {
  files: DefinitionFile[];
  /** Lines like "docs: not found: check the path". */
  errors: string[];
  /** The folders and files that were asked for (to scope the lock check). */
  scannedDirectories: string[];
  scannedFiles: string[];
}

const MAX_FILES = 10_000;
const MAX_DEPTH = 8;
const DEFINITION_EXTENSIONS = ['.yaml', '.yml'];

export function displayPathOf(cwd: string, absolutePath: string): string {
  const relative = path.relative(cwd, absolutePath);
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

export async function collectDefinitionFiles(
  targets: readonly string[],
  cwd: string,
): Promise<CollectedFiles> {
  const collected: CollectedFiles = {
    files: [],
    errors: [],
    scannedDirectories: [],
    scannedFiles: [],
  };
  const seen = new Set<string>();
  const add = (absolutePath: string): void => {
    if (seen.has(absolutePath) || seen.size >= MAX_FILES) return;
    seen.add(absolutePath);
    collected.files.push({ absolutePath, displayPath: displayPathOf(cwd, absolutePath) });
  };
  for (const target of targets) {
    const absolutePath = path.resolve(cwd, target);
    const display = displayPathOf(cwd, absolutePath);
    const stats = await stat(absolutePath).catch(() => undefined);
    if (stats === undefined) {
      collected.errors.push(`${display}: not found: check the path`);
    } else if (stats.isDirectory()) {
      collected.scannedDirectories.push(absolutePath);
      const found = await walk(absolutePath, 0);
      if (found.length === 0) {
        collected.errors.push(`${display}: no .yaml files found in this folder`);
      }
      found.forEach(add);
    } else {
      collected.scannedFiles.push(absolutePath);
      add(absolutePath);
    }
  }
  collected.files.sort((a, b) =>
    a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0,
  );
  return collected;
}

async function walk(directory: string, depth: number): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.isSymbolicLink()) {
      continue;
    }
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(entryPath, depth + 1)));
    else if (
      entry.isFile() &&
      DEFINITION_EXTENSIONS.some((extension) => entry.name.endsWith(extension))
    )
      found.push(entryPath);
  }
  return found;
}

export type ReadResult = { ok: true; text: string; hash: string } | { ok: false; message: string };

/** Reads a definition file as text; `hash` is the SHA-256 of its bytes (what checklists/lock.json holds). */
export async function readDefinitionFile(absolutePath: string): Promise<ReadResult> {
  try {
    const stats = await lstat(absolutePath).then((link) =>
      link.isSymbolicLink() ? stat(absolutePath) : link,
    );
    if (!stats.isFile()) {
      return { ok: false, message: 'not a regular file: pass a .yaml file or a folder' };
    }
    if (stats.size > LIMITS.fileBytes) {
      return {
        ok: false,
        message: `the file is ${stats.size} bytes; at most ${LIMITS.fileBytes} are allowed: split it into smaller checklists`,
      };
    }
    const bytes = await readFile(absolutePath);
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, hash: contentHashOfBytes(bytes) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      ok: false,
      message: `cannot read the file (${code}): check that it exists and is readable`,
    };
  }
}
