// The strict zod schema of a SignedReport (report-format.ts), used by the verifier before anything
// else: unknown fields are rejected, nothing is coerced, trimmed or defaulted, so what is checked is
// exactly what was received. The type assertions at the bottom fail to compile when this schema and
// report-format.ts drift apart: change both together (and REPORT_FORMAT_VERSION).
import { z } from 'zod';
import { DEFINITION_KINDS, ITEM_TYPES, PARAMETER_ID, SEVERITIES } from '../definitions/schema';
import { ACTOR_ROLES, type ItemStatus } from '../runs/model';
import { MAX_CHAINS_PER_RUN, runEventSchema, waiverDecisionSchema } from '../runs/run-event-schema';
import { base64urlPattern } from './base64url';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './ed25519';
import type {
  ReportBody,
  Signature,
  SignedReport,
  SignedStatement,
  SignerIdentity,
  SignerRole,
  SignaturePurpose,
} from './report-format';
import { REPORT_FORMAT } from './report-format';

/** Generous bounds: they stop a hostile file from exhausting memory, never a real report. */
export const REPORT_SCHEMA_LIMITS = {
  shortText: 1_000,
  longText: 100_000,
  items: 20_000,
  sections: 1_000,
  attachments: 1_000,
  waivers: 20_000,
  legs: 10_000,
  signatures: 20,
  parameters: 200,
  /** Events of a shared run's history in one report (every device). */
  events: 200_000,
  moves: 100,
} as const;

export const SIGNER_ROLES = [
  'admin',
  'supervisor',
  'head',
  'coordinator',
] as const satisfies readonly SignerRole[];
export const SIGNATURE_PURPOSES = [
  'sign-off',
  'countersign',
  'send-back',
] as const satisfies readonly SignaturePurpose[];
/**
 * The roles that may sign for each purpose. A sign-off is the run owner's: an office's
 * administrator, or the coordinator (technical account manager) who owns a client onboarding;
 * either must belong to the report's office (verify-signatures.ts).
 */
export const ROLES_FOR_PURPOSE: Record<SignaturePurpose, readonly SignerRole[]> = {
  'sign-off': ['admin', 'coordinator'],
  countersign: ['supervisor'],
  'send-back': ['supervisor'],
};

/** True when `role` may make a signature for `purpose`. */
export function maySignFor(role: string, purpose: SignaturePurpose): boolean {
  return (ROLES_FOR_PURPOSE[purpose] as readonly string[]).includes(role);
}
const STATUSES = [
  'open',
  'done',
  'not-applicable',
  'blocked',
] as const satisfies readonly ItemStatus[];
const DECISIONS = ['go', 'go-with-waivers', 'no-go'] as const;

export const HEX_SHA256 = /^[0-9a-f]{64}$/;
export const PUBLIC_KEY_PATTERN = base64urlPattern(PUBLIC_KEY_BYTES);
export const SIGNATURE_PATTERN = base64urlPattern(SIGNATURE_BYTES);

const L = REPORT_SCHEMA_LIMITS;
const shortText = z.string().max(L.shortText);
const longText = z.string().max(L.longText);
const timestamp = z.string().max(64);
const isoDateTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(HEX_SHA256);
const count = z.number().int().min(0);

/** Whoever recorded an answer: engineers and coordinators of a shared run as well as signers. */
export const actorSchema = z.strictObject({
  id: shortText,
  name: shortText,
  role: z.enum(ACTOR_ROLES),
});

export const attachmentRefSchema = z.strictObject({
  id: shortText,
  name: shortText,
  mimeType: shortText,
  size: count,
  sha256,
});

export const answerValueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('number'), value: z.number() }),
  z.strictObject({ type: z.literal('count'), legs: z.array(shortText).max(L.legs) }),
  z.strictObject({ type: z.literal('choice'), choiceId: shortText }),
  z.strictObject({ type: z.literal('text'), text: longText }),
  z.strictObject({ type: z.literal('date'), date: timestamp }),
]);

export const reportItemSchema = z.strictObject({
  id: shortText,
  title: shortText,
  type: z.enum(ITEM_TYPES),
  severity: z.enum(SEVERITIES),
  department: shortText,
  status: z.enum(STATUSES),
  value: answerValueSchema.optional(),
  unit: shortText.optional(),
  valueLabel: shortText.optional(),
  reason: longText.optional(),
  rollbackPlan: longText.optional(),
  notes: longText.optional(),
  waiver: z
    .strictObject({
      justification: longText,
      by: actorSchema,
      at: timestamp,
      decision: waiverDecisionSchema.optional(),
    })
    .optional(),
  attachments: z.array(attachmentRefSchema).max(L.attachments),
  failing: z.boolean(),
  failure: longText.optional(),
  acceptedFailure: z
    .strictObject({ reason: longText, failure: longText, by: actorSchema, at: timestamp })
    .optional(),
  startedAt: timestamp.optional(),
  finishedAt: timestamp.optional(),
  estimateMinutes: count.optional(),
  updatedAt: timestamp.optional(),
  updatedBy: actorSchema.optional(),
});

export const reportSectionSchema = z.strictObject({
  id: shortText,
  title: shortText,
  department: shortText,
  items: z.array(reportItemSchema).max(L.items),
});

export const reportBodySchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  formatVersion: z.number().int(),
  reportId: shortText,
  revision: z.number().int(),
  supersedes: sha256.nullable(),
  run: z.strictObject({
    id: shortText,
    name: shortText,
    kind: z.enum(DEFINITION_KINDS),
    office: shortText,
    parameters: z
      .record(z.string().regex(PARAMETER_ID), z.union([shortText, z.number(), z.boolean()]))
      .refine((record) => Object.keys(record).length <= L.parameters, 'too many parameters'),
    plannedGoLive: timestamp,
    createdAt: timestamp,
    createdBy: actorSchema,
  }),
  definition: z.strictObject({
    id: shortText,
    version: shortText,
    hash: shortText,
    title: shortText,
  }),
  gate: z.strictObject({
    decision: z.enum(DECISIONS),
    waivers: z
      .array(
        z.strictObject({
          itemId: shortText,
          title: shortText,
          justification: longText,
          by: actorSchema,
          at: timestamp,
          approvedBy: actorSchema.optional(),
          approvedAt: timestamp.optional(),
        }),
      )
      .max(L.waivers),
  }),
  summary: z.strictObject({
    total: count,
    done: count,
    notApplicable: count,
    blocked: count,
    open: count,
    failing: count,
    percentComplete: count.max(100),
    estimateMinutes: count,
    actualMinutes: count,
  }),
  sections: z.array(reportSectionSchema).max(L.sections),
  departments: z
    .array(z.strictObject({ id: shortText, title: shortText }))
    .max(L.sections)
    .optional(),
  hiddenItems: z.array(shortText).max(L.items),
  eventChain: z.strictObject({ head: sha256.nullable(), length: count }).optional(),
  history: z
    .strictObject({
      chains: z
        .array(z.strictObject({ chain: shortText, head: sha256, length: count.min(1) }))
        .max(MAX_CHAINS_PER_RUN),
      events: z.array(runEventSchema).max(L.events),
      moves: z
        .array(
          z.strictObject({
            fromVersion: shortText,
            toVersion: shortText,
            toHash: sha256,
            at: timestamp,
            by: actorSchema,
          }),
        )
        .max(L.moves),
    })
    .optional(),
  evidenceNotIncluded: z.array(sha256).max(L.items).optional(),
  lessonsLearned: longText,
  signedAt: isoDateTime,
});

export const signerIdentitySchema = z.strictObject({
  publicKey: z.string().regex(PUBLIC_KEY_PATTERN, 'must be a base64url Ed25519 public key'),
  name: shortText.min(1),
  role: z.enum(SIGNER_ROLES),
  office: shortText.optional(),
});

export const signedStatementSchema = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  formatVersion: z.number().int(),
  purpose: z.enum(SIGNATURE_PURPOSES),
  reportHash: sha256,
  signer: signerIdentitySchema,
  signedAt: isoDateTime,
  comment: longText.optional(),
  previousSignatures: sha256.optional(),
});

export const signatureSchema = z.strictObject({
  statement: signedStatementSchema,
  value: z.string().regex(SIGNATURE_PATTERN, 'must be a base64url Ed25519 signature'),
});

export const signedReportSchema = z.strictObject({
  body: reportBodySchema,
  signatures: z.array(signatureSchema).max(L.signatures),
});

// Compile-time proof that the schema and the contract describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameBody: Same<z.infer<typeof reportBodySchema>, ReportBody> = true;
const sameIdentity: Same<z.infer<typeof signerIdentitySchema>, SignerIdentity> = true;
const sameStatement: Same<z.infer<typeof signedStatementSchema>, SignedStatement> = true;
const sameSignature: Same<z.infer<typeof signatureSchema>, Signature> = true;
const sameReport: Same<z.infer<typeof signedReportSchema>, SignedReport> = true;
export const SCHEMA_MATCHES_FORMAT =
  sameBody && sameIdentity && sameStatement && sameSignature && sameReport;
