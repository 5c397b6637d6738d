// What the relay of evidence files needs from the hub's store (store/kysely-shared-runs.ts, both
// engines): a row per run and SHA-256 for every file an accepted event names (written with the
// events, in the push's transaction), its bytes once a device uploads them. Content-addressed:
// the same bytes uploaded twice are stored once.
export interface EvidenceRecord {
  sha256: string;
  size: number;
  /** Whether the bytes were uploaded. */
  held: boolean;
}

export type PutEvidenceOutcome = 'stored' | 'held' | 'not-named';

export interface RunEvidenceStore {
  /** Every file the run's accepted events name, in the order they were first named. */
  evidence(runId: string): Promise<EvidenceRecord[]>;
  /** A named file and its bytes when held; undefined when no accepted event names it. */
  evidenceFile(
    runId: string,
    sha256: string,
  ): Promise<{ size: number; bytes: Uint8Array | undefined } | undefined>;
  /** Keeps the bytes (checked against `sha256` by the caller) of a named file not held yet. */
  putEvidence(
    runId: string,
    sha256: string,
    bytes: Uint8Array,
    uploadedBy: string,
    at: string,
  ): Promise<PutEvidenceOutcome>;
}
