// zod schemas of what the hub answers (the wire protocol declares those shapes as TypeScript
// interfaces), checked at compile time against core/sync/wire-protocol.ts so the OpenAPI document
// cannot drift from the contract, plus the path and query parameters the routes parse. Requests
// are parsed with the wire protocol's own schemas. openapi.ts turns all of them into JSON Schema.
import { z } from 'zod';
import { trustListSchema } from '../core/reports/index';
import type {
  DefinitionListResponse,
  EnrollResponse,
  ErrorResponse,
  HealthResponse,
  ProgressListResponse,
  ProgressReceipt,
  ReportListResponse,
  ReportReceipt,
  SignatureReceipt,
} from '../core/sync/wire-protocol';
import { ERROR_CODES, HUB_ROLES, progressSnapshotSchema } from '../core/sync/wire-protocol';

const role = z.enum(HUB_ROLES);
const reviewState = z.enum(['signed', 'countersigned', 'sent-back']);
const decision = z.enum(['go', 'go-with-waivers', 'no-go']);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const errorResponseSchema = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.array(z.string()).optional(),
});

export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  protocolVersion: z.number().int(),
  time: z.string(),
});

export const enrollResponseSchema = z.object({
  deviceId: z.string(),
  deviceToken: z.string(),
  user: z.object({
    userId: z.string(),
    name: z.string(),
    role,
    office: z.string().optional(),
    supervises: z.array(z.string()),
    departments: z.array(z.string()).optional(),
  }),
  trustList: trustListSchema,
});

export const reportReceiptSchema = z.object({
  reportId: z.string(),
  revision: z.number().int(),
  reportHash: sha256,
  receivedAt: z.string(),
  replay: z.boolean(),
});

export const reportListResponseSchema = z.object({
  reports: z.array(
    z.object({
      reportId: z.string(),
      revision: z.number().int(),
      reportHash: sha256,
      office: z.string(),
      runName: z.string(),
      definitionId: z.string(),
      definitionVersion: z.string(),
      decision,
      signedAt: z.string(),
      receivedAt: z.string(),
      reviewState,
    }),
  ),
});

export const signatureReceiptSchema = z.object({
  reportId: z.string(),
  revision: z.number().int(),
  reportHash: sha256,
  index: z.number().int(),
  reviewState,
  receivedAt: z.string(),
  replay: z.boolean(),
});

export const progressReceiptSchema = z.object({
  runId: z.string(),
  takenAt: z.string(),
  replay: z.boolean(),
});

export const progressListResponseSchema = z.object({
  runs: z.array(
    z.object({
      runId: z.string(),
      office: z.string(),
      latest: progressSnapshotSchema,
      history: z.array(
        z.object({
          takenAt: z.string(),
          receivedAt: z.string(),
          decision,
          total: z.number().int(),
          resolved: z.number().int(),
          blocked: z.number().int(),
          failing: z.number().int(),
        }),
      ),
    }),
  ),
});

export const definitionListResponseSchema = z.object({
  definitions: z.array(
    z.object({ id: z.string(), version: z.string(), hash: sha256, publishedAt: z.string() }),
  ),
});

/** `:reportId/:revision`: a revision is a positive integer. */
export const reportParamsSchema = z.strictObject({
  reportId: z.string().min(1).max(1_000),
  revision: z.string().regex(/^[1-9]\d{0,8}$/, 'a revision is a whole number from 1'),
});

export const definitionParamsSchema = z.strictObject({
  id: z.string().min(1).max(64),
  version: z.string().min(1).max(32),
});

// Compile-time proof that the documented answers are the wire protocol's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof errorResponseSchema>, ErrorResponse>,
  Same<z.infer<typeof healthResponseSchema>, HealthResponse>,
  Same<z.infer<typeof enrollResponseSchema>, EnrollResponse>,
  Same<z.infer<typeof reportReceiptSchema>, ReportReceipt>,
  Same<z.infer<typeof reportListResponseSchema>, ReportListResponse>,
  Same<z.infer<typeof signatureReceiptSchema>, SignatureReceipt>,
  Same<z.infer<typeof progressReceiptSchema>, ProgressReceipt>,
  Same<z.infer<typeof progressListResponseSchema>, ProgressListResponse>,
  Same<z.infer<typeof definitionListResponseSchema>, DefinitionListResponse>,
] = [true, true, true, true, true, true, true, true, true];
export const API_SCHEMAS_MATCH_PROTOCOL = checks.every(Boolean);
