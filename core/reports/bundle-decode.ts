// Reads a report bundle (layout in bundle-format.ts) without trusting it: limits are checked on the
// zip's directory before anything is inflated (a zip bomb is refused, and an entry that lies about
// its size is cut at the size it declared); duplicate, unexpected and missing entries, evidence
// whose bytes do not match the report's SHA-256, and a manifest that disagrees with the report are
// reported as problems, never thrown. The report itself is returned unverified: call verifyReport.
import { unzipSync, type Unzipped } from 'fflate';
import { canonicalJson, sha256Hex } from '../runs/event-chain';
import { sha256HexOfBytes } from './bundle';
import type { BundleLimits, BundleManifest } from './bundle-format';
import {
  ATTACHMENTS_DIR,
  BUNDLE_LIMITS,
  MANIFEST_ENTRY,
  REPORT_ENTRY,
  attachmentPath,
  listedAttachments,
  manifestAttachments,
  manifestSchema,
} from './bundle-format';
import { MAX_REPORT_JSON_BYTES, parseReportJson } from './report-hash';
import { describeShapeIssues } from './shape-issues';
import { decodeUtf8Strict } from './utf8';

export type BundleProblemCode =
  | 'corrupt-zip'
  | 'too-large'
  | 'too-many-entries'
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
      problems: [];
    }
  | {
      ok: false;
      problems: BundleProblem[];
      /** Set when report.json could be read, so its signatures can still be shown. */
      signed?: unknown;
    };

class LimitExceeded extends Error {
  constructor(readonly problem: BundleProblem) {
    super(problem.message);
  }
}

const MB = 1024 * 1024;

function unzip(
  bytes: Uint8Array,
  limits: BundleLimits,
): { files: Unzipped; duplicates: string[] } | BundleProblem {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let entries = 0;
  let total = 0;
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        total += file.originalSize;
        if (entries > limits.maxEntries) {
          throw new LimitExceeded({
            code: 'too-many-entries',
            message: `The bundle has more than ${limits.maxEntries} files: not a report bundle.`,
          });
        }
        if (total > limits.maxTotalBytes) {
          throw new LimitExceeded({
            code: 'too-large',
            message: `The bundle unpacks to more than ${Math.round(limits.maxTotalBytes / MB)} MB: refused (a zip bomb, or not a report bundle).`,
          });
        }
        if (seen.has(file.name)) {
          duplicates.push(file.name);
          return false;
        }
        seen.add(file.name);
        return !file.name.endsWith('/');
      },
    });
    return { files, duplicates };
  } catch (error) {
    if (error instanceof LimitExceeded) return error.problem;
    return {
      code: 'corrupt-zip',
      message: 'The file is not a readable zip: it is damaged, cut short or not a report bundle.',
    };
  }
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function readReport(files: Unzipped, problems: BundleProblem[]): unknown {
  const bytes = files[REPORT_ENTRY];
  if (!bytes) {
    problems.push({
      code: 'missing-report',
      path: REPORT_ENTRY,
      message: 'The bundle has no report.json: it is not a report bundle.',
    });
    return undefined;
  }
  const text = bytes.length > MAX_REPORT_JSON_BYTES ? undefined : decodeUtf8Strict(bytes);
  if (text === undefined) {
    problems.push({
      code: 'invalid-report-json',
      path: REPORT_ENTRY,
      message: 'report.json in the bundle is not UTF-8 text of a sensible size.',
    });
    return undefined;
  }
  const parsed = parseReportJson(text, 'report.json in the bundle');
  if (!parsed.ok) {
    problems.push({ code: 'invalid-report-json', path: REPORT_ENTRY, message: parsed.message });
    return parsed.code === 'not-canonical' ? parsed.value : undefined;
  }
  return parsed.value;
}

function readManifest(files: Unzipped, problems: BundleProblem[]): BundleManifest | undefined {
  const bytes = files[MANIFEST_ENTRY];
  if (!bytes) {
    problems.push({
      code: 'missing-manifest',
      path: MANIFEST_ENTRY,
      message: 'The bundle has no manifest.json.',
    });
    return undefined;
  }
  const text = bytes.length > MAX_REPORT_JSON_BYTES ? undefined : decodeUtf8Strict(bytes);
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

function crossCheckManifest(
  manifest: BundleManifest,
  signed: unknown,
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
  let hash: string | undefined;
  try {
    hash = sha256Hex(canonicalJson(body));
  } catch {
    hash = undefined;
  }
  if (manifest.reportHash !== hash) mismatch('the report hash differs');
  if (canonicalJson(manifest.attachments) !== canonicalJson(manifestAttachments(body))) {
    mismatch('the list of attachments differs');
  }
}

function checkAttachments(
  files: Unzipped,
  signed: unknown,
  problems: BundleProblem[],
): Map<string, Uint8Array> {
  const attachments = new Map<string, Uint8Array>();
  const reported = new Set<string>();
  for (const { ref, itemTitle, path } of listedAttachments(field(signed, 'body'))) {
    const entry = attachmentPath(ref.sha256);
    const bytes = files[entry];
    const label = `Attachment "${ref.name}" of item "${itemTitle}" (${path})`;
    if (reported.has(entry) || attachments.has(ref.sha256)) continue;
    if (!bytes) {
      reported.add(entry);
      problems.push({
        code: 'missing-attachment',
        path: entry,
        message: `${label}: its file ${entry} is missing from the bundle.`,
      });
      continue;
    }
    if (bytes.length !== ref.size || sha256HexOfBytes(bytes) !== ref.sha256) {
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

export function decodeBundle(
  bytes: Uint8Array,
  limits: BundleLimits = BUNDLE_LIMITS,
): DecodedBundle {
  const unzipped = unzip(bytes, limits);
  if (!('files' in unzipped)) return { ok: false, problems: [unzipped] };
  const { files, duplicates } = unzipped;
  const problems: BundleProblem[] = duplicates.map((name) => ({
    code: 'duplicate-entry',
    path: name,
    message: `The bundle holds ${name} more than once: readers could disagree about which copy counts.`,
  }));
  const signed = readReport(files, problems);
  const manifest = readManifest(files, problems);
  if (signed !== undefined && manifest) crossCheckManifest(manifest, signed, problems);
  const attachments =
    signed === undefined
      ? new Map<string, Uint8Array>()
      : checkAttachments(files, signed, problems);
  const expected = new Set([
    REPORT_ENTRY,
    MANIFEST_ENTRY,
    ...listedAttachments(field(signed, 'body')).map(({ ref }) => attachmentPath(ref.sha256)),
  ]);
  for (const name of Object.keys(files)) {
    // Without a readable report, which evidence belongs is unknown: only foreign files count.
    if (expected.has(name) || (signed === undefined && name.startsWith(ATTACHMENTS_DIR))) continue;
    problems.push({
      code: 'unexpected-entry',
      path: name,
      message: name.startsWith(ATTACHMENTS_DIR)
        ? `The bundle holds ${name}, which the report does not list.`
        : `The bundle holds ${name}, which is not part of a report bundle.`,
    });
  }
  if (problems.length > 0 || !manifest) {
    return signed === undefined ? { ok: false, problems } : { ok: false, problems, signed };
  }
  return { ok: true, signed, attachments, manifest, problems: [] };
}
