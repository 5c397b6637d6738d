// Who may do what with a shared run. The owner (the administrator or coordinator who shared it)
// changes its members and plan; the owner and its current members push and pull its events;
// supervisors of the run's office see it and pull its events, and may push only the event types
// they decide on (waiver approvals, issue 16); a removed member still sees the run with their
// removal (their app tells them) but may neither push nor pull. Anyone else is told nothing about
// the run, not even that it exists: the same 404 as for a run that does not exist.
import type { EventType } from '../../core/runs/actions';
import { forbidden, notFound } from '../hub-error';
import { MEMBER_EVENT_TYPES } from './push-rules';
import type { UserRecord } from '../store/hub-store';
import type { MemberRecord, SharedRunRecord } from './run-store';

/**
 * The event types a supervisor of the run's office may push (they are not members): their
 * decisions on waivers (issue 16, four eyes). Another kind of supervisor event is one more entry.
 */
export const SUPERVISOR_EVENT_TYPES: readonly EventType[] = ['decideWaiver'];

export type RunRelation =
  | { kind: 'owner' }
  | { kind: 'member'; member: MemberRecord }
  | { kind: 'supervisor' }
  | { kind: 'removed'; member: MemberRecord }
  | { kind: 'none' };

/** What the user is to the run; the strongest relation wins (an owner is never also a member). */
export function relationTo(
  user: UserRecord,
  run: SharedRunRecord,
  members: readonly MemberRecord[],
): RunRelation {
  if (run.ownerId === user.userId) return { kind: 'owner' };
  const member = members.find((entry) => entry.userId === user.userId);
  if (member && member.removedAt === null) return { kind: 'member', member };
  if (user.role === 'supervisor' && user.supervises.includes(run.office)) {
    return { kind: 'supervisor' };
  }
  if (member) return { kind: 'removed', member };
  return { kind: 'none' };
}

export function noSuchRun(runId: string) {
  return notFound(`The hub has no shared run ${runId} that you may see.`);
}

function removedMessage(run: SharedRunRecord, member: MemberRecord): string {
  return `You were removed from the run "${run.name}" on ${member.removedAt ?? '?'}: the hub accepts and sends no more of its events for you. Your work on it stays on your device.`;
}

/** The run is the user's to see (GET): anything but no relation at all. */
export function requireViewer(relation: RunRelation, runId: string): void {
  if (relation.kind === 'none') throw noSuchRun(runId);
}

/** Only the owner changes members and the plan. */
export function requireOwner(relation: RunRelation, run: SharedRunRecord, what: string): void {
  if (relation.kind === 'none') throw noSuchRun(run.runId);
  if (relation.kind !== 'owner') {
    throw forbidden(`Only the run's owner may ${what}; you are not the owner of "${run.name}".`);
  }
}

/** Pulling events: the owner, current members and supervisors of the run's office. */
export function requirePuller(relation: RunRelation, run: SharedRunRecord): void {
  if (relation.kind === 'none') throw noSuchRun(run.runId);
  if (relation.kind === 'removed') throw forbidden(removedMessage(run, relation.member));
}

/** The event types the user may push to the run ('all' for its owner; members all but assign). */
export function pushableTypes(
  relation: RunRelation,
  run: SharedRunRecord,
): 'all' | readonly EventType[] {
  switch (relation.kind) {
    case 'owner':
      return 'all';
    case 'member':
      return MEMBER_EVENT_TYPES;
    case 'supervisor':
      return SUPERVISOR_EVENT_TYPES;
    case 'removed':
      throw forbidden(removedMessage(run, relation.member));
    case 'none':
      throw noSuchRun(run.runId);
  }
}
