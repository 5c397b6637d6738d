// What verifyReport returns: valid only when there is no problem at all. Each problem has a stable
// code (for the UI, the hub and tests) and a plain-English message that says what and where.
// Warnings never make a report invalid; they say what a reader should know (a key revoked later).
// Adding a code: also describe it in the PDF renderer's and the hub's handling if they branch on it.
import type { Ed25519Verifier } from './ed25519-verifier';
import type { Sha256 } from '../runs/canonical';
import type { SignaturePurpose, SignerRole } from './report-format';

export type ReportProblemCode =
  /** The data does not have the report's shape (missing, mistyped or unknown fields). */
  | 'invalid-shape'
  /** Not a go-live report at all. */
  | 'unsupported-format'
  /** A report (or signature) format version this verifier does not know. */
  | 'unsupported-format-version'
  | 'invalid-revision'
  | 'invalid-supersedes'
  /** A newer revision of the same report is already known. */
  | 'replayed-revision'
  /** The same revision is known with other content. */
  | 'conflicting-revision'
  /** supersedes does not name the known previous revision. */
  | 'supersedes-mismatch'
  /** A revision names another office or run than the known revisions of the same report. */
  | 'lineage-mismatch'
  | 'no-go-signed-off'
  | 'no-signatures'
  | 'first-not-sign-off'
  | 'unexpected-sign-off'
  | 'signature-after-send-back'
  | 'duplicate-signer'
  /** The signature answers other earlier signatures than the report holds (swapped, removed). */
  | 'signature-chain-broken'
  | 'comment-required'
  /** The body's hash is not the one the signature covers: changed after signing. */
  | 'hash-mismatch'
  | 'signed-at-mismatch'
  /** The Ed25519 signature does not verify. */
  | 'bad-signature'
  | 'no-trust-list'
  | 'untrusted-key'
  | 'revoked-key'
  /** The trust list gives the key another role than the signature claims. */
  | 'role-mismatch'
  /** The trust list gives the key another name than the signature claims. */
  | 'name-mismatch'
  /** The key's role may not sign in this slot (an administrator's key countersigning). */
  | 'wrong-role-for-purpose'
  /** The sign-off's key belongs to an administrator of another office (or of none listed). */
  | 'not-admin-of-office'
  /** The sign-off's key belongs to a coordinator of another office (or of none listed). */
  | 'not-coordinator-of-office'
  /** The countersign's or send-back's key belongs to a supervisor of other offices only. */
  | 'not-supervisor-of-office'
  /** Format 3: a device chain of the history is broken, or its clocks or "before"s lie. */
  | 'history-broken'
  /** Format 3: the events are not the ones the signed body names (a chain added, cut or changed). */
  | 'history-mismatch'
  /** Format 3: an item in the report is not what the merged history says it is. */
  | 'answer-not-in-history'
  /** Format 3: the history still holds a conflict nobody resolved. */
  | 'unresolved-conflict'
  /** Format 3: a waiver decision that does not answer its request, by a second person, validly. */
  | 'waiver-decision-invalid'
  /** Format 3: a waiver decided with a key the trust list does not give a supervisor of the office. */
  | 'waiver-key-untrusted';

export type ReportWarningCode =
  /** The key was revoked after this signature was made: the signature stands. */
  'key-revoked-later';

export interface ReportWarning {
  code: ReportWarningCode;
  message: string;
  /** Index of the signature the warning is about. */
  signature: number;
}

export interface ReportProblem {
  code: ReportProblemCode;
  message: string;
  /** Where in the report, like `signatures[1].statement.signer.publicKey`. */
  path?: string;
  /** Index of the signature the problem is about. */
  signature?: number;
}

export interface SignatureCheck {
  index: number;
  purpose: SignaturePurpose;
  signerName: string;
  signerRole: SignerRole;
  publicKey: string;
  /** First 16 hex digits of the SHA-256 of the key. */
  fingerprint: string;
  signedAt: string;
  comment?: string;
  /** On the trust list, and not revoked before this signature was made. */
  keyTrusted: boolean;
  /** When the trust list says the key was revoked (before or after this signature). */
  revokedAt?: string;
  /** The key's role on the trust list. */
  keyRole?: SignerRole;
  /** The signature verifies with its key and covers this very body. */
  valid: boolean;
  /** The gist of this signature's problems ("key revoked; the signature does not verify"); the
   * full messages are in VerificationResult.problems. */
  problem?: string;
}

/** Where the report stands by its signatures. */
export type ReportStatus = 'signed-off' | 'countersigned' | 'sent-back';

/**
 * Format 5: a file the report lists whose bytes the signer did not hold at sign-off and declared
 * not included (signed): no bundle of this report holds it. Not a problem; a reader needs to know.
 */
export interface NotIncludedEvidence {
  sha256: string;
  name: string;
  size: number;
  itemTitle: string;
  /** The first place the report lists it, like `body.sections[0].items[1].attachments[0]`. */
  path: string;
}

export interface VerificationResult {
  valid: boolean;
  /** Set once the report has the right shape. */
  reportHash?: string;
  reportId?: string;
  revision?: number;
  status?: ReportStatus;
  problems: ReportProblem[];
  /** Things to know that do not make the report invalid. */
  warnings: ReportWarning[];
  signatures: SignatureCheck[];
  /** Format 5: evidence the signed report names but declares not included; absent when none. */
  notIncluded?: NotIncludedEvidence[];
}

/** A revision of a report already seen (by the app or the hub). */
export interface KnownRevision {
  reportId: string;
  revision: number;
  reportHash: string;
  /** The office it was signed for, when known: every revision of a report keeps it. */
  office?: string;
  /** The run it reports on, when known: every revision of a report keeps it. */
  runId?: string;
}

export interface VerifyOptions {
  /** Revisions already seen: an older or conflicting one is refused as a replay. */
  knownRevisions?: readonly KnownRevision[];
  /**
   * A copy of the body believed to be the signed one (the hub's stored copy, a bundle's copy when
   * checking a PDF). When a signature's hash does not match the body but matches this copy, the
   * message names the fields that changed.
   */
  signedCopy?: unknown;
  /**
   * When this verifier received the report, by a clock it trusts (the hub's receipt time): every
   * signature existed by then. A key revoked at or before this time cannot vouch for the report,
   * whatever time its signatures claim; without it, the claimed signing time is all there is.
   */
  receivedAt?: string;
  /**
   * Who checks the Ed25519 signatures (core/reports/ed25519-verifier.ts): node:crypto on the hub and
   * the CLI; the pure-JS fallback when not given.
   */
  ed25519?: Ed25519Verifier;
  /**
   * Who hashes the body and the signatures before each signature (core/runs/canonical.ts):
   * node:crypto on the hub and the CLI; pure JS when not given.
   */
  sha256?: Sha256;
}
