// zod schemas of the evidence relay's path parameters and answers (evidence-relay.ts), checked at
// compile time against the wire protocol's interfaces like run-api-schemas.ts; openapi.ts turns
// them into the OpenAPI document.
import { z } from 'zod';
import type { EvidenceUploadReceipt, RunEvidenceListResponse } from '../../core/sync/wire-protocol';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256 (64 characters)');

/** `:runId/:hash` (the file's SHA-256). */
export const evidenceParamsSchema = z.strictObject({
  runId: z.string().min(1).max(64),
  hash: sha256,
});

export const runEvidenceListResponseSchema = z.object({
  runId: z.string(),
  evidence: z.array(z.object({ sha256, size: z.number().int(), held: z.boolean() })),
});

export const evidenceUploadReceiptSchema = z.object({
  runId: z.string(),
  sha256,
  size: z.number().int(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type IsTrue<T extends true> = T;
export type EvidenceSchemasMatchProtocol = IsTrue<
  Same<z.infer<typeof runEvidenceListResponseSchema>, RunEvidenceListResponse> &
    Same<z.infer<typeof evidenceUploadReceiptSchema>, EvidenceUploadReceipt>
>;
