// Signed report bundles for the hub tests: a hand-built ReportBody (one office, one section, real
// evidence bytes), signed off with core's createKeySigner and fixed keys, packed with core's
// encodeBundle. Every call with the same arguments gives the same bytes.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type {
  BundleAttachment,
  ReportBody,
  SignedReport,
  Signer,
  SignerRole,
} from '../../../core/reports/index';
import {
  createKeySigner,
  encodeBundle,
  reportHash,
  sha256HexOfBytes,
  signOff,
} from '../../../core/reports/index';

/** A fixed 32-byte private key derived from a label. */
export function keyFor(label: string): Uint8Array {
  return sha256(utf8ToBytes(`hub-test-key:${label}`));
}

export function signerFor(label: string, name: string, role: SignerRole, office?: string): Signer {
  return createKeySigner(
    keyFor(label),
    office === undefined ? { name, role } : { name, role, office },
  );
}

export const SIGNED_AT = '2025-06-01T16:00:00.000Z';

export function evidence(
  name: string,
  bytes: Uint8Array,
  mimeType = 'text/plain',
): BundleAttachment {
  return {
    ref: { id: `att-${name}`, name, mimeType, size: bytes.length, sha256: sha256HexOfBytes(bytes) },
    bytes,
  };
}

export const speedTest = evidence(
  'speed-test.txt',
  utf8ToBytes('Download 480 Mbit/s, upload 120 Mbit/s\n'.repeat(20)),
);

export interface BodyOptions {
  reportId: string;
  office: string;
  revision?: number;
  supersedes?: string | null;
  lessonsLearned?: string;
  attachments?: BundleAttachment[];
  adminName?: string;
}

export function reportBody(options: BodyOptions): ReportBody {
  const attachments = options.attachments ?? [speedTest];
  const admin = { id: 'usr-admin', name: options.adminName ?? 'Admin', role: 'admin' as const };
  return {
    format: 'go-live-report',
    formatVersion: 1,
    reportId: options.reportId,
    revision: options.revision ?? 1,
    supersedes: options.supersedes ?? null,
    run: {
      id: options.reportId,
      name: `Opening ${options.office}`,
      kind: 'new-office',
      office: options.office,
      parameters: { seats: 120, country: 'DE' },
      plannedGoLive: '2025-06-02',
      createdAt: '2025-05-30T08:00:00.000Z',
      createdBy: admin,
    },
    definition: { id: 'new-office', version: '1.1.0', hash: 'ab'.repeat(32), title: 'New office' },
    gate: { decision: 'go', waivers: [] },
    summary: {
      total: 1,
      done: 1,
      notApplicable: 0,
      blocked: 0,
      open: 0,
      failing: 0,
      percentComplete: 100,
      estimateMinutes: 30,
      actualMinutes: 45,
    },
    sections: [
      {
        id: 'network',
        title: 'Network',
        department: 'network',
        items: [
          {
            id: 'speed-test',
            title: 'Speed test on both lines',
            type: 'check',
            severity: 'blocking',
            department: 'network',
            status: 'done',
            attachments: attachments.map((a) => a.ref),
            failing: false,
            updatedAt: '2025-06-01T10:00:00.000Z',
            updatedBy: admin,
          },
        ],
      },
    ],
    hiddenItems: [],
    eventChain: { head: null, length: 0 },
    lessonsLearned: options.lessonsLearned ?? 'Order the second ISP line six weeks ahead.',
    signedAt: SIGNED_AT,
  };
}

export interface SignedBundle {
  signed: SignedReport;
  bytes: Uint8Array;
  reportHash: string;
}

export async function signedBundle(signer: Signer, options: BodyOptions): Promise<SignedBundle> {
  const body = reportBody(options);
  const signed = await signOff(signer, body, body.signedAt);
  return {
    signed,
    bytes: encodeBundle(signed, options.attachments ?? [speedTest]),
    reportHash: reportHash(body),
  };
}

export function bundleOf(
  signed: SignedReport,
  attachments: BundleAttachment[] = [speedTest],
): Uint8Array {
  return encodeBundle(signed, attachments);
}
