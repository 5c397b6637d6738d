// The signed sign-off report: what the administrator signs, the supervisor countersigns, the PDF
// embeds and the hub ingests. Its canonical form (RFC 8785) is what is hashed and signed, so this
// shape IS the wire format. Change it only with a new REPORT_FORMAT_VERSION, and keep verifying the
// old versions (signed reports live for years). When changing it, also update: build-report.ts,
// the PDF renderer, the hub's ingest and the golden vectors in test/unit/core/reports/.
import type { DefinitionKind, ItemType, ParameterValues, Severity } from '../definitions/schema';
import type { Actor, AnswerValue, AttachmentRef, ItemStatus } from '../runs/model';
import type { GateDecision } from '../runs/gate';
import type { RunEvent } from '../runs/run-event';
import type { WaiverDecision } from '../runs/waiver-decision';

export const REPORT_FORMAT = 'go-live-report';
/**
 * Bump when the canonical shape of ReportBody or Signature changes. History:
 * 1: the first format.
 * 2: items may carry `acceptedFailure` (done although the value fails, with the reason).
 * 3: shared runs: the body's `history` (every device's events, each chain's head, the moves
 *    between template versions) replaces `eventChain`.
 * 4: reassignments: the history may hold `assign` events, and their answers an `assignee`.
 * 5: the body may carry `evidenceNotIncluded`: files it lists whose bytes the signer did not hold.
 */
export const REPORT_FORMAT_VERSION = 5;

/** Roles whose keys are on the trust list; an engineer never signs, so has none there. */
export type SignerRole = 'admin' | 'supervisor' | 'head' | 'coordinator';

/** Why a signature was made. */
export type SignaturePurpose =
  /** The local administrator signs the site off as ready. */
  | 'sign-off'
  /** A supervisor approves the signed report. */
  | 'countersign'
  /** A supervisor sends the report back for a new revision, with a comment. */
  | 'send-back';

export interface ReportItem {
  id: string;
  title: string;
  type: ItemType;
  severity: Severity;
  department: string;
  status: ItemStatus;
  value?: AnswerValue;
  /** Number and count items: the unit (Mbit/s, ISP line), so the value reads on its own. */
  unit?: string;
  /** Choice items: the label of the chosen option. */
  valueLabel?: string;
  /** Reason for N/A or blocked. */
  reason?: string;
  rollbackPlan?: string;
  notes?: string;
  /** Format 3: a waiver carries the supervisor's signed decision (four eyes). */
  waiver?: { justification: string; by: Actor; at: string; decision?: WaiverDecision };
  attachments: AttachmentRef[];
  failing: boolean;
  failure?: string;
  /** Format 2: marked done although failing, with why, what failed, who and when. */
  acceptedFailure?: { reason: string; failure: string; by: Actor; at: string };
  startedAt?: string;
  finishedAt?: string;
  estimateMinutes?: number;
  updatedAt?: string;
  updatedBy?: Actor;
}

export interface ReportSection {
  id: string;
  title: string;
  department: string;
  items: ReportItem[];
}

export interface ReportBody {
  format: typeof REPORT_FORMAT;
  formatVersion: number;
  /** Stable across revisions: the run's id. */
  reportId: string;
  /** 1 for the first sign-off; +1 for each revision after a send-back. */
  revision: number;
  /** reportHash of the revision this one replaces; null for revision 1. */
  supersedes: string | null;
  run: {
    id: string;
    name: string;
    kind: DefinitionKind;
    office: string;
    parameters: ParameterValues;
    plannedGoLive: string;
    createdAt: string;
    createdBy: Actor;
  };
  definition: { id: string; version: string; hash: string; title: string };
  gate: {
    decision: GateDecision;
    waivers: {
      itemId: string;
      title: string;
      justification: string;
      by: Actor;
      at: string;
      /** Format 3: who approved the waiver, and when. */
      approvedBy?: Actor;
      approvedAt?: string;
    }[];
  };
  summary: {
    total: number;
    done: number;
    notApplicable: number;
    blocked: number;
    open: number;
    failing: number;
    percentComplete: number;
    estimateMinutes: number;
    actualMinutes: number;
  };
  sections: ReportSection[];
  /** Titles of the department ids used in sections and items. */
  departments?: { id: string; title: string }[];
  /** Items hidden by the run's parameters (`when`), by id. */
  hiddenItems: string[];
  /** Format 1 and 2: head of the run's single hash-chained event log at signing, and its length. */
  eventChain?: { head: string | null; length: number };
  /** Format 3: the run's whole history at signing, every device's chain (shared runs). */
  history?: ReportHistory;
  /**
   * Format 5: SHA-256s (sorted, once each) of listed attachments whose bytes were not on the
   * signing device (a shared run's file still on another member's laptop): the signer declares
   * them not included, so the bundle holds no bytes for them. Absent when every file was in hand.
   */
  evidenceNotIncluded?: string[];
  /** What went wrong, what check was missing: input for the template's next version. */
  lessonsLearned: string;
  /** ISO 8601: when the administrator signed it off. */
  signedAt: string;
}

export interface ReportHistory {
  /** Each device chain's last event and length, by chain id. */
  chains: { chain: string; head: string; length: number }[];
  /** Every device's events, by chain then seq: what the items are checked against. */
  events: RunEvent[];
  /** Moves of the run to another template version, oldest first (the report names every one). */
  moves: { fromVersion: string; toVersion: string; toHash: string; at: string; by: Actor }[];
}

export interface SignerIdentity {
  /** base64url of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  name: string;
  role: SignerRole;
  office?: string;
}

/** The exact statement a signature covers; its canonical JSON is what is signed. */
export interface SignedStatement {
  format: typeof REPORT_FORMAT;
  formatVersion: number;
  purpose: SignaturePurpose;
  /** reportHash: SHA-256 hex of the canonical JSON of the ReportBody. */
  reportHash: string;
  signer: SignerIdentity;
  signedAt: string;
  /** Send-back comments or countersign remarks. */
  comment?: string;
  /**
   * SHA-256 hex of the canonical JSON of the signatures before this one (absent on the first), so
   * a countersign or send-back covers the exact sign-off it answers: signatures cannot be swapped,
   * reordered or removed from the middle. Added in format version 1 before any report was issued.
   */
  previousSignatures?: string;
}

export interface Signature {
  statement: SignedStatement;
  /** base64url Ed25519 signature over the UTF-8 bytes of canonicalJson(statement). */
  value: string;
}

export interface SignedReport {
  body: ReportBody;
  signatures: Signature[];
}

/** A public key the organisation trusts, with its role (from a file now, from the hub later). */
export interface TrustedKey {
  publicKey: string;
  name: string;
  role: SignerRole;
  office?: string;
  /** Offices a supervisor oversees. */
  supervises?: string[];
  revokedAt?: string;
}

export interface TrustList {
  format: 'go-live-trust-list';
  formatVersion: 1;
  keys: TrustedKey[];
}

/**
 * What a signature is about, handed to the Signer beside the statement's bytes: a device key
 * (Electron main, web mode) checks the statement against it and shows it before signing.
 */
export interface SigningContext {
  /** The body the statement's reportHash names. */
  body: ReportBody;
}

/** Produces Ed25519 signatures without revealing the private key (WebCrypto or Electron main). */
export interface Signer {
  identity(): Promise<SignerIdentity>;
  /** signStatement always passes `about`; a key held elsewhere refuses to sign without it. */
  sign(message: Uint8Array, about?: SigningContext): Promise<Uint8Array>;
}
