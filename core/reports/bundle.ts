// Writes the report bundle (layout in bundle-format.ts) from a signed report and the bytes of its
// evidence. Refuses (throws BundleError) to write a bundle its own reader would reject: bytes that
// do not match their ref, an attachment missing or not in the report, a bundle over the limits.
// Already-compressed evidence (photos, PDFs, archives) is stored, not deflated again.
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { zipSync, type Zippable } from 'fflate';
import { canonicalJson, pureJsSha256, type Sha256 } from '../runs/canonical';
import type { AttachmentRef } from '../runs/model';
import type { BundleManifest } from './bundle-format';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_LIMITS,
  MANIFEST_ENTRY,
  REPORT_ENTRY,
  attachmentPath,
  includedAttachments,
  manifestAttachments,
} from './bundle-format';
import type { SignedReport } from './report-format';
import { canonicalReportBytes, reportHash } from './report-hash';

export interface BundleAttachment {
  ref: AttachmentRef;
  bytes: Uint8Array;
}

export type BundleErrorCode =
  'attachment-mismatch' | 'missing-attachment' | 'unreferenced-attachment' | 'too-large';

export class BundleError extends Error {
  constructor(
    readonly code: BundleErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleError';
  }
}

const COMPRESSED_TYPES =
  /^(image\/(jpeg|png|gif|webp|heic|avif)|video\/|audio\/|application\/(zip|gzip|pdf|x-7z-compressed))/;

export function sha256HexOfBytes(bytes: Uint8Array, sha256: Sha256 = pureJsSha256): string {
  return sha256.hex(bytes);
}

export function encodeBundle(
  signed: SignedReport,
  attachments: readonly BundleAttachment[],
): Uint8Array {
  const wanted = new Map(
    includedAttachments(signed.body).map((entry) => [entry.ref.sha256, entry]),
  );
  const notIncluded = new Set(signed.body.evidenceNotIncluded);
  const files: Zippable = {};
  const report = canonicalReportBytes(signed);
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    reportId: signed.body.reportId,
    revision: signed.body.revision,
    reportHash: reportHash(signed.body),
    attachments: manifestAttachments(signed.body),
  };
  files[REPORT_ENTRY] = [report, { level: 6 }];
  files[MANIFEST_ENTRY] = [utf8ToBytes(canonicalJson(manifest)), { level: 6 }];
  let total = report.length;
  for (const { ref, bytes } of attachments) {
    // Bytes that arrived after the sign-off stay out: the signer declared the file not included.
    if (notIncluded.has(ref.sha256)) continue;
    if (!wanted.has(ref.sha256)) {
      throw new BundleError(
        'unreferenced-attachment',
        `Attachment "${ref.name}" is not listed in the report.`,
      );
    }
    if (bytes.length !== ref.size || sha256HexOfBytes(bytes) !== ref.sha256) {
      throw new BundleError(
        'attachment-mismatch',
        `The bytes given for attachment "${ref.name}" do not match its SHA-256 and size in the report.`,
      );
    }
    const path = attachmentPath(ref.sha256);
    if (files[path] !== undefined) continue;
    total += bytes.length;
    files[path] = [bytes, { level: COMPRESSED_TYPES.test(ref.mimeType) ? 0 : 6 }];
  }
  for (const [hash, entry] of wanted) {
    if (files[attachmentPath(hash)] === undefined) {
      throw new BundleError(
        'missing-attachment',
        `The bytes of attachment "${entry.ref.name}" (item "${entry.itemTitle}") were not given.`,
      );
    }
  }
  if (total > BUNDLE_LIMITS.maxTotalBytes) {
    throw new BundleError(
      'too-large',
      `The bundle would hold ${Math.ceil(total / 1024 / 1024)} MB; at most ${BUNDLE_LIMITS.maxTotalBytes / 1024 / 1024} MB can be verified.`,
    );
  }
  // The sign-off time as every entry's time, so the same report gives the same bytes.
  return zipSync(files, { mtime: new Date(signed.body.signedAt) });
}
