// The shape of answers and run events as they travel (backups, the hub's event relay, signed
// reports), as zod schemas: bounded, strict, nothing coerced. Shape only: what an event says is
// vouched for by its hash and its place in the history (verify-run-log.ts), not re-judged here.
// When Answer or RunEvent (model.ts, run-event.ts) changes, change these with them; the type
// assertions below fail to compile when they drift apart.
import { z } from 'zod';
import type { EventType } from './actions';
import type { Answer, AnswerValue, AttachmentRef, Actor } from './model';
import type { RunSettings } from './run-settings';
import { WAIVER_DECISION_FORMAT, type WaiverStatement } from './waiver-decision';
import { ACTOR_ROLES, ANSWER_LIMITS, ITEM_STATUSES } from './model';
import type { RunEvent } from './run-event';

const id = z.string().min(1).max(200);
/** Attachment ids name files inside backups and bundles: no slashes, no dots. */
const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a plain id');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');
const timestamp = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max);

export const actorSchema = z.strictObject({
  id,
  name: text(500),
  role: z.enum(ACTOR_ROLES),
});

export const attachmentRefSchema = z.strictObject({
  id: fileId,
  name: z.string().min(1).max(500),
  mimeType: z.string().min(1).max(200),
  size: z.number().int().nonnegative(),
  sha256,
});

export const answerValueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('number'), value: z.number() }),
  z.strictObject({
    type: z.literal('count'),
    legs: z.array(text(ANSWER_LIMITS.legName)).max(ANSWER_LIMITS.countLegs),
  }),
  z.strictObject({ type: z.literal('choice'), choiceId: text(200) }),
  z.strictObject({ type: z.literal('text'), text: text(ANSWER_LIMITS.text) }),
  z.strictObject({ type: z.literal('date'), date: text(10) }),
]);

export const waiverStatementSchema = z.strictObject({
  format: z.literal(WAIVER_DECISION_FORMAT),
  formatVersion: z.literal(1),
  runId: id,
  itemId: id,
  runName: text(500),
  office: text(500),
  itemTitle: text(500),
  request: z.strictObject({
    justification: text(ANSWER_LIMITS.justification),
    by: id,
    at: timestamp,
  }),
  decision: z.enum(['approve', 'refuse']),
  comment: text(ANSWER_LIMITS.justification).optional(),
  signer: z.strictObject({
    publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    name: text(500),
    role: z.literal('supervisor'),
    office: text(200).optional(),
  }),
  signedAt: timestamp,
});

export const waiverDecisionSchema = z.strictObject({
  statement: waiverStatementSchema,
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/),
  by: actorSchema,
  at: timestamp,
});

export const answerSchema = z.strictObject({
  runId: id,
  itemId: id,
  status: z.enum(ITEM_STATUSES),
  value: answerValueSchema.optional(),
  reason: text(ANSWER_LIMITS.reason).optional(),
  rollbackPlan: text(ANSWER_LIMITS.rollbackPlan).optional(),
  notes: text(ANSWER_LIMITS.notes).optional(),
  waiver: z
    .strictObject({
      justification: text(ANSWER_LIMITS.justification),
      by: actorSchema,
      at: timestamp,
      decision: waiverDecisionSchema.optional(),
    })
    .optional(),
  acceptedFailure: z
    .strictObject({
      reason: text(ANSWER_LIMITS.reason),
      failure: text(ANSWER_LIMITS.reason),
      by: actorSchema,
      at: timestamp,
    })
    .optional(),
  attachments: z.array(attachmentRefSchema).max(ANSWER_LIMITS.attachments),
  startedAt: timestamp.optional(),
  finishedAt: timestamp.optional(),
  updatedAt: timestamp,
  updatedBy: actorSchema,
  recheck: z.array(id).max(5_000).optional(),
  assignee: z
    .strictObject({
      department: id,
      person: z.strictObject({ id, name: text(500) }).optional(),
    })
    .optional(),
});

export const EVENT_TYPES = [
  'setStatus',
  'setValue',
  'setNotes',
  'setRollbackPlan',
  'waive',
  'removeWaiver',
  'attach',
  'detach',
  'start',
  'undo',
  'resolveConflict',
  'moveToVersion',
  'decideWaiver',
  'assign',
] as const satisfies readonly EventType[];

export const runSettingsSchema = z.strictObject({
  definitionId: id,
  definitionVersion: text(32),
  definitionHash: sha256,
  parameters: z.record(text(64), z.union([text(1_000), z.number(), z.boolean()])),
});

/** The action inside an event is covered by the event's hash; only its envelope is checked. */
const actionSchema = z.looseObject({ type: z.string().max(64), itemId: id });

/** Every field of an event but the device-log ones (see run-event.ts for the two formats). */
const eventContent = {
  runId: id,
  type: z.enum(EVENT_TYPES),
  itemId: id,
  payload: z.union([
    z.strictObject({ action: actionSchema, before: answerSchema.nullable(), after: answerSchema }),
    // An event on the run itself (run-settings.ts).
    z.strictObject({
      action: actionSchema,
      before: runSettingsSchema.nullable(),
      after: runSettingsSchema,
    }),
  ]),
  at: timestamp,
  actor: actorSchema,
  seq: z.number().int().positive(),
  prevHash: sha256,
  hash: sha256,
};

/** An event recorded before device chains, as it was stored then: no chain, no clock. */
export const singleLogEventSchema = z.strictObject(eventContent);

/** Chains at most this many devices may write to one run (the clock names each). */
export const MAX_CHAINS_PER_RUN = 200;

const runEventObject = z.strictObject({
  ...eventContent,
  v: z.literal(2).optional(),
  chain: id,
  clock: z
    .record(id, z.number().int().positive())
    .refine((clock) => Object.keys(clock).length <= MAX_CHAINS_PER_RUN, 'names too many devices')
    .optional(),
});

/** A run event; its action is checked loosely (the hash covers it), so it is typed as the model's. */
export const runEventSchema = runEventObject as unknown as z.ZodType<RunEvent>;

// Compile-time proof that the schemas and the model describe the same shapes (the action is
// checked loosely on purpose, so events compare without it).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type WithoutAction<T extends { payload: object }> = Omit<T, 'payload'> & {
  payload: T['payload'] extends infer P ? (P extends object ? Omit<P, 'action'> : never) : never;
};
const sameActor: Same<z.infer<typeof actorSchema>, Actor> = true;
const sameRef: Same<z.infer<typeof attachmentRefSchema>, AttachmentRef> = true;
const sameValue: Same<z.infer<typeof answerValueSchema>, AnswerValue> = true;
const sameAnswer: Same<z.infer<typeof answerSchema>, Answer> = true;
const sameSettings: Same<z.infer<typeof runSettingsSchema>, RunSettings> = true;
const sameEvent: Same<
  WithoutAction<z.infer<typeof runEventObject>>,
  WithoutAction<RunEvent>
> = true;
export const RUN_SCHEMAS_MATCH_MODEL =
  sameActor && sameRef && sameValue && sameAnswer && sameSettings && sameEvent;

/** A parsed event, typed as the model's (the action is covered by its hash). */
export function parseRunEvent(value: unknown) {
  const parsed = runEventSchema.safeParse(value);
  return parsed.success
    ? { ok: true as const, event: parsed.data }
    : { ok: false as const, issues: parsed.error.issues };
}

/** A waiver decision statement, or undefined when the value is not exactly one. */
export function parseWaiverStatement(value: unknown): WaiverStatement | undefined {
  const parsed = waiverStatementSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
