// The hub's wire protocol for shared runs: one go-live worked on by several people, each on their
// own laptop (core/runs/run-log.ts). The owner shares a run and invites members from the people the
// hub knows; every member's device pushes its own chain of the run's events and pulls everyone
// else's, in the order the hub received them (a per-run cursor), so a device always receives an
// event after the events it was built on. The hub checks each pushed event's hash and its place in
// its chain, binds a chain to the device that first pushed it, and accepts events only from the
// run's current members, recorded as themselves.
// Part of the wire protocol (wire-protocol.ts re-exports it): bump WIRE_PROTOCOL_VERSION when a
// shape here changes incompatibly.
import { z } from 'zod';
import { DEFINITION_KINDS, KEBAB_ID, PARAMETER_ID } from '../definitions/schema';
import { ACTOR_ROLES } from '../runs/model';
import type { RunEvent } from '../runs/run-event';
import { runEventSchema } from '../runs/run-event-schema';

export const SHARED_RUN_LIMITS = {
  members: 100,
  departmentsPerMember: 30,
  /** Events in one push or one page of a pull. */
  eventsPerRequest: 500,
  /** Bytes of one push (JSON). */
  pushBytes: 4 * 1024 * 1024,
  /** Bytes of one evidence file (the app refuses larger attachments: MAX_ATTACHMENT_BYTES). */
  evidenceBytes: 25 * 1024 * 1024,
} as const;

export const SHARED_RUN_PATHS = {
  /** GET: the people the hub knows, to invite (?office=&department=). */
  people: '/v1/people',
  /** POST: share a run (its owner). GET: the shared runs this user is in (owner or member). */
  runs: '/v1/runs',
  /** GET: one shared run. */
  run: '/v1/runs/:runId',
  /** POST: add or remove members (the owner). */
  runMembers: '/v1/runs/:runId/members',
  /** POST: the plan: a due date per department (the owner). */
  runPlan: '/v1/runs/:runId/plan',
  /** POST: push this device's events. GET ?after=<cursor>: the events received after it. */
  runEvents: '/v1/runs/:runId/events',
  /** GET: the evidence files the run's events name, and whether the hub holds their bytes. */
  runEvidenceList: '/v1/runs/:runId/evidence',
  /** POST (application/octet-stream): upload one file's bytes. GET: download them. */
  runEvidence: '/v1/runs/:runId/evidence/:hash',
} as const;

/** The media type of evidence bytes on the wire, whatever the file is. */
export const EVIDENCE_CONTENT_TYPE = 'application/octet-stream';

const userId = z.string().min(1).max(64);
const name = z.string().trim().min(1).max(200);
const department = z.string().max(64).regex(KEBAB_ID);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoDateTime = z.iso.datetime({ offset: true });
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Someone the hub knows: who can be invited to a run. */
export const personSchema = z.strictObject({
  userId,
  name,
  role: z.enum(ACTOR_ROLES),
  office: z.string().max(120).optional(),
  /** Engineers: the departments they belong to (template department ids). */
  departments: z.array(department).max(SHARED_RUN_LIMITS.departmentsPerMember),
});
export type Person = z.infer<typeof personSchema>;

export const peopleQuerySchema = z.strictObject({
  office: z.string().min(1).max(120).optional(),
  department: department.optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;

export interface PeopleResponse {
  people: Person[];
}

export const runMemberSchema = z.strictObject({
  userId,
  name,
  role: z.enum(ACTOR_ROLES),
  /** The departments whose items are theirs on this run ("My items"). */
  departments: z.array(department).max(SHARED_RUN_LIMITS.departmentsPerMember),
  addedAt: isoDateTime,
  /** Set when the owner removed them: the hub refuses their further events. */
  removedAt: isoDateTime.optional(),
});
export type RunMember = z.infer<typeof runMemberSchema>;

/** What every member's device needs to work on the run offline. */
export const sharedRunSchema = z.strictObject({
  runId: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(DEFINITION_KINDS),
  office: z.string().min(1).max(120),
  definitionId: z.string().max(64).regex(KEBAB_ID),
  definitionVersion: z.string().min(1).max(32),
  definitionHash: sha256,
  parameters: z.record(
    z.string().max(64).regex(PARAMETER_ID),
    z.union([z.string().max(1_000), z.number(), z.boolean()]),
  ),
  plannedGoLive: isoDate,
  createdAt: isoDateTime,
  owner: z.strictObject({ userId, name, role: z.enum(ACTOR_ROLES) }),
  members: z.array(runMemberSchema).max(SHARED_RUN_LIMITS.members),
  /** Due dates per department, set by the owner (the coordinator's chain view). */
  plan: z.record(department, isoDate),
  updatedAt: isoDateTime,
});
export type SharedRun = z.infer<typeof sharedRunSchema>;

/** POST runs: the owner shares a run; the owner is the caller. */
export const shareRunRequestSchema = sharedRunSchema
  .omit({ owner: true, members: true, plan: true, updatedAt: true })
  .extend({
    members: z
      .array(
        z.strictObject({
          userId,
          departments: z.array(department).max(SHARED_RUN_LIMITS.departmentsPerMember).optional(),
        }),
      )
      .max(SHARED_RUN_LIMITS.members),
  })
  .strict();
export type ShareRunRequest = z.infer<typeof shareRunRequestSchema>;

/** POST runMembers: `departments` defaults to the person's own departments. */
export const updateMembersRequestSchema = z.strictObject({
  add: z
    .array(
      z.strictObject({
        userId,
        departments: z.array(department).max(SHARED_RUN_LIMITS.departmentsPerMember).optional(),
      }),
    )
    .max(SHARED_RUN_LIMITS.members)
    .default([]),
  remove: z.array(userId).max(SHARED_RUN_LIMITS.members).default([]),
});
export type UpdateMembersRequest = z.infer<typeof updateMembersRequestSchema>;

/** POST runPlan. */
export const runPlanRequestSchema = z.strictObject({ plan: z.record(department, isoDate) });
export type RunPlanRequest = z.infer<typeof runPlanRequestSchema>;

export interface SharedRunListResponse {
  runs: SharedRun[];
}

/** POST runEvents: events of the caller's device chain, in seq order. */
export const pushEventsRequestSchema = z.strictObject({
  events: z.array(runEventSchema).min(1).max(SHARED_RUN_LIMITS.eventsPerRequest),
});
export interface PushEventsRequest {
  events: RunEvent[];
}

/** The hub's proof that it holds a device chain up to `seq`: the device may stop re-sending. */
export interface PushEventsReceipt {
  runId: string;
  chain: string;
  /** The chain's length on the hub, and its last event's hash. */
  seq: number;
  head: string;
  accepted: number;
  /** Already held (a retry after a lost answer). */
  duplicates: number;
}

export const pullEventsQuerySchema = z.strictObject({
  /** The cursor of the last page received; 0 for everything. */
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(SHARED_RUN_LIMITS.eventsPerRequest).optional(),
});
export type PullEventsQuery = z.infer<typeof pullEventsQuerySchema>;

export interface PullEventsResponse {
  runId: string;
  /** In the order the hub received them: never before the events they were built on. */
  events: RunEvent[];
  /** Pass as `after` for the next page. */
  cursor: number;
  /** More events wait after this page. */
  more: boolean;
}

/**
 * Evidence files travel between the members' laptops through the hub, content-addressed by their
 * SHA-256 within a run. The hub takes and serves only files named by an event of the run it has
 * accepted (an `attach`), so it never stores anything the run's history does not name.
 */
export interface RunEvidenceEntry {
  sha256: string;
  /** Bytes, as the first accepted event naming the file says. */
  size: number;
  /** Whether the hub holds the bytes (uploaded by a device that has them). */
  held: boolean;
}

export interface RunEvidenceListResponse {
  runId: string;
  evidence: RunEvidenceEntry[];
}

/** The answer to an upload: 201 stored now, 200 held already (idempotent by hash). */
export interface EvidenceUploadReceipt {
  runId: string;
  sha256: string;
  size: number;
}
