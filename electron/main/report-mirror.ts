// The second copy of every signed report, as plain files: Chromium can reset IndexedDB (a damaged
// profile, "clear site data", a failed upgrade), and a signed go-live report must outlive that.
// Layout: <userData>/signed-reports/<report folder>/r<revision>/report.json (the canonical JSON,
// byte for byte as signed and stored) and .../attachments/<sha256> (the evidence bytes). Every
// file is written atomically (write-file-atomic.ts); report.json is written last, so a revision
// with a report.json has all its evidence. The renderer mirrors each stored revision and restores
// missing ones at start (renderer/features/desktop/). Main checks shapes, sizes and hashes here; the
// signatures are verified by the renderer with core's verifyReport before anything is restored.

import path from 'node:path';
import { createHash } from 'node:crypto';
import type {
  MirroredAttachmentRequest,
  MirroredReport,
  MirrorSignedReportRequest,
  MirrorSignedReportResult,
} from '../common/ipc-contract';
import { MAX_REPORT_JSON_BYTES } from '../../core/reports/report-hash';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

/** Largest evidence file kept (the renderer attaches at most 25 MB; room for older imports). */
export const MAX_MIRROR_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** In step with core's BUNDLE_LIMITS: what one report may carry. */
export const MAX_MIRROR_ATTACHMENTS = 10_000;
export const MAX_MIRROR_TOTAL_BYTES = 500 * 1024 * 1024;
const MAX_REVISION = 1_000_000;

export const MIRROR_FOLDER = 'signed-reports';
const REPORT_FILE = 'report.json';
const ATTACHMENTS_FOLDER = 'attachments';

/** What the mirror needs of node:fs/promises (which satisfies it). */
export interface MirrorFileSystem extends AtomicWriteFileSystem {
  mkdir(folder: string, options: { recursive: true }): Promise<unknown>;
  readFile(filePath: string): Promise<Uint8Array>;
  readdir(folder: string): Promise<string[]>;
  stat(filePath: string): Promise<{ size: number; isFile(): boolean; isDirectory(): boolean }>;
}

export interface ReportMirrorDependencies {
  fs: MirrorFileSystem;
  /** app.getPath('userData'). */
  userDataDir: string;
  log?: (message: string) => void;
}

export interface ReportMirror {
  /** The folder the copies live in (docs/desktop.md, "Where data lives"). */
  readonly folder: string;
  mirror(request: MirrorSignedReportRequest): Promise<MirrorSignedReportResult>;
  list(): Promise<MirroredReport[]>;
  readAttachment(request: MirroredAttachmentRequest): Promise<Uint8Array | null>;
}

const SAFE_REPORT_ID = /^[a-z0-9][a-z0-9_-]{0,127}$/;
const HASHED_FOLDER = /^~[0-9a-f]{64}$/;
const REVISION_FOLDER = /^r([1-9][0-9]{0,6})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMPORARY_FILE = /^\..+\.tmp$/;

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The folder of a report: its id when that is a plain lower-case id (the app's run ids are UUIDs),
 * else `~` and the SHA-256 of the id, so no id can name a path, collide on a case-insensitive disk
 * or exceed a file name's length. (Report ids of imported reports are free text.)
 */
export function reportFolderName(reportId: string): string {
  return SAFE_REPORT_ID.test(reportId) ? reportId : `~${sha256Hex(reportId)}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

function isRevision(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_REVISION;
}

function assertMirrorRequest(request: unknown): asserts request is MirrorSignedReportRequest {
  const candidate = request as Partial<MirrorSignedReportRequest> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.reportId !== 'string' ||
    candidate.reportId === '' ||
    !isRevision(candidate.revision) ||
    typeof candidate.json !== 'string' ||
    !Array.isArray(candidate.attachments)
  ) {
    throw new Error(
      'mirrorSignedReport needs { reportId, revision (1 or more), json, attachments: [] }.',
    );
  }
  if (candidate.json.length > MAX_REPORT_JSON_BYTES) {
    throw new Error(`The report is larger than ${MAX_REPORT_JSON_BYTES / 1024 / 1024} MB.`);
  }
  if (candidate.attachments.length > MAX_MIRROR_ATTACHMENTS) {
    throw new Error(`A report carries at most ${MAX_MIRROR_ATTACHMENTS} attachments.`);
  }
  let total = 0;
  for (const attachment of candidate.attachments as unknown[]) {
    const { sha256, bytes } = (attachment ?? {}) as { sha256?: unknown; bytes?: unknown };
    if (typeof sha256 !== 'string' || !SHA256_HEX.test(sha256) || !(bytes instanceof Uint8Array)) {
      throw new Error('Each attachment needs { sha256: lower-case hex, bytes: Uint8Array }.');
    }
    if (bytes.byteLength > MAX_MIRROR_ATTACHMENT_BYTES) {
      throw new Error(
        `An attachment is larger than ${MAX_MIRROR_ATTACHMENT_BYTES / 1024 / 1024} MB.`,
      );
    }
    total += bytes.byteLength;
  }
  if (total > MAX_MIRROR_TOTAL_BYTES) {
    throw new Error(`The attachments exceed ${MAX_MIRROR_TOTAL_BYTES / 1024 / 1024} MB in all.`);
  }
}

/** The body's id and revision and how many signatures the report holds, or why it cannot tell. */
function summarise(
  json: string,
): { reportId: unknown; revision: unknown; signatures: number } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  const report = value as {
    body?: { reportId?: unknown; revision?: unknown };
    signatures?: unknown;
  };
  if (typeof report !== 'object' || report === null || typeof report.body !== 'object') {
    return { problem: 'not a signed report' };
  }
  return {
    reportId: report.body?.reportId,
    revision: report.body?.revision,
    signatures: Array.isArray(report.signatures) ? report.signatures.length : 0,
  };
}

export function createReportMirror(deps: ReportMirrorDependencies): ReportMirror {
  const { fs } = deps;
  const log = deps.log ?? ((message: string) => console.warn(`[report-mirror] ${message}`));
  const folder = path.join(deps.userDataDir, MIRROR_FOLDER);

  const revisionFolder = (reportId: string, revision: number) =>
    path.join(folder, reportFolderName(reportId), `r${revision}`);

  async function readIfPresent(filePath: string): Promise<Uint8Array | null> {
    try {
      return await fs.readFile(filePath);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Writes one evidence file unless an intact copy is there already (the name is its hash). */
  async function keepAttachment(target: string, sha256: string, bytes: Uint8Array): Promise<void> {
    const existing = await readIfPresent(target);
    if (existing !== null && sha256Hex(existing) === sha256) return;
    if (existing !== null) log(`replacing the damaged evidence file ${target}`);
    await writeFileAtomic(fs, target, bytes);
  }

  /** Leftovers of a write that a crash or power cut interrupted; the targets are intact. */
  async function removeTemporaryFiles(directory: string): Promise<void> {
    for (const name of await fs.readdir(directory).catch(() => [] as string[])) {
      if (TEMPORARY_FILE.test(name)) {
        await fs.rm(path.join(directory, name), { force: true }).catch(() => undefined);
      }
    }
  }

  /** The report id a folder holds: its name, or (hashed names) the body's id when it hashes back. */
  async function reportIdOf(folderName: string, json: string): Promise<string> {
    if (SAFE_REPORT_ID.test(folderName)) return folderName;
    const summary = summarise(json);
    if ('problem' in summary || typeof summary.reportId !== 'string') return folderName;
    return reportFolderName(summary.reportId) === folderName ? summary.reportId : folderName;
  }

  return {
    folder,

    async mirror(request) {
      assertMirrorRequest(request);
      const summary = summarise(request.json);
      if ('problem' in summary)
        throw new Error(`mirrorSignedReport: the json is ${summary.problem}.`);
      if (summary.reportId !== request.reportId || summary.revision !== request.revision) {
        throw new Error('mirrorSignedReport: the json is another report or revision than named.');
      }
      const target = revisionFolder(request.reportId, request.revision);
      const reportFile = path.join(target, REPORT_FILE);
      const existing = await readIfPresent(reportFile);
      if (existing !== null) {
        const text = new TextDecoder().decode(existing);
        if (text === request.json) return { mirrored: false, reason: 'already kept' };
        const kept = summarise(text);
        // Never trade a countersigned copy for one with fewer signatures; a damaged copy is replaced.
        if (!('problem' in kept) && kept.signatures > summary.signatures) {
          return { mirrored: false, reason: 'the copy kept holds more signatures' };
        }
      }
      const attachmentsFolder = path.join(target, ATTACHMENTS_FOLDER);
      await fs.mkdir(attachmentsFolder, { recursive: true });
      for (const { sha256, bytes } of request.attachments) {
        if (sha256Hex(bytes) !== sha256) {
          throw new Error(`mirrorSignedReport: the bytes of attachment ${sha256} do not match it.`);
        }
        await keepAttachment(path.join(attachmentsFolder, sha256), sha256, bytes);
      }
      await writeFileAtomic(fs, reportFile, new TextEncoder().encode(request.json));
      log(`kept a copy of report ${request.reportId} revision ${request.revision} in ${target}`);
      return { mirrored: true };
    },

    async list() {
      let reportFolders: string[];
      try {
        reportFolders = await fs.readdir(folder);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw new Error(`Could not read ${folder}: ${messageOf(error)}`, { cause: error });
      }
      const reports: MirroredReport[] = [];
      for (const reportFolder of reportFolders.sort()) {
        if (!SAFE_REPORT_ID.test(reportFolder) && !HASHED_FOLDER.test(reportFolder)) {
          if (!TEMPORARY_FILE.test(reportFolder)) log(`ignored ${path.join(folder, reportFolder)}`);
          continue;
        }
        const revisions = await fs.readdir(path.join(folder, reportFolder)).catch((error) => {
          log(`could not read ${path.join(folder, reportFolder)}: ${messageOf(error)}`);
          return [] as string[];
        });
        for (const revisionName of revisions) {
          const revision = Number(REVISION_FOLDER.exec(revisionName)?.[1] ?? NaN);
          if (!isRevision(revision)) continue;
          const directory = path.join(folder, reportFolder, revisionName);
          await removeTemporaryFiles(directory);
          await removeTemporaryFiles(path.join(directory, ATTACHMENTS_FOLDER));
          const reportFile = path.join(directory, REPORT_FILE);
          try {
            const stats = await fs.stat(reportFile);
            if (!stats.isFile() || stats.size > MAX_REPORT_JSON_BYTES) {
              log(`skipped ${reportFile}: not a file of a report's size`);
              continue;
            }
            // Decoded leniently: a damaged file still reaches the renderer, which reports it.
            const json = new TextDecoder().decode(await fs.readFile(reportFile));
            reports.push({ reportId: await reportIdOf(reportFolder, json), revision, json });
          } catch (error) {
            // A revision folder without report.json: its write never finished. Nothing to restore.
            if (!isNotFound(error)) log(`could not read ${reportFile}: ${messageOf(error)}`);
          }
        }
      }
      return reports.sort((a, b) =>
        a.reportId === b.reportId ? a.revision - b.revision : a.reportId < b.reportId ? -1 : 1,
      );
    },

    async readAttachment(request) {
      const candidate = request as Partial<MirroredAttachmentRequest> | null;
      if (
        typeof candidate?.reportId !== 'string' ||
        candidate.reportId === '' ||
        !isRevision(candidate.revision) ||
        typeof candidate.sha256 !== 'string' ||
        !SHA256_HEX.test(candidate.sha256)
      ) {
        throw new Error('readMirroredAttachment needs { reportId, revision, sha256 }.');
      }
      const file = path.join(
        revisionFolder(candidate.reportId, candidate.revision),
        ATTACHMENTS_FOLDER,
        candidate.sha256,
      );
      const bytes = await readIfPresent(file);
      if (bytes === null) return null;
      if (sha256Hex(bytes) !== candidate.sha256) {
        log(`the evidence file ${file} is damaged (its bytes do not match its name)`);
        return null;
      }
      // A plain Uint8Array (fs gives a Buffer), as the contract says and IPC would make it anyway.
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
  };
}
