// The hub as the relay of a shared run's events (POST and GET /v1/runs/:runId/events): a device
// pushes its own chain, judged by push-rules.ts and appended in one transaction (all or nothing);
// everyone who may pull gets the events in the order the hub received them, page by page, by a
// per-run cursor. The receipt names the chain's head as the hub holds it after the push, which is
// what lets the device stop re-sending.
import type { RunEvent } from '../../core/runs/run-event';
import type {
  PullEventsQuery,
  PullEventsResponse,
  PushEventsReceipt,
} from '../../core/sync/wire-protocol';
import { SHARED_RUN_LIMITS } from '../../core/sync/wire-protocol';
import type { Principal } from '../auth';
import type { HubContext } from '../hub-context';
import { nowIso } from '../hub-context';
import { checkEventTypes, checkPushedEvents, planPush, type Pusher } from './push-rules';
import { noSuchRun, pushableTypes, relationTo, requirePuller } from './run-access';
import { visibleRun } from './share-run';

function pusherOf(principal: Principal): Pusher {
  return {
    userId: principal.user.userId,
    name: principal.user.name,
    profileId: principal.device.profileId,
    deviceId: principal.device.deviceId,
  };
}

/** Refuses, before the body is read, a caller who may not push to this run (404 or 403). */
export async function requirePusher(
  context: HubContext,
  principal: Principal,
  runId: string,
): Promise<void> {
  const { run, members } = await visibleRun(context, principal.user, runId);
  pushableTypes(relationTo(principal.user, run, members), run);
}

export async function pushEvents(
  context: HubContext,
  principal: Principal,
  runId: string,
  events: readonly RunEvent[],
): Promise<{ status: 200 | 201; receipt: PushEventsReceipt }> {
  const { run, members } = await visibleRun(context, principal.user, runId);
  const pusher = pusherOf(principal);
  checkEventTypes(events, pushableTypes(relationTo(principal.user, run, members), run));
  const chain = checkPushedEvents(runId, events, pusher);
  const result = await context.store.sharedRuns.pushEvents(
    {
      runId,
      chain,
      fromSeq: events[0]?.seq ?? 1,
      toSeq: events.at(-1)?.seq ?? 1,
      deviceId: pusher.deviceId,
      userId: pusher.userId,
      receivedAt: nowIso(context),
    },
    (state) => {
      // Judged again under the run's lock: a removal committed since the check above wins.
      const relation = relationTo(principal.user, state.run, state.members);
      checkEventTypes(events, pushableTypes(relation, state.run));
      return planPush(events, state, pusher);
    },
  );
  if (!result) throw noSuchRun(runId);
  return {
    status: result.accepted > 0 ? 201 : 200,
    receipt: {
      runId,
      chain,
      seq: result.chain.length,
      head: result.chain.head,
      accepted: result.accepted,
      duplicates: result.duplicates,
    },
  };
}

/** A page of the run's events after the cursor, for those who may pull them. */
export async function pullEvents(
  context: HubContext,
  principal: Principal,
  runId: string,
  query: PullEventsQuery,
): Promise<PullEventsResponse> {
  const { run, members } = await visibleRun(context, principal.user, runId);
  requirePuller(relationTo(principal.user, run, members), run);
  const limit = query.limit ?? SHARED_RUN_LIMITS.eventsPerRequest;
  const page = await context.store.sharedRuns.events(runId, query.after, limit + 1);
  const events = page.slice(0, limit);
  return {
    runId,
    events: events.map((stored) => stored.event),
    cursor: events.at(-1)?.cursor ?? query.after,
    more: page.length > limit,
  };
}
