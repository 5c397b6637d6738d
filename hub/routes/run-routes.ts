// Shared runs (core/sync/shared-runs-protocol.ts): GET /v1/people; POST and GET /v1/runs; GET
// /v1/runs/:runId; POST /v1/runs/:runId/members and /plan (the owner); POST and GET
// /v1/runs/:runId/events (the relay); GET /v1/runs/:runId/evidence and POST and GET
// /v1/runs/:runId/evidence/:sha256 (evidence files, shared-runs/evidence-relay.ts). Routes with a body refuse, before a byte of it is read, a
// caller whose role may not send it (body-policy.ts: 403, 415, 413) and a caller who is not the
// run's owner, or may not push to it (404 for a run they may not see, 403 otherwise).
import type { FastifyInstance } from 'fastify';
import type {
  PeopleResponse,
  PullEventsResponse,
  SharedRun,
  SharedRunListResponse,
} from '../../core/sync/wire-protocol';
import {
  EVIDENCE_CONTENT_TYPE,
  PATHS,
  SHARED_RUN_LIMITS,
  peopleQuerySchema,
  pullEventsQuerySchema,
  pushEventsRequestSchema,
  runPlanRequestSchema,
  shareRunRequestSchema,
  sharedRunSchema,
  updateMembersRequestSchema,
} from '../../core/sync/wire-protocol';
import { principalOf } from '../auth';
import { acceptsBody } from '../body-policy';
import { badRequest } from '../hub-error';
import type { HubContext } from '../hub-context';
import { content, DEVICE_AUTH, errors, jsonSchema, ok } from '../openapi';
import { parseInput } from '../parse-input';
import {
  evidenceParamsSchema,
  evidenceUploadReceiptSchema,
  runEvidenceListResponseSchema,
} from '../shared-runs/evidence-api-schemas';
import {
  downloadEvidence,
  listEvidence,
  requireEvidenceMember,
  uploadEvidence,
} from '../shared-runs/evidence-relay';
import { invitablePeople, requireRunOwnerRole } from '../shared-runs/people';
import { pullEvents, pushEvents, requirePusher } from '../shared-runs/relay';
import {
  peopleResponseSchema,
  pullEventsResponseSchema,
  pushEventsReceiptSchema,
  runParamsSchema,
  sharedRunListResponseSchema,
} from '../shared-runs/run-api-schemas';
import { relationTo, requireOwner } from '../shared-runs/run-access';
import {
  getRun,
  listRuns,
  setPlan,
  shareRun,
  updateMembers,
  visibleRun,
} from '../shared-runs/share-run';

const TAGS = ['shared runs'];

export function registerRunRoutes(app: FastifyInstance, context: HubContext): void {
  const ownerBody = (purpose: string) =>
    acceptsBody({
      purpose,
      contentTypes: ['application/json'],
      limits: { admin: context.limits.jsonBodyBytes, coordinator: context.limits.jsonBodyBytes },
    });
  const runIdOf = (params: unknown) => parseInput(runParamsSchema, params, 'path').runId;

  /** Before the body: the run exists, the caller may see it (404) and owns it (403). */
  const ownerOnly = (what: string) => async (request: Parameters<typeof principalOf>[0]) => {
    const { user } = principalOf(request);
    const { run, members } = await visibleRun(context, user, runIdOf(request.params));
    requireOwner(relationTo(user, run, members), run, what);
  };

  app.get(
    PATHS.people,
    {
      schema: {
        summary: 'The people the caller may invite to a run (administrators and coordinators)',
        description:
          "The caller's own office, plus the engineers of `department` wherever they work; `office` narrows to one office. Names, roles, offices and departments only: never a device, key or token.",
        tags: TAGS,
        security: DEVICE_AUTH,
        querystring: jsonSchema(peopleQuerySchema),
        response: { 200: ok('People', peopleResponseSchema), ...errors(400, 401, 403) },
      },
    },
    async (request): Promise<PeopleResponse> => {
      const { user } = principalOf(request);
      requireRunOwnerRole(user, 'list the people to invite');
      const query = parseInput(peopleQuerySchema, request.query, 'query');
      return { people: invitablePeople(user, await context.store.listUsers(), query) };
    },
  );

  app.post(
    PATHS.runs,
    {
      ...ownerBody('share runs'),
      schema: {
        summary: 'Share a run: the caller owns it (administrators and coordinators, own office)',
        description:
          "Members are people of the run's office or engineers; each gets their own departments unless `departments` says otherwise. The same run shared again answers it as it is (200); another run under a taken id is refused (409).",
        tags: TAGS,
        security: DEVICE_AUTH,
        body: jsonSchema(shareRunRequestSchema),
        response: {
          201: ok('Shared', sharedRunSchema),
          200: ok('Shared before: the run as it is', sharedRunSchema),
          ...errors(400, 401, 403, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const { user } = principalOf(request);
      const body = parseInput(shareRunRequestSchema, request.body, 'shared run');
      const outcome = await shareRun(context, user, body);
      return reply.status(outcome.status).send(outcome.run);
    },
  );

  app.get(
    PATHS.runs,
    {
      schema: {
        summary: 'The shared runs the caller owns or is a member of (or supervises)',
        description:
          'A member who was removed still sees the run, with their removedAt. Supervisors see the runs of the offices they supervise, read-only.',
        tags: TAGS,
        security: DEVICE_AUTH,
        response: { 200: ok('Runs', sharedRunListResponseSchema), ...errors(401) },
      },
    },
    async (request): Promise<SharedRunListResponse> => listRuns(context, principalOf(request).user),
  );

  app.get(
    PATHS.run,
    {
      schema: {
        summary: 'One shared run',
        description: 'A run the caller may not see answers exactly like a missing one (404).',
        tags: TAGS,
        security: DEVICE_AUTH,
        params: jsonSchema(runParamsSchema),
        response: { 200: ok('The run', sharedRunSchema), ...errors(400, 401, 404) },
      },
    },
    async (request): Promise<SharedRun> =>
      getRun(context, principalOf(request).user, runIdOf(request.params)),
  );

  app.post(
    PATHS.runMembers,
    {
      ...ownerBody('change the members of runs'),
      preParsing: async (request, _reply, payload) => {
        await ownerOnly('change its members')(request);
        return payload;
      },
      schema: {
        summary: "Add or remove members (the run's owner)",
        description:
          'A removal keeps the member with removedAt: the hub refuses their further events, their unsynced work stays on their device. Adding a removed member again lets them back in.',
        tags: TAGS,
        security: DEVICE_AUTH,
        params: jsonSchema(runParamsSchema),
        body: jsonSchema(updateMembersRequestSchema),
        response: {
          200: ok('The run with its members', sharedRunSchema),
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request): Promise<SharedRun> => {
      const { user } = principalOf(request);
      const body = parseInput(updateMembersRequestSchema, request.body, 'member change');
      return updateMembers(context, user, runIdOf(request.params), body);
    },
  );

  app.post(
    PATHS.runPlan,
    {
      ...ownerBody('set the plan of runs'),
      preParsing: async (request, _reply, payload) => {
        await ownerOnly('set its plan')(request);
        return payload;
      },
      schema: {
        summary: "Set the plan: a due date per department (the run's owner)",
        tags: TAGS,
        security: DEVICE_AUTH,
        params: jsonSchema(runParamsSchema),
        body: jsonSchema(runPlanRequestSchema),
        response: {
          200: ok('The run with its plan', sharedRunSchema),
          ...errors(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request): Promise<SharedRun> => {
      const { user } = principalOf(request);
      const body = parseInput(runPlanRequestSchema, request.body, 'plan');
      return setPlan(context, user, runIdOf(request.params), body);
    },
  );

  const pushLimit = context.limits.pushEventsBytes;
  app.post(
    PATHS.runEvents,
    {
      ...acceptsBody({
        purpose: 'push the events of runs',
        contentTypes: ['application/json'],
        limits: {
          admin: pushLimit,
          coordinator: pushLimit,
          engineer: pushLimit,
          supervisor: pushLimit,
        },
      }),
      preParsing: async (request, _reply, payload) => {
        await requirePusher(context, principalOf(request), runIdOf(request.params));
        return payload;
      },
      schema: {
        summary: "Push this device's events of a run (its owner and members)",
        description:
          "Events of one device log, in order: each must hash to its hash, follow the hub's head of that log, name in its clock only events the hub holds, and be recorded as the caller (hub user id, or the profile id registered at enrollment). The first push binds the log to this device. All or nothing; events the hub holds already count as duplicates (200 when nothing is new). A removed member gets 403: their work stays on their device.",
        tags: TAGS,
        security: DEVICE_AUTH,
        params: jsonSchema(runParamsSchema),
        body: jsonSchema(pushEventsRequestSchema),
        response: {
          201: ok('Appended: the chain as the hub holds it now', pushEventsReceiptSchema),
          200: ok('Nothing new: the hub held every event already', pushEventsReceiptSchema),
          ...errors(400, 401, 403, 404, 409, 413, 415),
        },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = parseInput(pushEventsRequestSchema, request.body, 'push');
      const outcome = await pushEvents(context, principal, runIdOf(request.params), body.events);
      return reply.status(outcome.status).send(outcome.receipt);
    },
  );

  app.get(
    PATHS.runEvents,
    {
      schema: {
        summary: 'The events the hub received after a cursor (owner, members, supervisors)',
        description:
          "In the order the hub received them, so an event never comes before the events it was built on. Pass the answer's cursor as `after` for the next page while `more` is true.",
        tags: TAGS,
        security: DEVICE_AUTH,
        params: jsonSchema(runParamsSchema),
        querystring: jsonSchema(pullEventsQuerySchema),
        response: {
          200: ok('A page of events', pullEventsResponseSchema),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request): Promise<PullEventsResponse> => {
      const query = parseInput(pullEventsQuerySchema, request.query, 'query');
      return pullEvents(context, principalOf(request), runIdOf(request.params), query);
    },
  );

  registerEvidenceRoutes(app, context);
}

/** Evidence files of a run (evidence-relay.ts), in their own scope for the octet-stream parser. */
function registerEvidenceRoutes(app: FastifyInstance, context: HubContext): void {
  const runIdOf = (params: unknown) => parseInput(runParamsSchema, params, 'path').runId;
  const fileOf = (params: unknown) => parseInput(evidenceParamsSchema, params, 'path');
  const limit = SHARED_RUN_LIMITS.evidenceBytes;
  void app.register(async (scoped) => {
    scoped.addContentTypeParser(
      EVIDENCE_CONTENT_TYPE,
      { parseAs: 'buffer' },
      (_request, body, done) => done(null, body),
    );

    scoped.get(
      PATHS.runEvidenceList,
      {
        schema: {
          summary: "The evidence files the run's events name (its owner and members)",
          description:
            'Every file an accepted `attach` event of the run names, with its size and whether the hub holds its bytes: a device uploads those it holds that the hub lacks, and downloads those it lacks that the hub holds.',
          tags: TAGS,
          security: DEVICE_AUTH,
          params: jsonSchema(runParamsSchema),
          response: {
            200: ok('The files', runEvidenceListResponseSchema),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (request) => listEvidence(context, principalOf(request), runIdOf(request.params)),
    );

    scoped.post(
      PATHS.runEvidence,
      {
        ...acceptsBody({
          purpose: 'upload the evidence files of runs',
          contentTypes: [EVIDENCE_CONTENT_TYPE],
          limits: { admin: limit, coordinator: limit, engineer: limit },
        }),
        preParsing: async (request, _reply, payload) => {
          const { runId } = fileOf(request.params);
          await requireEvidenceMember(context, principalOf(request), runId, 'upload');
          return payload;
        },
        schema: {
          summary: "Upload an evidence file's bytes (the run's owner and members)",
          description:
            'The body is the file, byte for byte. The hub hashes it: bytes that are not the SHA-256 of the path are refused (400). Only a file that an event of the run the hub holds attaches is taken (else 409: push that event first). The same file again: 200, stored once.',
          tags: TAGS,
          security: DEVICE_AUTH,
          params: jsonSchema(evidenceParamsSchema),
          body: {
            content: { [EVIDENCE_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } } },
          },
          response: {
            201: ok('Stored', evidenceUploadReceiptSchema),
            200: ok('Held already: nothing changed', evidenceUploadReceiptSchema),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      async (request, reply) => {
        const { runId, hash: sha256 } = fileOf(request.params);
        if (!Buffer.isBuffer(request.body)) {
          throw badRequest(
            `Send the evidence file as the body, with Content-Type: ${EVIDENCE_CONTENT_TYPE}.`,
          );
        }
        const outcome = await uploadEvidence(
          context,
          principalOf(request),
          runId,
          sha256,
          request.body,
        );
        return reply.status(outcome.status).send(outcome.receipt);
      },
    );

    scoped.get(
      PATHS.runEvidence,
      {
        schema: {
          summary: "Download an evidence file's bytes (the run's owner and members)",
          description:
            'Only files an event of the run names, once uploaded (404 otherwise, saying which). The device checks the bytes against the SHA-256 before keeping them.',
          tags: TAGS,
          security: DEVICE_AUTH,
          params: jsonSchema(evidenceParamsSchema),
          response: {
            200: content('The file, byte for byte', EVIDENCE_CONTENT_TYPE),
            ...errors(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const { runId, hash: sha256 } = fileOf(request.params);
        const bytes = await downloadEvidence(context, principalOf(request), runId, sha256);
        return reply
          .header('content-type', EVIDENCE_CONTENT_TYPE)
          .header('content-disposition', `attachment; filename="${sha256}"`)
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    );
  });
}
