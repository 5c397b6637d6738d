// What the sync engine reads and writes besides the outbox, as interfaces the adapters implement
// (renderer/sync/dexie-stores.ts over IndexedDB; fakes in tests): the bundle bytes of this device's
// signed reports, the trust list, checklist definitions and the reports a reader pulls.
import type { SignedReport, TrustList, VerificationResult } from '../reports/index';
import type { ReportListEntry } from './wire-protocol';

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
