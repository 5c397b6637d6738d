// The second copy of every signed report, as plain files: Chromium can reset IndexedDB (a damaged
// profile, "clear site data", a failed upgrade), and a signed go-live report must outlive that.
// Layout: <userData>/signed-reports/<report folder>/r<revision>/report.json (the canonical JSON,
// byte for byte as signed and stored) and .../attachments/<sha256> (the evidence bytes). Every
// file is written atomically (write-file-atomic.ts); report.json is written last, so a revision
// with a report.json has all its evidence. The renderer mirrors each stored revision and restores
// missing ones at start (renderer/features/desktop/). Main verifies every copy with core's
// verifyReport before it keeps it (canonical JSON, shape, report hash, every Ed25519 signature and
// its slot; no trust list here, so who signed is judged by the renderer when it restores), and a
// kept copy is replaced only by one of the same body whose signatures extend it: a script in the
// page cannot swap the copy for a forged "countersigned" one, nor drop a signature from it.
// The folder has a quota (MIRROR_QUOTA_BYTES): a copy that would pass it is refused with a message
// that says so, and the renderer shows it; nothing already kept is removed to make room.

import path from 'node:path';
import { createHash } from 'node:crypto';
import type {
  MirroredAttachmentRequest,
  MirroredReport,
  MirrorSignedReportRequest,
  MirrorSignedReportResult,
} from '../common/ipc-contract';
import { MAX_REPORT_JSON_BYTES, parseReportJson } from '../../core/reports/report-hash';
import type { Signature, SignedReport } from '../../core/reports/report-format';
import { verifyReport } from '../../core/reports/verify';
import { canonicalJson } from '../../core/runs/event-chain';
import { writeFileAtomic, type AtomicWriteFileSystem } from './write-file-atomic';

/** Largest evidence file kept (the renderer attaches at most 25 MB; room for older imports). */
export const MAX_MIRROR_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** In step with core's BUNDLE_LIMITS: what one report may carry. */
export const MAX_MIRROR_ATTACHMENTS = 10_000;
export const MAX_MIRROR_TOTAL_BYTES = 500 * 1024 * 1024;
const MAX_REVISION = 1_000_000;
/**
 * The most the folder of copies may hold: room for hundreds of signed reports with their photos
 * (one report carries at most MAX_MIRROR_TOTAL_BYTES), and a bound on what a page can make main
 * write to the user's disk.
 */
export const MIRROR_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;

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
  /** Defaults to MIRROR_QUOTA_BYTES. */
  quotaBytes?: number;
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

/** The body's id and revision, when the text is a report at all (for folder names only). */
function idsOf(json: string): { reportId: unknown; revision: unknown } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { problem: 'not JSON' };
  }
  const report = value as { body?: { reportId?: unknown; revision?: unknown } } | null;
  if (typeof report !== 'object' || report === null || typeof report.body !== 'object') {
    return { problem: 'not a signed report' };
  }
  return { reportId: report.body?.reportId, revision: report.body?.revision };
}

type VerifiedCopy =
  { ok: true; report: SignedReport; reportHash: string } | { ok: false; problem: string };

/**
 * The report in `json` when it verifies as the app wrote it: canonical JSON, the strict shape, the
 * report hash and every signature. Without a trust list nobody vouches for the keys here, which is
 * the one problem accepted (the renderer checks the keys against its trust list on restore).
 */
function verifiedCopy(json: string, what: string): VerifiedCopy {
  const parsed = parseReportJson(json, what);
  if (!parsed.ok) return { ok: false, problem: parsed.message };
  const result = verifyReport(parsed.value, null);
  const problems = result.problems.filter((problem) => problem.code !== 'no-trust-list');
  if (problems.length > 0 || result.reportHash === undefined) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
    return { ok: false, problem: `${problems[0]?.message ?? 'it does not verify'}${more}` };
  }
  return { ok: true, report: parsed.value as SignedReport, reportHash: result.reportHash };
}

/** Whether `later` holds every signature of `earlier`, in order, and then possibly more. */
function extendsSignatures(earlier: readonly Signature[], later: readonly Signature[]): boolean {
  return (
    earlier.length <= later.length &&
    earlier.every((signature, index) => canonicalJson(signature) === canonicalJson(later[index]))
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function createReportMirror(deps: ReportMirrorDependencies): ReportMirror {
  const { fs } = deps;
  const log = deps.log ?? ((message: string) => console.warn(`[report-mirror] ${message}`));
  const folder = path.join(deps.userDataDir, MIRROR_FOLDER);
  const quotaBytes = deps.quotaBytes ?? MIRROR_QUOTA_BYTES;

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
    const ids = idsOf(json);
    if ('problem' in ids || typeof ids.reportId !== 'string') return folderName;
    return reportFolderName(ids.reportId) === folderName ? ids.reportId : folderName;
  }

  // One write at a time, so the quota is counted against what is really on disk.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  }

  /** Bytes of the files under `directory` (report folders, revisions, evidence). */
  async function sizeOf(directory: string, depth = 0): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(directory);
    } catch (error) {
      if (isNotFound(error)) return 0;
      throw error;
    }
    let total = 0;
    for (const name of names) {
      const entry = path.join(directory, name);
      const stats = await fs.stat(entry).catch(() => null);
      if (stats?.isFile()) total += stats.size;
      else if (stats?.isDirectory() && depth < 4) total += await sizeOf(entry, depth + 1);
    }
    return total;
  }

  // Counted from the disk once, then kept up to date by the writes below.
  let usage: number | undefined;

  /** Refuses, saying so, when `needed` more bytes would take the folder past its quota. */
  async function assertRoom(needed: number, request: MirrorSignedReportRequest): Promise<void> {
    usage ??= await sizeOf(folder);
    if (usage + needed <= quotaBytes) return;
    const message =
      `The folder of second copies of signed reports is full: it holds ${megabytes(usage)} of its ` +
      `${megabytes(quotaBytes)} quota and report ${JSON.stringify(request.reportId)} revision ` +
      `${request.revision} needs ${megabytes(needed)} more, so no copy of it was kept in ${folder}. ` +
      'The report is still in the app. Move old report folders out of that folder to make room, ' +
      'and keep backups (Settings).';
    log(message);
    throw new Error(message);
  }

  async function mirrorChecked(
    request: MirrorSignedReportRequest,
  ): Promise<MirrorSignedReportResult> {
    const incoming = verifiedCopy(request.json, 'the report to keep');
    if (!incoming.ok) {
      log(
        `refused a copy of report ${JSON.stringify(request.reportId)} r${request.revision}: ${incoming.problem}`,
      );
      throw new Error(`mirrorSignedReport: ${incoming.problem}`);
    }
    const { body, signatures } = incoming.report;
    if (body.reportId !== request.reportId || body.revision !== request.revision) {
      throw new Error('mirrorSignedReport: the json is another report or revision than named.');
    }
    const target = revisionFolder(request.reportId, request.revision);
    const reportFile = path.join(target, REPORT_FILE);
    const existing = await readIfPresent(reportFile);
    if (existing !== null) {
      const text = new TextDecoder().decode(existing);
      if (text === request.json) return { mirrored: false, reason: 'already kept' };
      const kept = verifiedCopy(text, reportFile);
      if (!kept.ok) {
        log(`replacing ${reportFile}, which does not verify: ${kept.problem}`);
      } else if (kept.reportHash !== incoming.reportHash) {
        log(`kept ${reportFile}: the copy offered has other content for this revision`);
        return { mirrored: false, reason: 'the copy kept has other content for this revision' };
      } else if (!extendsSignatures(kept.report.signatures, signatures)) {
        // Never trade a countersigned copy for one with fewer signatures or other ones.
        log(`kept ${reportFile}: the copy offered does not add to its signatures`);
        return { mirrored: false, reason: 'the copy kept holds more or other signatures' };
      }
    }

    const json = new TextEncoder().encode(request.json);
    const attachmentsFolder = path.join(target, ATTACHMENTS_FOLDER);
    const writes: { file: string; bytes: Uint8Array }[] = [];
    let needed = json.byteLength - (existing?.byteLength ?? 0);
    for (const { sha256, bytes } of request.attachments) {
      if (sha256Hex(bytes) !== sha256) {
        throw new Error(`mirrorSignedReport: the bytes of attachment ${sha256} do not match it.`);
      }
      const file = path.join(attachmentsFolder, sha256);
      const present = await readIfPresent(file);
      if (present !== null && sha256Hex(present) === sha256) continue;
      if (present !== null) log(`replacing the damaged evidence file ${file}`);
      if (writes.some((write) => write.file === file)) continue;
      writes.push({ file, bytes });
      needed += bytes.byteLength - (present?.byteLength ?? 0);
    }
    await assertRoom(needed, request);

    await fs.mkdir(attachmentsFolder, { recursive: true });
    try {
      for (const write of writes) await writeFileAtomic(fs, write.file, write.bytes);
      await writeFileAtomic(fs, reportFile, json);
    } catch (error) {
      // Part may be on disk: count again from the disk next time.
      usage = undefined;
      throw error;
    }
    if (usage !== undefined) usage += needed;
    log(`kept a copy of report ${request.reportId} revision ${request.revision} in ${target}`);
    return { mirrored: true };
  }

  return {
    folder,

    async mirror(request) {
      assertMirrorRequest(request);
      return exclusive(() => mirrorChecked(request));
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
