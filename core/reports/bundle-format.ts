// The report bundle: the single .zip the administrator exports next to (or instead of) the PDF.
//   report.json          the SignedReport, canonical JSON (the only signed part)
//   manifest.json        what is inside (unsigned, cross-checked against report.json on reading)
//   attachments/<sha256> the evidence bytes, named by their SHA-256 as listed in the report, but
//                        none for a file the report declares not included (format 5)
// Change the layout only with a new BUNDLE_FORMAT_VERSION, and keep reading the old one.
import { z } from 'zod';
import type { AttachmentRef } from '../runs/model';
import { HEX_SHA256, attachmentRefSchema } from './report-schema';

export const BUNDLE_FORMAT = 'go-live-report-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const REPORT_ENTRY = 'report.json';
export const MANIFEST_ENTRY = 'manifest.json';
export const ATTACHMENTS_DIR = 'attachments/';

/** Refuse bundles (and zip bombs) beyond these, before inflating anything. */
export const BUNDLE_LIMITS = {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: 500 * 1024 * 1024,
  maxEntries: 10_000,
} as const;

export interface BundleLimits {
  maxTotalBytes: number;
  maxEntries: number;
}

export interface ManifestAttachment extends AttachmentRef {
  /** The entry holding the bytes: attachments/<sha256>. */
  path: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  reportId: string;
  revision: number;
  reportHash: string;
  attachments: ManifestAttachment[];
}

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  reportId: z.string().max(1_000),
  revision: z.number().int(),
  reportHash: z.string().regex(HEX_SHA256),
  attachments: z
    .array(attachmentRefSchema.extend({ path: z.string().max(200) }))
    .max(BUNDLE_LIMITS.maxEntries),
});

export function attachmentPath(sha256: string): string {
  return `${ATTACHMENTS_DIR}${sha256}`;
}

/** An attachment as the report lists it, with where (for messages). */
export interface ListedAttachment {
  ref: AttachmentRef;
  itemTitle: string;
  /** Like `body.sections[0].items[1].attachments[0]`. */
  path: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Every attachment the report's body lists, read leniently from data whose shape was not checked
 * yet (verifyReport checks it): entries that are not attachment refs are skipped.
 */
export function listedAttachments(body: unknown): ListedAttachment[] {
  const out: ListedAttachment[] = [];
  array(record(body)?.sections).forEach((section, s) => {
    array(record(section)?.items).forEach((item, i) => {
      const title = record(item)?.title;
      array(record(item)?.attachments).forEach((candidate, a) => {
        const parsed = attachmentRefSchema.safeParse(candidate);
        if (!parsed.success) return;
        out.push({
          ref: parsed.data,
          itemTitle: typeof title === 'string' ? title : '?',
          path: `body.sections[${s}].items[${i}].attachments[${a}]`,
        });
      });
    });
  });
  return out;
}

/**
 * The attachments whose bytes a bundle of the report holds: all it lists but those the signer
 * declared not included (`evidenceNotIncluded`, format 5).
 */
export function includedAttachments(body: unknown): ListedAttachment[] {
  const value = record(body)?.evidenceNotIncluded;
  const declared = new Set(array(value).filter((hash) => typeof hash === 'string'));
  return listedAttachments(body).filter(({ ref }) => !declared.has(ref.sha256));
}

/** The manifest's list: one entry per included attachment id, in report order. */
export function manifestAttachments(body: unknown): ManifestAttachment[] {
  const byId = new Map<string, ManifestAttachment>();
  for (const { ref } of includedAttachments(body)) {
    if (!byId.has(ref.id)) byId.set(ref.id, { ...ref, path: attachmentPath(ref.sha256) });
  }
  return [...byId.values()];
}
