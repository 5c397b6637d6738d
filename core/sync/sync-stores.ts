// What the sync engine reads and writes besides the outbox, as interfaces the adapters implement
// (renderer/sync/dexie-stores.ts over IndexedDB; fakes in tests): the bundle bytes of this device's
// signed reports, the trust list, checklist definitions, the reports a reader pulls and the runs
// this device shares with others.
import type { SignedReport, TrustList, VerificationResult } from '../reports/index';
import type { RunEvent } from '../runs/run-event';
import type { ReportListEntry, SharedRun } from './wire-protocol';

export interface LocalReportBundle {
  /** The report bundle (core's encodeBundle): the same report always gives the same bytes. */
  bytes: Uint8Array;
  /** reportHash of the body as signed on this device. */
  reportHash: string;
}

export interface ReportBundleSource {
  /** The bundle of a report revision signed on this device, or undefined when it is not here. */
  bundle(reportId: string, revision: number): Promise<LocalReportBundle | undefined>;
}

export interface TrustStore {
  /** The trust list this device holds, or null. */
  read(): Promise<TrustList | null>;
  /** Replaces it (already validated by the engine). */
  replace(trust: TrustList): Promise<void>;
}

export interface HubDefinition {
  id: string;
  version: string;
  /** SHA-256 of the text, checked by the engine against the bytes received. */
  hash: string;
  text: string;
}

export type DefinitionAddResult = { ok: true } | { ok: false; problems: string[] };

export interface DefinitionSink {
  /** The content hash of id@version on this device, or undefined when it has none. */
  hashOf(id: string, version: string): Promise<string | undefined>;
  /** Validates the text (the core's definition validator) and keeps it; nothing is kept on error. */
  add(definition: HubDefinition): Promise<DefinitionAddResult>;
}

export type ReviewState = ReportListEntry['reviewState'];

export interface HeldReport {
  reportId: string;
  revision: number;
  reportHash: string;
  reviewState: ReviewState;
}

export interface PulledReport {
  signed: SignedReport;
  reportHash: string;
  /** Evidence bytes by SHA-256, each checked against the report by decodeBundle. */
  attachments: Map<string, Uint8Array>;
  verification: VerificationResult;
}

export interface ReportInbox {
  /** Every report revision this device holds (signed here, imported or pulled). */
  held(): Promise<HeldReport[]>;
  /** Keeps a pulled report that verified; a copy with more signatures replaces a held one. */
  keep(report: PulledReport): Promise<void>;
}

/** Where a report stands by its signatures, as the hub's list says it. */
export function reviewStateOf(signed: Pick<SignedReport, 'signatures'>): ReviewState {
  const purposes = signed.signatures.map((signature) => signature.statement.purpose);
  if (purposes.includes('send-back')) return 'sent-back';
  if (purposes.includes('countersign')) return 'countersigned';
  return 'signed';
}

/** A shared run as this device holds it, with where its sync stands. */
export interface HeldSharedRun {
  runId: string;
  /** The hub's cursor after the last events received. */
  cursor: number;
  /** How many of this device's events of the run the hub confirmed holding. */
  pushedSeq: number;
}

export interface SharedRunReceipt {
  /** Events merged into the run now. */
  added: number;
  /** Events held back: the events they were built on are not here (pulled again next time). */
  pending: number;
  /** Refused with the reason (e.g. a device log that forked). */
  rejected: string[];
}

/** Evidence files of the shared runs on this device (renderer/sync over the attachment store). */
export interface RunEvidenceFiles {
  /** SHA-256s of the evidence files the run's events name whose bytes are not on this device. */
  missing(runId: string): Promise<string[]>;
  /** The bytes of an evidence file of the run held here, or undefined. */
  bytes(runId: string, sha256: string): Promise<Uint8Array | undefined>;
  /** Keeps downloaded bytes (checked against `sha256`) for every attachment of the run naming them. */
  keep(runId: string, sha256: string, bytes: Uint8Array): Promise<void>;
}

/** Shared runs on this device (renderer/sync over the run repository; fakes in tests). */
export interface SharedRunStore {
  /** Evidence files of the runs; without it the sync carries events only. */
  evidence?: RunEvidenceFiles;
  /** Keeps the hub's view of a run (members, plan); a run new to this device is created from it. */
  keep(run: SharedRun): Promise<{ ok: true } | { ok: false; problem: string }>;
  /** Every shared run held here with its cursors. */
  held(): Promise<HeldSharedRun[]>;
  /** This device's events of the run after seq `after`, in seq order, at most `limit`. */
  ownEvents(runId: string, after: number, limit: number): Promise<RunEvent[]>;
  /** The hub holds this device's events up to `seq`. */
  markPushed(runId: string, seq: number): Promise<void>;
  /** Merges other devices' events into the run; `cursor` is kept only when none is pending. */
  receive(runId: string, events: RunEvent[], cursor: number): Promise<SharedRunReceipt>;
}
