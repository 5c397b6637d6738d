// Signers, a trust list and signed reports for the report tests: a completed run of the runs
// fixture (gate go), signed off by Ana (admin) and countersigned by Sam (supervisor), with fixed
// keys and times so every test is deterministic.
import { hexToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import {
  buildReportBody,
  countersign,
  sha256HexOfBytes,
  type BundleAttachment,
  createKeySigner,
  signOff,
  type ReportBody,
  type SignedReport,
  type Signer,
  type SignerIdentity,
  type TrustList,
  type TrustedKey,
} from '../../../../core/reports';
import type { AttachmentRef } from '../../../../core/runs';
import { completeRun, Session } from '../runs/fixtures';

/** RFC 8032 section 7.1, test 1 and test 2 secret keys. */
export const ADMIN_KEY_HEX = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
export const SUPERVISOR_KEY_HEX =
  '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb';

/** A 32-byte key derived from a label, for the extra signers of a test. */
export function keyFor(label: string): Uint8Array {
  return sha256(utf8ToBytes(label));
}

/** A signer with a key derived from `label`. */
export function createKeySignerFor(
  label: string,
  name: string,
  role: SignerIdentity['role'],
): Signer {
  return createKeySigner(keyFor(label), { name, role });
}

export const adminSigner = createKeySigner(hexToBytes(ADMIN_KEY_HEX), {
  name: 'Ana Admin',
  role: 'admin',
  office: 'Berlin office',
});
export const supervisorSigner = createKeySigner(hexToBytes(SUPERVISOR_KEY_HEX), {
  name: 'Sam Supervisor',
  role: 'supervisor',
});

export const SIGNED_AT = '2025-06-01T16:00:00.000Z';
export const COUNTERSIGNED_AT = '2025-06-01T19:30:00.000Z';

/** The office of the fixture reports: administrators sign for it, supervisors oversee it. */
export const OFFICE = 'Berlin office';

/**
 * A signer's trust list entry, bound to an office as the hub lists keys: an administrator to
 * their identity's office (Berlin by default), a supervisor overseeing Berlin. `extra` overrides.
 */
export async function trustedKey(
  signer: Signer,
  extra: Partial<TrustedKey> = {},
): Promise<TrustedKey> {
  const { publicKey, name, role, office }: SignerIdentity = await signer.identity();
  const key: TrustedKey = { publicKey, name, role };
  if (role === 'admin') key.office = office ?? OFFICE;
  if (role === 'supervisor') key.supervises = [OFFICE];
  return { ...key, ...extra };
}

export async function trustList(...keys: Promise<TrustedKey>[]): Promise<TrustList> {
  return { format: 'go-live-trust-list', formatVersion: 1, keys: await Promise.all(keys) };
}

/** Ana and Sam, both trusted. */
export function defaultTrust(): Promise<TrustList> {
  return trustList(trustedKey(adminSigner), trustedKey(supervisorSigner));
}

export function completedSession(): Session {
  return completeRun(new Session());
}

export function body(overrides: Partial<Parameters<typeof buildReportBody>[0]> = {}): ReportBody {
  const session = completedSession();
  return buildReportBody({
    definition: session.def,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: 'Order the second ISP line six weeks ahead.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
    ...overrides,
  });
}

export function signedOff(reportBody: ReportBody = body()): Promise<SignedReport> {
  return signOff(adminSigner, reportBody, reportBody.signedAt);
}

export async function countersigned(reportBody: ReportBody = body()): Promise<SignedReport> {
  return countersign(
    supervisorSigner,
    await signedOff(reportBody),
    COUNTERSIGNED_AT,
    'Looks good.',
  );
}

/** A deep copy as plain JSON, to tamper with. */
export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Evidence with real bytes (the runs fixture's attachment has a made-up SHA-256). */
export function evidence(
  id: string,
  name: string,
  mimeType: string,
  bytes: Uint8Array,
): BundleAttachment {
  const ref: AttachmentRef = {
    id,
    name,
    mimeType,
    size: bytes.length,
    sha256: sha256HexOfBytes(bytes),
  };
  return { ref, bytes };
}

export const photo = evidence(
  'att-photo',
  'rack-label.jpg',
  'image/jpeg',
  Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 251),
);
export const speedTest = evidence(
  'att-speed',
  'speed-test.txt',
  'text/plain',
  utf8ToBytes('Download 480 Mbit/s, upload 120 Mbit/s\n'.repeat(50)),
);
/** The same bytes as the photo, attached to a second item: stored once in a bundle. */
export const photoAgain = { ref: { ...photo.ref, id: 'att-photo-2' }, bytes: photo.bytes };

/** A completed run whose evidence is all real: the photo on two items, the speed test log. */
export function sessionWithEvidence(): Session {
  return completedSession().must(
    { type: 'attach', itemId: 'speed-test', attachment: speedTest.ref },
    { type: 'detach', itemId: 'speed-test', attachmentId: 'speed' },
    { type: 'attach', itemId: 'core-switches', attachment: photo.ref },
    { type: 'attach', itemId: 'backup-target', attachment: photoAgain.ref },
  );
}

export function evidenceBody(
  overrides: Partial<Parameters<typeof buildReportBody>[0]> = {},
): ReportBody {
  const session = sessionWithEvidence();
  return buildReportBody({
    definition: session.def,
    run: session.run,
    answers: session.answers,
    events: session.events,
    office: 'Berlin office',
    lessonsLearned: 'Label the racks before the photos.',
    signedAt: SIGNED_AT,
    revision: 1,
    supersedes: null,
    ...overrides,
  });
}

/** The evidence run signed off on a device that holds the speed test's bytes but not the photo's. */
export function evidenceBodyWithoutPhoto(
  overrides: Partial<Parameters<typeof buildReportBody>[0]> = {},
): ReportBody {
  return evidenceBody({
    lessonsLearned: 'The photo stayed on the technician laptop.',
    isEvidenceHeld: (sha256) => sha256 !== photo.ref.sha256,
    ...overrides,
  });
}

export const allEvidence: BundleAttachment[] = [photo, speedTest, photoAgain];

/**
 * The same body as an older format would have written it: a single log's eventChain instead of
 * the shared history (reports signed before format 3 live for years and must still verify).
 */
export function inFormat(body: ReportBody, version: 1 | 2): ReportBody {
  const { history, ...rest } = structuredClone(body);
  const chain = history?.chains[0];
  return {
    ...rest,
    formatVersion: version,
    eventChain: chain ? { head: chain.head, length: chain.length } : { head: null, length: 0 },
  };
}
