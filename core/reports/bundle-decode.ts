// Reads a report bundle (layout in bundle-format.ts) without trusting it: the zip's directory is
// checked as a whole before anything is inflated (zip-entries.ts: limits on entries and declared
// sizes, entries inside the file and not sharing bytes), and only report.json, manifest.json and
// the evidence the report lists are ever inflated, each capped at the size it declares, so a zip
// bomb costs milliseconds, even one whose entries lie about their sizes. Duplicate, unexpected and
// missing entries, evidence whose bytes do not match the report's SHA-256, and a manifest that
// disagrees with the report are reported as problems, never thrown. A file the signed report
// declares not included (format 5) is named in `notIncluded`, not a problem: the signer said so. The report itself is returned
// unverified: call verifyReport.
import { canonicalJson, pureJsSha256, type Sha256 } from '../runs/canonical';
import { sha256HexOfBytes } from './bundle';
import type { BundleLimits, BundleManifest, ListedAttachment } from './bundle-format';
import {
  ATTACHMENTS_DIR,
  BUNDLE_LIMITS,
  MANIFEST_ENTRY,
  REPORT_ENTRY,
  attachmentPath,
  includedAttachments,
  manifestAttachments,
  manifestSchema,
} from './bundle-format';
import { notIncludedAttachments } from './evidence-not-included';
import { MAX_REPORT_JSON_BYTES, parseReportJson } from './report-hash';
import { describeShapeIssues } from './shape-issues';
import { decodeUtf8Strict } from './utf8';
import type { ZipDirectory, ZipProblem, ZipProblemCode } from './zip-entries';
import { readZipDirectory, readZipEntry } from './zip-entries';

export type BundleProblemCode =
  /** corrupt-zip, too-large, too-many-entries, overlapping-entries, entry-size-mismatch. */
  | ZipProblemCode
  | 'duplicate-entry'
  | 'unexpected-entry'
  | 'missing-report'
  | 'invalid-report-json'
  | 'missing-manifest'
  | 'invalid-manifest'
  | 'manifest-mismatch'
  | 'missing-attachment'
  | 'attachment-mismatch';

export interface BundleProblem {
  code: BundleProblemCode;
  message: string;
  /** The zip entry, or the place in the report, the problem is about. */
  path?: string;
}

export type DecodedBundle =
  | {
      ok: true;
      /** The SignedReport as parsed from report.json: not verified yet. */
      signed: unknown;
      /** Evidence bytes by SHA-256 (each checked against the report). */
      attachments: Map<string, Uint8Array>;
      manifest: BundleManifest;
      /**
       * Files the report lists but the signer declared not included (format 5): no bundle of this
       * report holds their bytes. Told apart from a file removed after signing (missing-attachment).
       */
      notIncluded: ListedAttachment[];
      /** The exact bytes of report.json (canonical JSON of `signed`), e.g. to hash. */
      reportJson: Uint8Array;
      problems: [];
    }
  | {
      ok: false;
      problems: BundleProblem[];
      /** Set when report.json could be read, so its signatures can still be shown. */
      signed?: unknown;
    };

/** Thrown when an entry cannot be read as it declares: the whole bundle is refused at once. */
class EntryRefused extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.message);
  }
}

/** The bundle's entries by name, inflated only when asked for (and then once). */
class Entries {
  private readonly read = new Map<string, Uint8Array>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly directory: ZipDirectory,
  ) {}

  names(): string[] {
    return [...this.directory.entries.keys()];
  }

  declaredSize(name: string): number | undefined {
    return this.directory.entries.get(name)?.declaredSize;
  }

  get(name: string): Uint8Array | undefined {
    const done = this.read.get(name);
    if (done) return done;
    const entry = this.directory.entries.get(name);
    if (!entry) return undefined;
    const result = readZipEntry(this.bytes, entry);
    if (!result.ok) throw new EntryRefused(result.problem);
    this.read.set(name, result.bytes);
    return result.bytes;
  }
}

/** UTF-8 text of a JSON entry, undefined when it is absent, too large or not UTF-8. */
function jsonText(files: Entries, name: string): string | undefined {
  if ((files.declaredSize(name) ?? 0) > MAX_REPORT_JSON_BYTES) return undefined;
  const bytes = files.get(name);
  return bytes === undefined ? undefined : decodeUtf8Strict(bytes);
}

/** report.json as read, canonical: the value and the body's canonical text. */
interface ReportRead {
  value: unknown;
  bodyJson?: string;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The parsed report.json (also when not canonical, to show), and what was read when canonical. */
function readReport(
  files: Entries,
  problems: BundleProblem[],
): { signed: unknown; read?: ReportRead } {
  if (files.declaredSize(REPORT_ENTRY) === undefined) {
    problems.push({
      code: 'missing-report',
      path: REPORT_ENTRY,
      message: 'The bundle has no report.json: it is not a report bundle.',
    });
    return { signed: undefined };
  }
  const text = jsonText(files, REPORT_ENTRY);
  if (text === undefined) {
    problems.push({
      code: 'invalid-report-json',
      path: REPORT_ENTRY,
      message: 'report.json in the bundle is not UTF-8 text of a sensible size.',
    });
    return { signed: undefined };
  }
  const parsed = parseReportJson(text, 'report.json in the bundle');
  if (!parsed.ok) {
    problems.push({ code: 'invalid-report-json', path: REPORT_ENTRY, message: parsed.message });
    return { signed: parsed.code === 'not-canonical' ? parsed.value : undefined };
  }
  const read: ReportRead = { value: parsed.value };
  if (parsed.bodyJson !== undefined) read.bodyJson = parsed.bodyJson;
  return { signed: parsed.value, read };
}

function readManifest(files: Entries, problems: BundleProblem[]): BundleManifest | undefined {
  if (files.declaredSize(MANIFEST_ENTRY) === undefined) {
    problems.push({
      code: 'missing-manifest',
      path: MANIFEST_ENTRY,
      message: 'The bundle has no manifest.json.',
    });
    return undefined;
  }
  const text = jsonText(files, MANIFEST_ENTRY);
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const details = describeShapeIssues(parsed.error.issues, value)
      .slice(0, 5)
      .map((issue) => `${issue.path || 'the manifest'}: ${issue.message}`);
    problems.push({
      code: 'invalid-manifest',
      path: MANIFEST_ENTRY,
      message: `manifest.json in the bundle is not a bundle manifest${details.length > 0 ? ` (${details.join('; ')})` : ''}.`,
    });
    return undefined;
  }
  return parsed.data;
}

/** SHA-256 of the body's canonical JSON: from the text read when there is one (not again). */
function bodyHashOf(
  signed: unknown,
  read: ReportRead | undefined,
  sha256: Sha256,
): string | undefined {
  if (read !== undefined && read.value === signed && read.bodyJson !== undefined) {
    return sha256.hex(read.bodyJson);
  }
  try {
    return sha256.hex(canonicalJson(field(signed, 'body')));
  } catch {
    return undefined;
  }
}

function crossCheckManifest(
  manifest: BundleManifest,
  signed: unknown,
  hash: string | undefined,
  problems: BundleProblem[],
): void {
  const body = field(signed, 'body');
  const mismatch = (what: string): void => {
    problems.push({
      code: 'manifest-mismatch',
      path: MANIFEST_ENTRY,
      message: `manifest.json in the bundle does not match report.json: ${what}.`,
    });
  };
  if (manifest.reportId !== field(body, 'reportId')) mismatch('the report id differs');
  if (manifest.revision !== field(body, 'revision')) mismatch('the revision differs');
  if (manifest.reportHash !== hash) mismatch('the report hash differs');
  if (canonicalJson(manifest.attachments) !== canonicalJson(manifestAttachments(body))) {
    mismatch('the list of attachments differs');
  }
}

function checkAttachments(
  files: Entries,
  signed: unknown,
  problems: BundleProblem[],
  sha256: Sha256,
): Map<string, Uint8Array> {
  const attachments = new Map<string, Uint8Array>();
  const reported = new Set<string>();
  for (const { ref, itemTitle, path } of includedAttachments(field(signed, 'body'))) {
    const entry = attachmentPath(ref.sha256);
    const label = `Attachment "${ref.name}" of item "${itemTitle}" (${path})`;
    if (reported.has(entry) || attachments.has(ref.sha256)) continue;
    const size = files.declaredSize(entry);
    if (size === undefined) {
      reported.add(entry);
      problems.push({
        code: 'missing-attachment',
        path: entry,
        message: `${label}: its file ${entry} is missing from the bundle.`,
      });
      continue;
    }
    // A wrong size is told from the directory, without inflating anything.
    const bytes = size === ref.size ? files.get(entry) : undefined;
    if (bytes === undefined || sha256HexOfBytes(bytes, sha256) !== ref.sha256) {
      reported.add(entry);
      problems.push({
        code: 'attachment-mismatch',
        path: entry,
        message: `${label}: the bytes in ${entry} do not match the SHA-256 and size the signed report lists: the file was changed or damaged.`,
      });
      continue;
    }
    attachments.set(ref.sha256, bytes);
  }
  return attachments;
}

/**
 * `sha256`: who hashes the report and the evidence (node:crypto on the hub and the CLI; pure JS
 * when not given).
 */
export function decodeBundle(
  bytes: Uint8Array,
  limits: BundleLimits = BUNDLE_LIMITS,
  sha256: Sha256 = pureJsSha256,
): DecodedBundle {
  const read = readZipDirectory(bytes, limits);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const files = new Entries(bytes, read.directory);
  const problems: BundleProblem[] = read.directory.duplicates.map((name) => ({
    code: 'duplicate-entry',
    path: name,
    message: `The bundle holds ${name} more than once: readers could disagree about which copy counts.`,
  }));
  let signed: unknown;
  try {
    const report = readReport(files, problems);
    signed = report.signed;
    const manifest = readManifest(files, problems);
    const hash = signed === undefined ? undefined : bodyHashOf(signed, report.read, sha256);
    if (signed !== undefined && manifest) crossCheckManifest(manifest, signed, hash, problems);
    const attachments =
      signed === undefined
        ? new Map<string, Uint8Array>()
        : checkAttachments(files, signed, problems, sha256);
    const body = field(signed, 'body');
    const expected = new Set([
      REPORT_ENTRY,
      MANIFEST_ENTRY,
      ...includedAttachments(body).map(({ ref }) => attachmentPath(ref.sha256)),
    ]);
    const notIncluded = notIncludedAttachments(body);
    const declared = new Set(notIncluded.map(({ ref }) => attachmentPath(ref.sha256)));
    for (const name of files.names()) {
      // Without a readable report, which evidence belongs is unknown: only foreign files count.
      if (expected.has(name) || (signed === undefined && name.startsWith(ATTACHMENTS_DIR))) {
        continue;
      }
      problems.push({
        code: 'unexpected-entry',
        path: name,
        message: declared.has(name)
          ? `The bundle holds ${name}, which the signed report declares not included: it was added after the sign-off.`
          : name.startsWith(ATTACHMENTS_DIR)
            ? `The bundle holds ${name}, which the report does not list.`
            : `The bundle holds ${name}, which is not part of a report bundle.`,
      });
    }
    const reportBytes = files.get(REPORT_ENTRY);
    if (problems.length > 0 || !manifest || !reportBytes) {
      return signed === undefined ? { ok: false, problems } : { ok: false, problems, signed };
    }
    return {
      ok: true,
      signed,
      attachments,
      manifest,
      notIncluded,
      reportJson: reportBytes,
      problems: [],
    };
  } catch (error) {
    if (!(error instanceof EntryRefused)) throw error;
    // An entry lied about its size or is damaged: nothing else is read.
    const refused = [error.problem];
    return signed === undefined
      ? { ok: false, problems: refused }
      : { ok: false, problems: refused, signed };
  }
}
