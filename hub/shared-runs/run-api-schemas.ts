// zod schemas of the shared-run answers (the wire protocol declares some as interfaces), checked at
// compile time against core/sync/shared-runs-protocol.ts like hub/api-schemas.ts, and the path
// parameter of the run routes. openapi.ts turns them into the OpenAPI document.
import { z } from 'zod';
import { runEventSchema } from '../../core/runs/run-event-schema';
import type {
  PeopleResponse,
  PullEventsResponse,
  PushEventsReceipt,
  SharedRunListResponse,
} from '../../core/sync/wire-protocol';
import { personSchema, sharedRunSchema } from '../../core/sync/wire-protocol';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** `:runId`: the ids sharedRunSchema accepts. */
export const runParamsSchema = z.strictObject({ runId: z.string().min(1).max(64) });

export const peopleResponseSchema = z.object({ people: z.array(personSchema) });

export const sharedRunListResponseSchema = z.object({ runs: z.array(sharedRunSchema) });

export const pushEventsReceiptSchema = z.object({
  runId: z.string(),
  chain: z.string(),
  seq: z.number().int(),
  head: sha256,
  accepted: z.number().int(),
  duplicates: z.number().int(),
});

export const pullEventsResponseSchema = z.object({
  runId: z.string(),
  events: z.array(runEventSchema),
  cursor: z.number().int(),
  more: z.boolean(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<z.infer<typeof peopleResponseSchema>, PeopleResponse>,
  Same<z.infer<typeof sharedRunListResponseSchema>, SharedRunListResponse>,
  Same<z.infer<typeof pushEventsReceiptSchema>, PushEventsReceipt>,
  Same<z.infer<typeof pullEventsResponseSchema>, PullEventsResponse>,
] = [true, true, true, true];
export const RUN_API_SCHEMAS_MATCH_PROTOCOL = checks.every(Boolean);
