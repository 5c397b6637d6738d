// The rules a push of events must pass before the hub keeps any of it: all or nothing. The hub is a
// relay, not a judge of what the events say (the devices' verifier checks every `before` and the
// merge), but it guards what it relays:
//  - one device log per push, in seq order without gaps, every event of this run, each hashing to
//    its own hash (hashEvent), recorded as the pushing person (their hub user id, or the local
//    profile id their device registered at enrollment), of a type the pusher may push (a member
//    pushes every type but the owner's: only the owner reassigns items);
//  - the log belongs to the device that pushed its first event;
//  - each event lands exactly after the hub's head of that log: an event the hub holds already is
//    a duplicate (a retry after a lost answer: counted, not stored again), a different event at a
//    held seq is a fork (409), a seq beyond the head is a gap (409);
//  - every event its clock names is held by the hub, so a device pulling in cursor order always
//    has an event's causal past before the event (409 otherwise).
// The static rules need only the body; the others run in the push's transaction, under the run's
// lock, on what the store holds then.
import type { EventType } from '../../core/runs/actions';
import { EVENT_TYPES } from '../../core/runs/run-event-schema';
import { GENESIS_HASH, hashEvent } from '../../core/runs/run-event';
import type { RunEvent } from '../../core/runs/run-event';
import { badRequest, conflict, forbidden } from '../hub-error';
import type { PushPlan, PushState } from './run-store';

export interface Pusher {
  userId: string;
  name: string;
  /** The app's local profile id on this device (enrollment), or null. */
  profileId: string | null;
  deviceId: string;
}

const label = (index: number, event: RunEvent) => `events[${index}] (event ${event.seq})`;

/** The rules that need only the body. Returns the device log the push is for. */
export function checkPushedEvents(
  runId: string,
  events: readonly RunEvent[],
  pusher: Pusher,
): string {
  const first = events[0];
  if (!first) throw badRequest('A push carries at least one event.');
  const chain = first.chain;
  events.forEach((event, index) => {
    if (event.chain !== chain) {
      throw badRequest(
        `A push carries the events of one device log: ${label(index, event)} is of device log ${event.chain}, events[0] of ${chain}.`,
      );
    }
    if (index > 0 && event.seq !== first.seq + index) {
      throw badRequest(
        `${label(index, event)} follows event ${events[index - 1]?.seq ?? '?'}: send a device log's events in order, without gaps.`,
      );
    }
    if (event.runId !== runId) {
      throw badRequest(`${label(index, event)} belongs to run ${event.runId}, not to ${runId}.`);
    }
    if (hashEvent(event) !== event.hash) {
      throw badRequest(
        `${label(index, event)} does not hash to the hash it carries: it was changed after it was recorded.`,
      );
    }
    if (event.actor.id !== pusher.userId && event.actor.id !== pusher.profileId) {
      throw forbidden(
        `${label(index, event)} is recorded as ${event.actor.name} (${event.actor.id}); this device pushes the work of ${pusher.name} only.`,
      );
    }
    if (event.clock && Object.hasOwn(event.clock, chain)) {
      throw badRequest(`${label(index, event)} names its own device log in its causal clock.`);
    }
  });
  return chain;
}

/** Event types only the run's owner may push: reassigning items (core/runs/assignment.ts). */
export const OWNER_EVENT_TYPES: readonly EventType[] = ['assign'];

/** What a member of the run may push: everything but the owner's. */
export const MEMBER_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter(
  (type) => !OWNER_EVENT_TYPES.includes(type),
);

/** Only the event types the pusher may push ('all' for the run's owner). */
export function checkEventTypes(
  events: readonly RunEvent[],
  types: 'all' | readonly EventType[],
): void {
  if (types === 'all') return;
  events.forEach((event, index) => {
    if (types.includes(event.type)) return;
    if (OWNER_EVENT_TYPES.includes(event.type)) {
      throw forbidden(
        `Only the run's owner may reassign items; ${label(index, event)} is an ${event.type} recorded by ${event.actor.name}. Nothing was stored.`,
      );
    }
    throw forbidden(
      types.length === 0
        ? `You may read this run but not push events to it (${label(index, event)} is a ${event.type}).`
        : `You may push only ${types.join(', ')} events to this run; ${label(index, event)} is a ${event.type}.`,
    );
  });
}

/** The rules on what the hub holds: which events are new, which are duplicates; throws to refuse. */
export function planPush(events: readonly RunEvent[], state: PushState, pusher: Pusher): PushPlan {
  const chain = events[0]?.chain ?? '';
  if (state.chain && state.chain.deviceId !== pusher.deviceId) {
    throw forbidden(
      `Device log ${chain} of this run is another device's: each device pushes only its own log.`,
    );
  }
  let length = state.chain?.length ?? 0;
  let head = state.chain?.head ?? GENESIS_HASH;
  const append: RunEvent[] = [];
  let duplicates = 0;
  events.forEach((event, index) => {
    if (event.seq <= length) {
      const held = state.held.get(event.seq);
      if (held === event.hash) {
        duplicates += 1;
        return;
      }
      throw conflict(
        `The hub holds a different event ${event.seq} of device log ${chain} (${label(index, event)} differs): this history forked, so nothing was stored.`,
      );
    }
    if (event.seq > length + 1) {
      throw conflict(
        `The hub holds events 1 to ${length} of device log ${chain}; this push starts at event ${event.seq}. Send from event ${length + 1}.`,
      );
    }
    if (event.prevHash !== head) {
      throw conflict(
        `${label(index, event)} does not follow event ${length} the hub holds of device log ${chain} (its prevHash differs): this history forked, so nothing was stored.`,
      );
    }
    for (const [other, count] of Object.entries(event.clock ?? {})) {
      const held = state.lengths.get(other) ?? 0;
      if (held < count) {
        throw conflict(
          `${label(index, event)} depends on events the hub does not have: event ${count} of device log ${other} (the hub holds ${held}). Nothing was stored.`,
        );
      }
    }
    append.push(event);
    length = event.seq;
    head = event.hash;
  });
  return { append, duplicates };
}
